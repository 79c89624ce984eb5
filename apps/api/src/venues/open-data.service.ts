import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  fromSchemaLieuDeMediationNumerique,
  type SchemaLieuMediationNumerique,
  toSchemaLieuMediationNumerique,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import type { FieldError } from '#src/common/domain.exception.js';
import { paginate, type ListQueryDto, type Page } from '#src/common/pagination.dto.js';
import type { CreateVenueDto } from './dto/venue.dto.js';
import type { Venue } from './venue.entity.js';
import { VenueException, VenueExceptionCode } from './venue.exception.js';
import { VenuesRepository } from './venues.repository.js';
import { assertPivot, VenuesService } from './venues.service.js';

/** Extension column: the national schema has no field for "accepts the Pass numérique". */
export const ACCEPTS_PASS_COLUMN = 'accepte_pass_numerique';

export type PublicVenueRow = SchemaLieuMediationNumerique & { [ACCEPTS_PASS_COLUMN]: boolean };

/** Column order of exports: the schema's, then the extension. */
export const SCHEMA_COLUMNS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'itinerance',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const;

/** Venues published as open data: the qualified ones and the suspended ones (not accepting the pass). */
const PUBLISHED = ['QUALIFIED', 'SUSPENDED'] as const;

/**
 * Open data in the national schema of digital-mediation places (LieuxDeMediationNumerique
 * v1.0.2). Rows go through ANCT's own model (fromSchema… then toSchema…), so what we publish is
 * what the national cartography's tooling reads back.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly rows: VenuesRepository,
    private readonly venues: VenuesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  page(query: ListQueryDto): Promise<Page<PublicVenueRow>> {
    return paginate(
      query,
      { nom: 'name', commune: 'communeName' },
      { name: 'ASC' },
      async (order, skip, take) => {
        const [venues, total] = await this.rows.findPage(
          null,
          { statuses: [...PUBLISHED] },
          order,
          skip,
          take,
        );
        return [venues.map(toPublicRow), total];
      },
    );
  }

  async all(): Promise<PublicVenueRow[]> {
    const [venues] = await this.rows.findPage(
      null,
      { statuses: [...PUBLISHED] },
      { name: 'ASC' },
      0,
      100_000,
    );
    return venues.map(toPublicRow);
  }

  async csv(): Promise<string> {
    const rows = await this.all();
    return stringify(
      rows.map((r) => ({ ...r, [ACCEPTS_PASS_COLUMN]: r[ACCEPTS_PASS_COLUMN] ? 'true' : 'false' })),
      {
        header: true,
        columns: [...SCHEMA_COLUMNS, ACCEPTS_PASS_COLUMN],
      },
    );
  }

  /**
   * Onboards venues from a national-schema CSV: every line is checked first (schema values,
   * pivot, duplicates); one bad line and nothing is created. Venues start APPLIED.
   */
  async importCsv(actor: Principal, csv: unknown): Promise<{ created: number }> {
    if (typeof csv !== 'string' || csv.trim() === '') {
      throw new VenueException(
        VenueExceptionCode.VENUE_IMPORT_INVALID,
        'Send the CSV as text/csv in the request body.',
      );
    }
    let records: Record<string, string>[];
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        delimiter: [',', ';'],
      });
    } catch (error) {
      throw new VenueException(
        VenueExceptionCode.VENUE_IMPORT_INVALID,
        `The CSV cannot be read: ${(error as Error).message}`,
      );
    }
    const errors: FieldError[] = [];
    const inputs: CreateVenueDto[] = [];
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const line = index + 2;
      try {
        inputs.push(fromRow(record));
        const key = `${record.pivot}|${record.nom}|${record.adresse}`;
        if (seen.has(key))
          errors.push({ field: `line ${line}`, message: 'the same place appears twice' });
        seen.add(key);
      } catch (error) {
        errors.push({ field: `line ${line}`, message: (error as Error).message });
      }
    });
    if (errors.length > 0 || inputs.length === 0) {
      throw new VenueException(
        VenueExceptionCode.VENUE_IMPORT_INVALID,
        inputs.length === 0 && errors.length === 0
          ? 'The CSV has no venue.'
          : `${errors.length} problem(s) in the CSV; nothing was imported.`,
        errors,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      for (const input of inputs) await this.venues.create(actor, input, manager);
    });
    return { created: inputs.length };
  }
}

