import type { HolderKind, Role } from '../choices';

/** Where carnets go from each holder: down the chain, or back up it (the API's rules). */
const nextHolders: Record<HolderKind, readonly HolderKind[]> = {
  PROGRAMME: ['COMMUNE'],
  COMMUNE: ['PRESCRIBER', 'PROGRAMME'],
  PRESCRIBER: ['COMMUNE'],
  // A beneficiary's carnet is not transferred (hand-outs are the prescribers' business).
  BENEFICIARY: [],
};

/**
 * Where each role sends the carnets in its custody: the programme owner anywhere; a commune to
 * its prescribers or back to the programme; a prescriber back to its commune.
 */
const roleDestinations: Partial<Record<Role, readonly HolderKind[]>> = {
  ADMIN: ['COMMUNE', 'PRESCRIBER', 'PROGRAMME'],
  PROGRAMME_MANAGER: ['COMMUNE', 'PRESCRIBER', 'PROGRAMME'],
  COMMUNE_REFERENT: ['PRESCRIBER', 'PROGRAMME'],
  PRESCRIBER_AGENT: ['COMMUNE'],
};

/** The destinations to offer: the role's, narrowed to the holder's when it is known. */
export function transferDestinations(
  role: Role | undefined,
  from: HolderKind | undefined,
): HolderKind[] {
  const mine = (role && roleDestinations[role]) ?? [];
  return from ? mine.filter((kind) => nextHolders[from].includes(kind)) : [...mine];
}
