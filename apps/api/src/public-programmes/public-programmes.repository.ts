import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PublicProgrammeRow {
  id: string;
  name: string;
  territoryLabel: string;
  payableServices: string[];
}

export interface PublicCommuneRow {
  inseeCode: string;
  name: string;
}

export interface PublicVenueRow {
  id: string;
  name: string;
  address: string;
  postalCode: string;
  communeName: string;
  inseeCode: string | null;
  latitude: string | null;
  longitude: string | null;
  itinerant: boolean;
  openingHours: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  accessModalities: string[];
  services: string[];
}

/**
 * The public page's reads (no login): active programmes, their enrolled communes, and the venues
 * where their cheques are accepted. Read only; the tables belong to funders, communes and venues.
 */
@Injectable()
export class PublicProgrammesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The ACTIVE programmes; one when `id` is given (none when it is not ACTIVE). */
  active(id?: string): Promise<PublicProgrammeRow[]> {
    return this.dataSource.query<PublicProgrammeRow[]>(
      `SELECT id, name, territory_label AS "territoryLabel", payable_services AS "payableServices"
       FROM programme
       WHERE status = 'ACTIVE' AND ($1::uuid IS NULL OR id = $1::uuid)
       ORDER BY name, id`,
      [id ?? null],
    );
  }

  communes(programmeId: string): Promise<PublicCommuneRow[]> {
    return this.dataSource.query<PublicCommuneRow[]>(
      `SELECT c.insee_code AS "inseeCode", c.name
       FROM enrolment e JOIN commune c ON c.insee_code = e.insee_code
       WHERE e.programme_id = $1`,
      [programmeId],
    );
  }

  /**
   * QUALIFIED venues (a suspended one is not) serving the programme (their commune, or one they
   * visit, is enrolled) and offering a service its cheques pay for; in or visiting `commune`,
   * offering `need` (and the cheques paying for it), when given. `services`: those of the venue's the cheques pay for.
   */
  venues(
    programmeId: string,
    payableServices: readonly string[],
    commune: string | null,
    need: string | null,
  ): Promise<PublicVenueRow[]> {
    return this.dataSource.query<PublicVenueRow[]>(
      `SELECT v.id, v.name, concat_ws(', ', v.address, v.address_complement) AS address,
              v.postal_code AS "postalCode", v.commune_name AS "communeName",
              v.insee_code AS "inseeCode", v.latitude, v.longitude,
              'Itinérant' = ANY(v.itinerance) AS itinerant, v.horaires AS "openingHours",
              v.phone, v.email, v.website, v.access_modalities AS "accessModalities",
              ARRAY(SELECT s FROM unnest(v.services) s WHERE s = ANY($2::text[])) AS services
       FROM venue v
       WHERE v.qualification_status = 'QUALIFIED'
         AND v.services && $2::text[]
         AND EXISTS (SELECT 1 FROM enrolment e
                     WHERE e.programme_id = $1
                       AND (e.insee_code = v.insee_code OR e.insee_code = ANY(v.served_insee_codes)))
         AND ($3::text IS NULL OR v.insee_code = $3 OR v.served_insee_codes @> ARRAY[$3]::text[])
         AND ($4::text IS NULL OR ($4 = ANY(v.services) AND $4 = ANY($2::text[])))
       ORDER BY v.commune_name, v.name, v.id`,
      [programmeId, payableServices, commune, need],
    );
  }
}
