import type { INestApplicationContext } from '@nestjs/common';
import { AGE_BANDS, BENEFICIARY_SITUATIONS, EQUIPMENT, ONLINE_PROCEDURES } from '@carnet/domain';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { User } from '#src/auth/user.entity.js';
import { BeneficiariesService } from '#src/beneficiaries/beneficiaries.service.js';
import { DiagnosticsService } from '#src/beneficiaries/diagnostics.service.js';
import { HandOutsService } from '#src/beneficiaries/hand-outs.service.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';

/** The second demo run: carnets for the structures to hand out to the demo's beneficiaries. */
export const DEMO_PRESCRIBED_CARNETS = 320;

const LENS = '62498';
const LIEVIN = '62510';
const AVION = '62065';

/**
 * The commune lagging behind: Avion received its carnets like the others, but its two structures
 * (the mairie, the association Avion Connecté) register few people and hand a carnet to fewer of
 * them, and its residents use few of their cheques (demo-redemptions.ts).
 */
export const DEMO_LAGGING_COMMUNE = AVION;

/** Serial offsets of the second run each commune receives (the rest of its boxes stay there). */
const DELIVERIES: [string, [number, number]][] = [
  [LENS, [0, 139]],
  [LIEVIN, [140, 269]],
  [AVION, [270, 319]],
];

/** A structure of the demo, its commune, its agent and how many people it registered. */
interface Counter {
  structure: string;
  inseeCode: string;
  agent: string;
  people: number;
  /** The share of them who leave with a carnet (a household's second person gets none). */
  handedOut: number;
  /** Serial offsets in the second run, received from its commune's. */
  carnets: [number, number];
  /** Communes the people come from (the structure's own first). */
  communes: string[];
  streets: string[];
}

const COUNTERS: Counter[] = [
  {
    structure: 'CCAS de Lens',
    inseeCode: LENS,
    agent: 'prescriber@demo.carnet.fr',
    people: 80,
    handedOut: 0.85,
    carnets: [0, 69],
    communes: [LENS],
    streets: ['rue de la Gare', 'boulevard Basly', 'rue Decrombecque', 'avenue Alfred Maës'],
  },
  {
    structure: 'Centre social Jean Jaurès',
    inseeCode: LENS,
    agent: 'agent.jaures@demo.carnet.fr',
    people: 65,
    handedOut: 0.85,
    carnets: [70, 124],
    communes: [LENS],
    streets: ['rue Jean Jaurès', 'cité 12', 'rue de Lille', 'rue Paul Bert'],
  },
  {
    structure: 'CCAS de Liévin',
    inseeCode: LIEVIN,
    agent: 'agent.ccas-lievin@demo.carnet.fr',
    people: 60,
    handedOut: 0.85,
    carnets: [140, 189],
    communes: [LIEVIN],
    streets: ['rue Jean-Baptiste Defernez', 'rue de Riaumont', 'rue Thiers'],
  },
  {
    structure: 'France Services de Liévin',
    inseeCode: LIEVIN,
    agent: 'agent.fs-lievin@demo.carnet.fr',
    people: 55,
    handedOut: 0.85,
    carnets: [190, 236],
    communes: [LIEVIN, AVION, '62291', '62032'],
    streets: ['rue Édouard Vaillant', 'rue Victor Hugo', 'rue Montgolfier'],
  },
  {
    structure: 'Médiathèque Louis Aragon',
    inseeCode: LIEVIN,
    agent: 'agent.aragon@demo.carnet.fr',
    people: 25,
    handedOut: 0.85,
    carnets: [237, 256],
    communes: [LIEVIN],
    streets: ['rue Casimir Beugnet', 'place Gambetta'],
  },
  {
    structure: "Mairie d'Avion",
    inseeCode: AVION,
    agent: 'agent.mairie-avion@demo.carnet.fr',
    people: 14,
    handedOut: 0.6,
    carnets: [270, 289],
    communes: [AVION],
    streets: ['rue Émile Zola', 'rue Jules Guesde', 'avenue Kennedy'],
  },
  {
    structure: 'Avion Connecté (association)',
    inseeCode: AVION,
    agent: 'agent.avion-connecte@demo.carnet.fr',
    people: 12,
    handedOut: 0.6,
    carnets: [290, 304],
    communes: [AVION, LENS],
    streets: ['rue Anatole France', 'cité Montgré', 'rue de la République'],
  },
];

/** The people the demo's structures registered. */
export const DEMO_BENEFICIARIES = COUNTERS.reduce((sum, c) => sum + c.people, 0);

