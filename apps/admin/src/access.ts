import type { Role } from './choices';

/**
 * Which roles may open each resource's pages, in menu order. The API enforces the same rules on
 * every call; this table only spares users pages that would answer 403. A new resource is one
 * line here plus its <Resource> in App.tsx.
 */
export const resourceRoles: Record<string, readonly Role[]> = {
  // « Tableau de bord » (a custom route, see reports/index.ts): a programme's figures for those
  // who steer or fund it, a commune's for its référent (the API narrows each one's scope).
  reports: ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER', 'COMMUNE_REFERENT'],
  programmes: [
    'ADMIN',
    'PROGRAMME_MANAGER',
    'FINANCE_OFFICER',
    'FUNDER_VIEWER',
    'COMMUNE_REFERENT',
  ],
  // The counter: people, their diagnostic, the hand-out. Personal data, so only those who work
  // with them: not the administrator, and a référent sees counts, never people.
  beneficiaries: ['PROGRAMME_MANAGER', 'PRESCRIBER_AGENT'],
  // Each custodian sees the carnets in its own custody (the API filters them).
  carnets: ['ADMIN', 'PROGRAMME_MANAGER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT'],
  // A venue's « Encaisser des chèques » and its « Historique » (custom routes, see
  // redemptions/index.ts): only a venue redeems and cancels its own redemptions.
  redeem: ['VENUE_STAFF'],
  redemptions: ['VENUE_STAFF'],
  // The « Vérifier un chèque » page (a custom route, see cheques/index.ts), not a resource.
  cheques: ['ADMIN', 'PROGRAMME_MANAGER', 'VENUE_STAFF'],
  funders: ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER'],
  communes: ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'COMMUNE_REFERENT'],
  // A commune referent sees and registers the structures of its own commune.
  prescribers: ['ADMIN', 'PROGRAMME_MANAGER', 'COMMUNE_REFERENT'],
  // Trainings of agents: a référent records those of its commune's agents.
  trainings: ['ADMIN', 'PROGRAMME_MANAGER', 'COMMUNE_REFERENT'],
  // A venue's staff sees its own venue only (« Mon lieu »): the API lists no other.
  venues: ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF'],
  'pending-bank-accounts': ['ADMIN', 'FINANCE_OFFICER'],
  // The monthly batches that pay the venues: finance officers act, a programme manager reads.
  'reimbursement-batches': ['ADMIN', 'FINANCE_OFFICER', 'PROGRAMME_MANAGER'],
  // « Mes relevés » (a custom route, see reimbursements/index.ts): a venue's own statements.
  statements: ['VENUE_STAFF'],
  // « Mes chiffres » (a custom route, see reports/index.ts): a venue's own figures.
  venueFigures: ['VENUE_STAFF'],
  users: ['ADMIN'],
  'api-clients': ['ADMIN'],
  organisations: ['ADMIN'],
};

/**
 * Roles that may change a resource (create, edit and its own actions: activate, allocate,
 * import…) when fewer than its readers. A resource missing here is written by all its readers.
 */
const resourceWriters: Record<string, readonly Role[]> = {
  programmes: ['ADMIN', 'PROGRAMME_MANAGER'],
  funders: ['ADMIN', 'PROGRAMME_MANAGER'],
  communes: ['ADMIN', 'PROGRAMME_MANAGER'],
  // Staff edit their own venue's description; its bank details have their own rule below.
  venues: ['ADMIN', 'PROGRAMME_MANAGER', 'VENUE_STAFF'],
  // Create, approve, export, record payments: the API's rule for batches.
  'reimbursement-batches': ['ADMIN', 'FINANCE_OFFICER'],
};

/**
 * Actions open to other roles than the resource's writers: `resource.action`. Checked before
 * the writers, like restrictedReads.
 */
const restrictedActions: Record<string, readonly Role[]> = {
  // « Mettre à jour » the figures now rather than at the next scheduled refresh.
  'reports.refresh': ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER'],
  'venues.create': ['ADMIN', 'PROGRAMME_MANAGER'],
  'venues.import': ['ADMIN', 'PROGRAMME_MANAGER'],
  'venues.qualify': ['ADMIN', 'PROGRAMME_MANAGER'],
  // The venue's own staff or a finance officer enters the details; only the latter verifies
  // them, and never the same officer (the API's four-eyes rule).
  'venues.bankAccount': ['ADMIN', 'FINANCE_OFFICER', 'VENUE_STAFF'],
  'venues.verifyBankAccount': ['ADMIN', 'FINANCE_OFFICER'],
  // Every custodian moves the carnets it holds; only the programme owner cancels and replaces.
  'carnets.cancel': ['ADMIN', 'PROGRAMME_MANAGER'],
  'carnets.replace': ['ADMIN', 'PROGRAMME_MANAGER'],
  'cheques.cancel': ['ADMIN', 'PROGRAMME_MANAGER'],
  'cheques.unlock': ['ADMIN', 'PROGRAMME_MANAGER'],
  // A structure's agents: the programme team and the référents of its commune (the API answers
  // 404 to the others).
  'prescribers.agents': ['ADMIN', 'PROGRAMME_MANAGER', 'COMMUNE_REFERENT'],
  // One more carnet for a household that reached its limit, with a justification: the
  // programme owner's decision.
  'beneficiaries.householdException': ['PROGRAMME_MANAGER'],
  // The programme owner looks a cheque up without the security code printed on it; a venue
  // must type it.
  'cheques.checkWithoutCode': ['ADMIN', 'PROGRAMME_MANAGER'],
};

/** Read-only parts of a resource open to fewer roles than the resource: `resource.action`. */
const restrictedReads: Record<string, readonly Role[]> = {
  // A commune referent sees its own allocation line, not the programme's money.
  'programmes.budget': ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER'],
  // A funder reads the programmes it pays for and their budget, not the communes' files (the
  // API answers it empty lists).
  'programmes.enrolments': ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'COMMUNE_REFERENT'],
  'programmes.criteria': ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'COMMUNE_REFERENT'],
  // Issuance runs and their print files (security codes) are the programme owner's alone.
  'programmes.issuances': ['ADMIN', 'PROGRAMME_MANAGER'],
  // Stocks are the custodians' business: a referent sees its commune's and its prescribers'.
  'programmes.stocks': ['ADMIN', 'PROGRAMME_MANAGER', 'COMMUNE_REFERENT'],
  // The audit trail of a cheque.
  'cheques.history': ['ADMIN', 'PROGRAMME_MANAGER'],
};

/** react-admin's read actions; any other action changes something. */
const READ_ACTIONS = new Set(['list', 'show', 'export']);

export function roleCanAccess(role: Role, resource: string, action = 'list'): boolean {
  const readers = resourceRoles[resource];
  if (!readers?.includes(role)) return false;
  const restricted =
    restrictedReads[`${resource}.${action}`] ?? restrictedActions[`${resource}.${action}`];
  if (restricted) return restricted.includes(role);
  if (READ_ACTIONS.has(action)) return true;
  return (resourceWriters[resource] ?? readers).includes(role);
}
