import type { FunderKind } from '@carnet/domain';
import { Organisation } from '#src/auth/organisation.entity.js';
import type { UserPrincipal } from '#src/access/principal.js';
import { User } from '#src/auth/user.entity.js';
import { UsersService } from '#src/auth/users.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';
import { CommunesRepository } from '#src/communes/communes.repository.js';
import { CommunesService } from '#src/communes/communes.service.js';
import { EnrolmentsService } from '#src/communes/enrolments.service.js';
import { FundersService } from '#src/funders/funders.service.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import type { CreateProgrammeDto } from '#src/funders/dto/programme.dto.js';
import type { CreatePrescriberDto } from '#src/prescribers/dto/prescriber.dto.js';
import { PrescribersService } from '#src/prescribers/prescribers.service.js';
import { DEMO_PASSWORD, DEMO_USERS } from '#src/seed/demo-seed.js';
import type { SetBankAccountDto } from '#src/venues/dto/bank-account.dto.js';
import type { CreateVenueDto } from '#src/venues/dto/venue.dto.js';
import { BankAccountsService } from '#src/venues/bank-accounts.service.js';
import { VenuesService } from '#src/venues/venues.service.js';
import { login, type Session, type TestApp } from './utils.js';

/**
 * Factories: each test file boots with `seed: 'accounts'` (or `false`) and builds only what it
 * reads, through the real services, so that the same rules and audit trail apply as in the API.
 * Defaults follow the demo (same names, e-mails, communes) so assertions read the same.
 */

/** The EPCI of the demo: 36 communes, Lens (62498) and Liévin (62510) among them. */
export const LENS_LIEVIN_EPCI = '246200364';
export const LENS = '62498';
export const LIEVIN = '62510';

/** The account as the services see it once signed in. */
export async function principalOf(t: TestApp, email: string): Promise<UserPrincipal> {
  const user = await t.dataSource.manager.findOneByOrFail(User, { email });
  const organisation = await t.dataSource.manager.findOneByOrFail(Organisation, {
    id: user.organisationId,
  });
  return {
    type: 'user',
    id: user.id,
    email: user.email,
    role: user.role,
    organisationId: user.organisationId,
    organisationKind: organisation.kind,
  };
}

const asManager = (t: TestApp) => principalOf(t, 'manager@demo.carnet.fr');

/** One of the demo accounts (DEMO_USERS, DEMO_PASSWORD) in the given organisation, created by admin@. */
export async function createDemoAccount(
  t: TestApp,
  email: string,
  organisationId: string,
): Promise<User> {
  const demo = DEMO_USERS.find((u) => u.email === email);
  if (!demo) throw new Error(`${email} is not a demo account`);
  return t.app.get(UsersService).create(await principalOf(t, 'admin@demo.carnet.fr'), {
    ...demo,
    password: DEMO_PASSWORD,
    organisationId,
  });
}

/** The communes of an EPCI from the official geographic code, each with its organisation. */
export async function importCommunes(t: TestApp, epciSiren = LENS_LIEVIN_EPCI): Promise<void> {
  await t.app.get(CommunesService).import(await asManager(t), { epciSiren });
}

export async function communeOrganisationId(t: TestApp, inseeCode: string): Promise<string> {
  const commune = await t.app.get(CommunesRepository).findByInsee(inseeCode);
  if (!commune) throw new Error(`commune ${inseeCode} not imported (importCommunes first)`);
  return commune.organisationId;
}

export async function createFunder(
  t: TestApp,
  input: { name?: string; kind?: FunderKind } = {},
): Promise<{ id: string; organisationId: string }> {
  return t.app.get(FundersService).create(await asManager(t), {
    name: input.name ?? 'État — Préfecture du Pas-de-Calais',
    kind: input.kind ?? 'STATE',
  });
}

/**
 * On top of `seed: 'accounts'`, the other two demo accounts: funder@ (the State, a funder) and
 * commune@ (référent of Lens; the Lens-Liévin communes are imported for it).
 */
export async function createAllDemoAccounts(t: TestApp): Promise<{ stateFunderId: string }> {
  const state = await createFunder(t);
  await createDemoAccount(t, 'funder@demo.carnet.fr', state.organisationId);
  await importCommunes(t);
  await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
  return { stateFunderId: state.id };
}

/**
 * A programme like the demo's, funded by the given funders (by default one State funder at
 * 100 %), ACTIVE unless `draft`, with the given communes enrolled (they must be imported).
 */
export async function createProgramme(
  t: TestApp,
  options: {
    programme?: Partial<CreateProgrammeDto>;
    shares?: { funderId: string; basisPoints: number }[];
    draft?: boolean;
    enrol?: string[];
  } = {},
): Promise<{ id: string }> {
  const actor = await asManager(t);
  const programmes = t.app.get(ProgrammesService);
  const programme = await programmes.create(actor, {
    name: 'Pass numérique Lens-Liévin 2026-2027',
    territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    validityEndDate: '2027-12-31',
    graceDays: 30,
    budgetCents: 48_000_000,
    ...options.programme,
  });
  const shares = options.shares ?? [{ funderId: (await createFunder(t)).id, basisPoints: 10_000 }];
  await programmes.setShares(actor, programme.id, { shares });
  if (!options.draft) await programmes.transition(actor, programme.id, 'ACTIVE');
  for (const inseeCode of options.enrol ?? []) {
    await t.app.get(EnrolmentsService).enrol(actor, programme.id, {
      inseeCode,
      deliberationDate: '2025-11-18',
      deliberationReference: `DEL-2025-${inseeCode}`,
      conventionSignedOn: '2025-12-02',
    });
  }
  return { id: programme.id };
}

/** One issuance run of `count` carnets, done in this process (no worker needed). */
export async function issueCarnets(
  t: TestApp,
  programmeId: string,
  count: number,
): Promise<{ id: string; firstSerial: number; carnetCount: number }> {
  const issuance = t.app.get(IssuanceService);
  const run = await issuance.request(await asManager(t), programmeId, count);
  return issuance.run(run.id);
}

/** A prescriber structure (and its organisation) in an imported commune. */
export async function createPrescriber(
  t: TestApp,
  input: Partial<CreatePrescriberDto> = {},
): Promise<{ id: string; organisationId: string }> {
  return t.app.get(PrescribersService).create(await asManager(t), {
    name: 'Centre social Jean Jaurès',
    type: 'CENTRE_SOCIAL',
    inseeCode: LENS,
    ...input,
  });
}

/** A venue (APPLIED), with bank details entered by finance@ when given. */
export async function createVenue(
  t: TestApp,
  venue: CreateVenueDto,
  bankAccount?: SetBankAccountDto,
): Promise<{ id: string; organisationId: string }> {
  const created = await t.app.get(VenuesService).create(await asManager(t), venue);
  if (bankAccount) {
    await t.app
      .get(BankAccountsService)
      .set(await principalOf(t, 'finance@demo.carnet.fr'), created.id, bankAccount);
  }
  return created;
}

/** The password of the accounts tests create (the demo's are DEMO_PASSWORD). */
export const TEST_PASSWORD = 'a-long-enough-password';

/** A prescriber agent of a structure, invited by `inviter` (a manager) through the API, signed in. */
export async function signedInAgent(
  t: TestApp,
  inviter: Session,
  prescriberId: string,
  email: string,
  displayName = 'Agent',
): Promise<Session> {
  await t.http
    .post(`/api/v1/prescribers/${prescriberId}/agents`)
    .set(inviter.auth)
    .send({ email, displayName, password: TEST_PASSWORD })
    .expect(201);
  return login(t.http, email, TEST_PASSWORD);
}
