import { Foundation1795396869725 } from './1795396869725-Foundation.js';
import { TerritoryAndFunding1795399577977 } from './1795399577977-TerritoryAndFunding.js';
import { Venues1795400291398 } from './1795400291398-Venues.js';

/** Every migration, in order. `npm run migration:generate` writes new ones next to this file. */
export const MIGRATIONS = [
  Foundation1795396869725,
  TerritoryAndFunding1795399577977,
  Venues1795400291398,
];