const FIRST_NAMES = [
  'Josiane',
  'Mohamed',
  'Monique',
  'Kévin',
  'Françoise',
  'Abdel',
  'Ginette',
  'Dylan',
  'Bernadette',
  'Sofiane',
  'Christiane',
  'Jordan',
  'Yvette',
  'Nordine',
  'Marie-Thérèse',
  'Lucas',
];

const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Utilisation sécurisée du numérique',
];

/** A small deterministic generator (mulberry32): the same demo at every start. */
export function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * ~300 beneficiaries of the demo's seven structures, each with a diagnostic; about four in five
 * hold a carnet handed out by their structure (a few share a household with someone who already
 * has one, and get none, as the rule says), fewer in Avion, the lagging commune. The carnets come
 * from a second issuance run, transferred down the chain; their cheques' codes are in that run's
 * CSV (« Émissions » tab), so a demo venue can redeem them.
 */
export async function seedBeneficiaries(
  app: INestApplicationContext,
  actor: Principal,
  programmeId: string,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const issuance = app.get(IssuanceService);
  const run = await issuance.request(actor, programmeId, DEMO_PRESCRIBED_CARNETS);
  await issuance.run(run.id);
  const custody = app.get(CustodyService);
  const at = (offset: number) => run.firstSerial + offset;
  const range = (from: number, to: number) => ({ serialFrom: at(from), serialTo: at(to) });
  const note = 'Bordereau de livraison n° 2';
  for (const [inseeCode, carnets] of DELIVERIES) {
    await custody.transfer(actor, range(...carnets), { kind: 'COMMUNE', inseeCode }, note);
  }
  const structures = new Map(
    (await dataSource.query<{ id: string; name: string }[]>(`SELECT id, name FROM prescriber`)).map(
      (p) => [p.name, p.id],
    ),
  );
  for (const counter of COUNTERS) {
    await custody.transfer(actor, range(...counter.carnets), {
      kind: 'PRESCRIBER',
      prescriberId: structures.get(counter.structure)!,
    });
  }

  const random = generator(20261128);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const beneficiaries = app.get(BeneficiariesService);
  const diagnostics = app.get(DiagnosticsService);
  const handOuts = app.get(HandOutsService);
  for (const counter of COUNTERS) {
    const user = await dataSource.manager.findOneByOrFail(User, { email: counter.agent });
    const agent: Principal = {
      type: 'user',
      id: user.id,
      email: user.email,
      role: user.role,
      organisationId: user.organisationId,
      organisationKind: 'PRESCRIBER',
    };
    let serial = at(counter.carnets[0]);
    for (let i = 0; i < counter.people; i++) {
      // Every ninth person lives with the one before (same address): the household has its carnet
      // already, so the agent does not hand out another (the API would answer 409).
      const sameHousehold = i % 9 === 8;
      const number = sameHousehold ? i : i + 1;
      const address = `${number} ${counter.streets[number % counter.streets.length]}, ${counter.inseeCode}`;
      const withContact = random() < 0.2;
      const person = await beneficiaries.create(agent, {
        programmeId,
        inseeCode: i % 4 === 3 ? pick(counter.communes) : counter.communes[0],
        ...(random() < 0.5
          ? { ageBand: pick(AGE_BANDS) }
          : { birthYear: 1940 + Math.floor(random() * 65) }),
        situation: pick(BENEFICIARY_SITUATIONS),
        firstName: random() < 0.6 ? pick(FIRST_NAMES) : null,
        ...(withContact
          ? {
              // ARCEP keeps 06 39 98 xx xx for fiction: no real person is ever called.
              contact: `06 39 98 ${String(10 + (i % 90))} ${String(10 + ((i * 7) % 90))}`,
              consentScope: 'FOLLOW_UP' as const,
            }
          : {}),
        address,
      });
      const diagnostic = await diagnostics.create(agent, person.id, {
        services: [...new Set([pick(SERVICES), pick(SERVICES)])],
        procedures: [...new Set([pick(ONLINE_PROCEDURES), pick(ONLINE_PROCEDURES)])].slice(
          0,
          1 + Math.floor(random() * 2),
        ),
        autonomy: 1 + Math.floor(random() * 4),
        equipment: [pick(EQUIPMENT)],
        notes: null,
      });
      // About four in five leave with a carnet (fewer in Avion), within the structure's stock.
      if (sameHousehold || random() >= counter.handedOut || serial > at(counter.carnets[1])) {
        continue;
      }
      await handOuts.handOutOnce(
        agent,
        person.id,
        { carnetSerial: String(serial++), diagnosticId: diagnostic.id },
        null,
      );
    }
  }
}
