/**
 * Where people report an accessibility problem: set at build time by the programme owner
 * (VITE_ACCESSIBILITY_EMAIL, see vite-env.d.ts); the demo's address otherwise.
 */
export const ACCESSIBILITY_EMAIL =
  import.meta.env.VITE_ACCESSIBILITY_EMAIL ?? 'accessibilite@demo.carnet.fr';
