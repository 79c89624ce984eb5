/**
 * Orientation of a beneficiary towards mediation venues: which services a diagnostic asks for,
 * and how far a venue is. Services are spelled as the national schema of mediation places spells
 * them (`LieuxDeMediationNumerique`), the way venues and diagnostics store them.
 */

/**
 * The schema's service for help with online administrative procedures (CAF, impôts, ANTS…): what
 * a diagnostic that names only online procedures needs.
 */
export const ONLINE_PROCEDURES_SERVICE = 'Aide aux démarches administratives';

/**
 * The services to look for at venues, from a diagnostic: the services it names; when it names
 * none but names online procedures, the service that covers online procedures (the schema has
 * one: « Aide aux démarches administratives »; « Maîtrise des outils numériques du quotidien » is
 * about handling devices, not procedures); when it names neither, every service the programme's
 * cheques pay for (`payable`, or the whole national list `all` when the programme names none), so
 * that a person is never oriented nowhere. Order and duplicates follow the input.
 */
export function neededServices(
  diagnostic: { services: readonly string[]; procedures: readonly string[] },
  payable: readonly string[],
  all: readonly string[],
): string[] {
  if (diagnostic.services.length > 0) return [...new Set(diagnostic.services)];
  if (diagnostic.procedures.length > 0) return [ONLINE_PROCEDURES_SERVICE];
  return [...new Set(payable.length > 0 ? payable : all)];
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Mean radius of the Earth (IUGG), in kilometres. */
const EARTH_RADIUS_KM = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Straight-line (great-circle) distance between two points, in kilometres, by the haversine
 * formula: what « nearest » means in an orientation list (not a road or transit distance).
 */
export function distanceKm(from: Coordinates, to: Coordinates): number {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A distance as shown to people: kilometres with one decimal. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}