const split = (value: string | undefined): string[] =>
  value
    ? value
        .split('|')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

/** A schema row (as read from a CSV) to a venue, through ANCT's model, which validates it. */
function fromRow(record: Record<string, string>): CreateVenueDto {
  const latitude = record.latitude ? Number(record.latitude) : undefined;
  const longitude = record.longitude ? Number(record.longitude) : undefined;
  const lieu = fromSchemaLieuDeMediationNumerique({
    ...(record as unknown as SchemaLieuMediationNumerique),
    latitude,
    longitude,
    date_maj: record.date_maj || new Date().toISOString().slice(0, 10),
  });
  const schema = toSchemaLieuMediationNumerique(lieu);
  assertPivot(schema.pivot);
  return {
    name: schema.nom,
    pivot: schema.pivot,
    address: schema.adresse,
    ...(schema.complement_adresse ? { addressComplement: schema.complement_adresse } : {}),
    postalCode: schema.code_postal,
    communeName: schema.commune,
    ...(schema.code_insee ? { inseeCode: schema.code_insee } : {}),
    ...(schema.latitude !== undefined ? { latitude: schema.latitude } : {}),
    ...(schema.longitude !== undefined ? { longitude: schema.longitude } : {}),
    typologies: split(schema.typologie),
    itinerance: split(schema.itinerance),
    ...(schema.horaires ? { horaires: schema.horaires } : {}),
    services: split(schema.services),
    publics: split(schema.publics_specifiquement_adresses),
    specificSupport: split(schema.prise_en_charge_specifique),
    fees: split(schema.frais_a_charge),
    accessModalities: split(schema.modalites_acces),
    supportModalities: split(schema.modalites_accompagnement),
    ...(schema.telephone ? { phone: schema.telephone } : {}),
    ...(schema.courriels ? { email: split(schema.courriels)[0] } : {}),
    ...(schema.site_web ? { website: split(schema.site_web)[0] } : {}),
    ...(schema.presentation_resume ? { summary: schema.presentation_resume } : {}),
  };
}

/** A venue as a row of the national schema, plus the pass extension. */
export function toPublicRow(venue: Venue): PublicVenueRow {
  const join = (values: string[]) => (values.length > 0 ? values.join('|') : undefined);
  const raw: SchemaLieuMediationNumerique = {
    id: venue.id,
    pivot: venue.pivot,
    nom: venue.name,
    commune: venue.communeName,
    code_postal: venue.postalCode,
    adresse: venue.address,
    date_maj: venue.updatedAt.toISOString().slice(0, 10),
    source: 'Carnet',
    ...(venue.inseeCode ? { code_insee: venue.inseeCode } : {}),
    ...(venue.addressComplement ? { complement_adresse: venue.addressComplement } : {}),
    ...(venue.latitude !== null && venue.longitude !== null
      ? { latitude: venue.latitude, longitude: venue.longitude }
      : {}),
    ...(join(venue.typologies) ? { typologie: join(venue.typologies) } : {}),
    ...(venue.phone ? { telephone: venue.phone } : {}),
    ...(venue.email ? { courriels: venue.email } : {}),
    ...(venue.website ? { site_web: venue.website } : {}),
    ...(venue.horaires ? { horaires: venue.horaires } : {}),
    ...(venue.summary ? { presentation_resume: venue.summary } : {}),
    ...(join(venue.services) ? { services: join(venue.services) } : {}),
    ...(join(venue.publics) ? { publics_specifiquement_adresses: join(venue.publics) } : {}),
    ...(join(venue.specificSupport)
      ? { prise_en_charge_specifique: join(venue.specificSupport) }
      : {}),
    ...(join(venue.fees) ? { frais_a_charge: join(venue.fees) } : {}),
    ...(join(venue.itinerance) ? { itinerance: join(venue.itinerance) } : {}),
    ...(join(venue.accessModalities) ? { modalites_acces: join(venue.accessModalities) } : {}),
    ...(join(venue.supportModalities)
      ? { modalites_accompagnement: join(venue.supportModalities) }
      : {}),
  };
  const checked = toSchemaLieuMediationNumerique(fromSchemaLieuDeMediationNumerique(raw));
  return { ...checked, [ACCEPTS_PASS_COLUMN]: venue.qualificationStatus === 'QUALIFIED' };
}
