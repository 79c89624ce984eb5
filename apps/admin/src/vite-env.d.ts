/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * Map tiles of the venue map, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. Unset by
   * default: the admin then calls no outside host and the map shows the venues on a plain ground.
   */
  readonly VITE_MAP_TILE_URL?: string;
  /** Attribution shown with those tiles, e.g. `© OpenStreetMap`. */
  readonly VITE_MAP_TILE_ATTRIBUTION?: string;
  /**
   * The e-mail address where people report an accessibility problem, shown on the
   * « Déclaration d'accessibilité » page. Defaults to the demo's `accessibilite@demo.carnet.fr`.
   */
  readonly VITE_ACCESSIBILITY_EMAIL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
