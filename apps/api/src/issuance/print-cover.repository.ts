import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FunderKind } from '@carnet/domain';
import { DataSource } from 'typeorm';
import type { PrintFunder, PrintVenue } from './print/carnet-print.js';

/**
 * Venues for a carnet's cover, in one statement: QUALIFIED venues serving the programme (one of
 * their communes enrolled), nearest the commune's centre first (the haversine formula of
 * libs/domain's `distanceKm`, as orientation writes it); without a centre, those in or visiting
 * the commune first; then by name.
 */
const NEAREST_VENUES_SQL = `
  WITH centre AS (SELECT latitude::float8 AS lat, longitude::float8 AS lon
                  FROM commune WHERE insee_code = $1)
  SELECT v.name, concat_ws(', ', v.address, v.address_complement) AS street,
         v.postal_code AS "postalCode", v.commune_name AS "communeName", v.phone
  FROM venue v
  LEFT JOIN centre c ON true
  WHERE v.qualification_status = 'QUALIFIED'
    AND EXISTS (SELECT 1 FROM enrolment e
                WHERE e.programme_id = $2
                  AND (e.insee_code = v.insee_code OR e.insee_code = ANY(v.served_insee_codes)))
  ORDER BY 2 * 6371.0088 * asin(least(1, sqrt(
             sin(radians(v.latitude::float8 - c.lat) / 2) ^ 2
             + cos(radians(c.lat)) * cos(radians(v.latitude::float8))
               * sin(radians(v.longitude::float8 - c.lon) / 2) ^ 2))) NULLS LAST,
           (v.insee_code = $1 OR v.served_insee_codes @> ARRAY[$1]::text[]) DESC,
           v.name, v.id
  LIMIT $3`;

/** What the covers of a run's carnets print beyond the cheques: funders, communes, venues. */
@Injectable()
export class PrintCoverRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The programme's funders, largest share first, each with its logo's bytes if it has one. */
  async funders(programmeId: string): Promise<PrintFunder[]> {
    const rows = await this.dataSource.query<
      { name: string; kind: FunderKind; logo: Buffer | null }[]
    >(
      `SELECT f.name, f.kind, d.content AS logo
       FROM funding_share s
       JOIN funder f ON f.id = s.funder_id
       LEFT JOIN document d ON d.id = f.logo_document_id
       WHERE s.programme_id = $1
       ORDER BY s.basis_points DESC, f.name, f.id`,
      [programmeId],
    );
    return rows.map((row) => ({ name: row.name, kind: row.kind, logo: row.logo }));
  }

  /**
   * The commune (INSEE code) of the run's carnets (IDX_carnet_programme_serial) with serials in [from, to] that are allocated
   * to a commune or sit at a prescriber structure (its commune); the others are left out.
   */
  async communesOf(
    run: { id: string; programmeId: string },
    from: number,
    to: number,
  ): Promise<Map<number, string>> {
    const rows = await this.dataSource.query<{ serial: string; inseeCode: string }[]>(
      `SELECT c.serial, coalesce(h.insee_code, p.insee_code) AS "inseeCode"
       FROM carnet c
       JOIN custody_holder h ON h.id = c.holder_id
       LEFT JOIN prescriber p ON p.id = h.prescriber_id
       WHERE c.programme_id = $1 AND c.serial BETWEEN $2 AND $3 AND c.issuance_id = $4
         AND h.kind IN ('COMMUNE', 'PRESCRIBER')`,
      [run.programmeId, from, to, run.id],
    );
    return new Map(rows.map((row) => [Number(row.serial), row.inseeCode]));
  }

  /** The `limit` venues of the programme nearest the commune (see NEAREST_VENUES_SQL). */
  async nearestVenues(
    programmeId: string,
    inseeCode: string,
    limit: number,
  ): Promise<PrintVenue[]> {
    const rows = await this.dataSource.query<
      {
        name: string;
        street: string;
        postalCode: string;
        communeName: string;
        phone: string | null;
      }[]
    >(NEAREST_VENUES_SQL, [inseeCode, programmeId, limit]);
    return rows.map((row) => ({
      name: row.name,
      address: `${row.street}, ${row.postalCode} ${row.communeName}`,
      phone: row.phone,
    }));
  }
}
