import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A commune as the official geographic code describes it. */
export interface OfficialCommune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
  population: number;
  siren: string | null;
  departement: string;
  epciSiren: string | null;
  epciName: string | null;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
}

interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface Territory {
  communes: Map<string, OfficialCommune>;
  epcis: Map<string, { name: string; members: string[] }>;
}

let loaded: Territory | undefined;

/**
 * The official geographic code shipped in @etalab/decoupage-administratif (no network at run
 * time), read once on first use: only current communes (not delegated or associated ones).
 */
function territory(): Territory {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const read = <T>(file: string): T =>
    JSON.parse(
      readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8'),
    ) as T;
  const epciList = read<RawEpci[]>('epci.json');
  const epciOf = new Map<string, RawEpci>();
  for (const epci of epciList) for (const member of epci.membres) epciOf.set(member.code, epci);
  const communes = new Map<string, OfficialCommune>();
  for (const raw of read<RawCommune[]>('communes.json')) {
    if (raw.type !== 'commune-actuelle') continue;
    const epci = epciOf.get(raw.code);
    communes.set(raw.code, {
      inseeCode: raw.code,
      name: raw.nom,
      postalCodes: raw.codesPostaux ?? [],
      population: raw.population ?? 0,
      siren: raw.siren ?? null,
      departement: raw.departement,
      epciSiren: epci?.code ?? null,
      epciName: epci?.nom ?? null,
    });
  }
  const epcis = new Map(
    epciList.map((e) => [e.code, { name: e.nom, members: e.membres.map((m) => m.code) }]),
  );
  loaded = { communes, epcis };
  return loaded;
}

/** The member communes of an EPCI by its SIREN, or undefined for an unknown EPCI. */
export function communesOfEpci(siren: string): OfficialCommune[] | undefined {
  const { epcis, communes } = territory();
  const epci = epcis.get(siren);
  if (!epci) return undefined;
  return epci.members.flatMap((code) => communes.get(code) ?? []);
}

/** The communes of a département by its code (62, 2A, 971…), or undefined when it has none. */
export function communesOfDepartement(code: string): OfficialCommune[] | undefined {
  const found = [...territory().communes.values()].filter((c) => c.departement === code);
  return found.length > 0 ? found : undefined;
}
