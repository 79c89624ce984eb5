import { Foundation1795396869725 } from './1795396869725-Foundation.js';

/** Every migration, in order. `npm run migration:generate` writes new ones next to this file. */
export const MIGRATIONS = [Foundation1795396869725];
