import type { Role } from '@carnet/domain';

/** Roles that read a programme and what hangs from it, each within its own scope. */
export const PROGRAMME_READERS: Role[] = [
  'PROGRAMME_MANAGER',
  'FINANCE_OFFICER',
  'FUNDER_VIEWER',
  'COMMUNE_REFERENT',
];
