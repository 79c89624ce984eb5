// The background of the admin's maps (venues, communes of a report). Unset by default: the admin
// must never call an outside host unless told to (see vite-env.d.ts); the markers then stand on a
// plain ground.
export const TILE_URL = import.meta.env.VITE_MAP_TILE_URL;
export const TILE_ATTRIBUTION = import.meta.env.VITE_MAP_TILE_ATTRIBUTION ?? '';
/** The Pas-de-Calais mining basin, where the demo programme runs: the view before any marker. */
export const DEFAULT_CENTRE: [number, number] = [50.43, 2.83];
