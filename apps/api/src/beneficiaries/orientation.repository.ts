import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Diagnostic } from './diagnostic.entity.js';

/** A venue an orientation may list, with the coordinates to measure it from. */
export interface OrientationRow {
  id: string;
  name: string;
  itinerant: boolean;
  address: string | null;
  postalCode: string | null;
  communeName: string | null;
  inseeCode: string | null;
  latitude: string | null;
  longitude: string | null;
  centreLatitude: string | null;
  centreLongitude: string | null;
  openingHours: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  accessModalities: string[];
  services: string[];
}

/**
 * Venues for one commune, programme and set of services, in one statement. Candidates come from
 * two indexes (IDX_venue_insee for the venues in the commune, the GIN IDX_venue_served_insee_codes
 * for those visiting it); the ordering distance is the haversine formula of libs/domain's
 * `distanceKm` written in SQL, so that LIMIT keeps the nearest.
 */
export const ORIENTATION_SQL = `
  WITH centre AS (SELECT latitude::float8 AS lat, longitude::float8 AS lon
                  FROM commune WHERE insee_code = $1)
  SELECT v.id, v.name, 'Itinérant' = ANY(v.itinerance) AS itinerant,
         concat_ws(', ', v.address, v.address_complement) AS address,
         v.postal_code AS "postalCode", v.commune_name AS "communeName", v.insee_code AS "inseeCode",
         v.latitude, v.longitude, c.lat AS "centreLatitude", c.lon AS "centreLongitude",
         v.horaires AS "openingHours", v.phone, v.email, v.website,
         v.access_modalities AS "accessModalities",
         ARRAY(SELECT s FROM unnest($3::text[]) s WHERE s = ANY(v.services)) AS services
  FROM venue v
  LEFT JOIN centre c ON true
  WHERE v.qualification_status = 'QUALIFIED'
    AND (v.insee_code = $1 OR v.served_insee_codes @> ARRAY[$1]::text[])
    AND v.services && $3::text[]
    AND EXISTS (SELECT 1 FROM enrolment e
                WHERE e.programme_id = $2
                  AND (e.insee_code = v.insee_code OR e.insee_code = ANY(v.served_insee_codes)))
  ORDER BY 2 * 6371.0088 * asin(least(1, sqrt(
             sin(radians(v.latitude::float8 - c.lat) / 2) ^ 2
             + cos(radians(c.lat)) * cos(radians(v.latitude::float8))
               * sin(radians(v.longitude::float8 - c.lon) / 2) ^ 2))) NULLS LAST,
           v.name, v.id
  LIMIT $4`;

@Injectable()
export class OrientationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One diagnostic of a beneficiary, or its latest when no id is given. */
  diagnostic(beneficiaryId: string, diagnosticId: string | undefined): Promise<Diagnostic | null> {
    return this.dataSource.manager.findOne(Diagnostic, {
      where: diagnosticId ? { id: diagnosticId, beneficiaryId } : { beneficiaryId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  /**
   * QUALIFIED venues serving the programme (one of their communes enrolled), in or visiting the
   * commune, offering one of the services: nearest first, without coordinates after, by name.
   */
  venues(
    inseeCode: string,
    programmeId: string,
    services: readonly string[],
    limit: number,
  ): Promise<OrientationRow[]> {
    return this.dataSource.query<OrientationRow[]>(ORIENTATION_SQL, [
      inseeCode,
      programmeId,
      services,
      limit,
    ]);
  }
}
