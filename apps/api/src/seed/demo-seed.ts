import type { INestApplicationContext } from '@nestjs/common';
import {
  ORGANISATION_KIND_OF_ROLE,
  type OrganisationKind,
  QUALIFICATION_CRITERIA,
  type Role,
  todayInParis,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { Organisation } from '#src/auth/organisation.entity.js';
import { PasswordHasher } from '#src/auth/password-hasher.js';
import type { Principal } from '#src/access/principal.js';
import { User } from '#src/auth/user.entity.js';
import { ChequesService } from '#src/cheques/cheques.service.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';
import { AllocationsService } from '#src/communes/allocations.service.js';
import { CommunesRepository } from '#src/communes/communes.repository.js';
import { CommunesService } from '#src/communes/communes.service.js';
import { EnrolmentsService } from '#src/communes/enrolments.service.js';
import { FundersService } from '#src/funders/funders.service.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { Prescriber } from '#src/prescribers/prescriber.entity.js';
import { PrescribersService } from '#src/prescribers/prescribers.service.js';
import { TrainingsService } from '#src/prescribers/trainings.service.js';
import { BankAccountsService } from '#src/venues/bank-accounts.service.js';
import { QualificationService } from '#src/venues/qualification.service.js';
import { VenuesService } from '#src/venues/venues.service.js';
import { seedBeneficiaries } from './demo-beneficiaries.js';
import { seedBatches } from './demo-batches.js';
import { type DemoCalendar, demoCalendar } from './demo-calendar.js';
import { demoRib } from './demo-rib.js';
import { ownerPrincipal } from './demo-principals.js';
import { seedRedemptions } from './demo-redemptions.js';
import { DEMO_VENUES, type DemoVenue } from './demo-venues.js';

/** The password of every demo account, stated in the README. */
export const DEMO_PASSWORD = 'demo-carnet';

/**
 * Organisations created as such; the others come with what they stand for: communes from the
 * official geographic code, funders and venues when they are registered.
 */
export const DEMO_ORGANISATIONS: Record<'OWNER' | 'PRESCRIBER', string> = {
  OWNER: "Communauté d'agglomération de Lens-Liévin",
  PRESCRIBER: 'CCAS de Lens',
};

type DemoUser = { email: string; displayName: string; role: Role };

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.carnet.fr', displayName: 'Claire Dubois', role: 'ADMIN' },
  { email: 'manager@demo.carnet.fr', displayName: 'Karim Haddad', role: 'PROGRAMME_MANAGER' },
  { email: 'finance@demo.carnet.fr', displayName: 'Sophie Lefebvre', role: 'FINANCE_OFFICER' },
  { email: 'finance2@demo.carnet.fr', displayName: 'Thomas Morel', role: 'FINANCE_OFFICER' },
  { email: 'funder@demo.carnet.fr', displayName: 'Isabelle Fontaine', role: 'FUNDER_VIEWER' },
  { email: 'commune@demo.carnet.fr', displayName: 'Julien Caron', role: 'COMMUNE_REFERENT' },
  { email: 'prescriber@demo.carnet.fr', displayName: 'Nadia Benali', role: 'PRESCRIBER_AGENT' },
  { email: 'venue@demo.carnet.fr', displayName: 'Marc Lemaire', role: 'VENUE_STAFF' },
  { email: 'mediateur@demo.carnet.fr', displayName: 'Léa Garnier', role: 'VENUE_STAFF' },
];

/**
 * The venue of each demo venue staff member, by name (DEMO_VENUES). venue@'s is registered even
 * without the programme; mediateur@'s is a qualified venue of Lens, with a verified bank account
 * and a catalogue of payable services: it redeems the demo's cheques.
 */
export const DEMO_VENUE_STAFF: Record<string, string> = {
  'venue@demo.carnet.fr': 'Espace public numérique de Liévin',
  'mediateur@demo.carnet.fr': 'Médiathèque Robert Cousin',
};

const LENS_LIEVIN_EPCI = '246200364';
/** The commune whose référent is commune@demo.carnet.fr. */
export const DEMO_COMMUNE_INSEE = '62498';

/**
 * Inhabitants of QPV priority neighbourhoods: ILLUSTRATIVE demo figures, not official data
 * (the official list is not shipped with Carnet). Other communes count 0.
 */
const DEMO_QPV_POPULATION: Record<string, number> = {
  '62498': 9800, // Lens
  '62510': 6100, // Liévin
  '62065': 2900, // Avion
  '62413': 2300, // Harnes
  '62570': 2100, // Méricourt
  '62771': 1900, // Sallaumines
  '62186': 1200, // Bully-les-Mines
  '62628': 1100, // Noyelles-sous-Lens
  '62133': 900, // Billy-Montigny
  '62386': 700, // Grenay
};

export interface DemoSeedOptions {
  /**
   * Also create the Lens-Liévin programme: communes, funders, the commune and funder accounts,
   * enrolments, criteria and a committed allocation. Without it, only the accounts of the
   * programme owner, the prescriber and the venue exist.
   */
  programme?: boolean;
  /**
   * With the programme, also its reimbursement batches (a PAID one for every month up to three
   * months back, a DRAFT for two months back: demo-batches.ts).
   * Tests of the batches themselves start without them, every month still free.
   */
  batches?: boolean;
}

const SYSTEM = { type: 'system' as const, name: 'demo-seed' };

/**
 * Creates the demo data once: a second run finds the admin account and does nothing. Never run
 * in production (the CLI refuses). The programme goes through the same services as the API, so
 * it obeys the same rules and leaves the same audit trail, with the demo manager as actor.
 */
export async function seedDemo(
  app: INestApplicationContext,
  options: DemoSeedOptions = {},
): Promise<boolean> {
  const dataSource = app.get(DataSource);
  if (await dataSource.manager.existsBy(User, { email: DEMO_USERS[0].email })) return false;
  const seed = new AccountSeeder(app, await app.get(PasswordHasher).hash(DEMO_PASSWORD));
  const manager = await dataSource.transaction(async (em) => {
    const organisations = new Map<OrganisationKind, string>();
    for (const [kind, name] of Object.entries(DEMO_ORGANISATIONS) as [OrganisationKind, string][]) {
      const organisation = await em.save(em.create(Organisation, { kind, name }));
      organisations.set(kind, organisation.id);
      await app.get(AuditService).record(em, SYSTEM, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: organisation.id,
        after: { kind, name },
      });
    }
    const users = await seed.users(em, (user) =>
      organisations.get(ORGANISATION_KIND_OF_ROLE[user.role]),
    );
    return users.find((u) => u.role === 'PROGRAMME_MANAGER')!;
  });
  const actor: Principal = {
    type: 'user',
    id: manager.id,
    email: manager.email,
    role: manager.role,
    organisationId: manager.organisationId,
    organisationKind: 'OWNER',
  };
  // The venue of venue@demo.carnet.fr: registered (APPLIED) even without the programme.
  const [home, ...others] = DEMO_VENUES;
  const epn = await app.get(VenuesService).create(actor, home.venue);
  const staffOf = (venues: Map<string, string>) => (user: DemoUser) =>
    user.role === 'VENUE_STAFF' ? venues.get(DEMO_VENUE_STAFF[user.email]) : undefined;
  await dataSource.transaction((em) =>
    seed.users(em, staffOf(new Map([[home.venue.name, epn.organisationId]]))),
  );
  if (options.programme !== false) {
    const calendar = demoCalendar(todayInParis());
    const programmeId = await seedProgramme(app, seed, actor, calendar);
    const structures = await seedCarnets(app, actor, programmeId);
    await seedStructuresAndAgents(app, seed, actor, structures, calendar);
    const venues = await seedVenues(app, actor, [
      { ...home, id: epn.id },
      ...others.map((other) => ({ ...other, id: undefined })),
    ]);
    venues.delete(home.venue.name); // venue@ has its account already
    await dataSource.transaction((em) => seed.users(em, staffOf(venues)));
    await seedBeneficiaries(app, actor, programmeId);
    await seedRedemptions(app, actor, programmeId, calendar);
    if (options.batches !== false) await seedBatches(app, programmeId);
  }
  return true;
}

/** Creates the demo accounts whose organisation exists, once each. */
class AccountSeeder {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly passwordHash: string,
  ) {}

  /** Prescriber agents of one structure, all with the demo password. */
  async agents(
    em: EntityManager,
    organisationId: string,
    agents: { email: string; displayName: string }[],
  ): Promise<User[]> {
    const created: User[] = [];
    for (const agent of agents) {
      const user = await em.save(
        em.create(User, {
          ...agent,
          role: 'PRESCRIBER_AGENT',
          passwordHash: this.passwordHash,
          organisationId,
          active: true,
        }),
      );
      created.push(user);
      await this.app.get(AuditService).record(em, SYSTEM, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: user.email, role: user.role, organisationId },
      });
    }
    return created;
  }

  async users(
    em: EntityManager,
    organisationOf: (user: DemoUser) => string | undefined,
  ): Promise<User[]> {
    const created: User[] = [];
    for (const demo of DEMO_USERS) {
      const organisationId = organisationOf(demo);
      if (!organisationId) continue;
      const user = await em.save(
        em.create(User, { ...demo, passwordHash: this.passwordHash, organisationId, active: true }),
      );
      created.push(user);
      await this.app.get(AuditService).record(em, SYSTEM, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: user.email, role: user.role, organisationId },
      });
    }
    return created;
  }
}

/**
 * Approximate centres of the demo's communes with venues, structures or carnet holders (INSEE
 * code, latitude, longitude): the reports' map places them.
 */
const DEMO_COMMUNE_CENTRES: [string, number, number][] = [
  ['62498', 50.4322, 2.8333], // Lens
  ['62510', 50.4228, 2.7786], // Liévin
  ['62065', 50.4103, 2.8336], // Avion
  ['62413', 50.4464, 2.9061], // Harnes
  ['62771', 50.4197, 2.8614], // Sallaumines
  ['62570', 50.4017, 2.8664], // Méricourt
  ['62186', 50.4428, 2.7261], // Bully-les-Mines
  ['62032', 50.4125, 2.7569], // Angres
  ['62291', 50.4225, 2.8083], // Éleu-dit-Leauwette
];

/**
 * CA de Lens-Liévin's programme: €480,000, State 65 %, FEDER 21 %, agglomération 14 %, two years
 * from the 1st of the month DEMO_HISTORY_MONTHS back; its usage published as open data.
 */
async function seedProgramme(
  app: INestApplicationContext,
  seed: AccountSeeder,
  actor: Principal,
  calendar: DemoCalendar,
): Promise<string> {
  const dataSource = app.get(DataSource);
  await app.get(CommunesService).import(actor, { epciSiren: LENS_LIEVIN_EPCI });
  // The official geographic code has no coordinates: the centres orientation measures from, for
  // the demo's communes with venues or structures (approximate).
  for (const [inseeCode, latitude, longitude] of DEMO_COMMUNE_CENTRES) {
    await app.get(CommunesRepository).save(dataSource.manager, { inseeCode, latitude, longitude });
  }
  const lens = await app.get(CommunesRepository).findByInsee(DEMO_COMMUNE_INSEE);
  const funders = app.get(FundersService);
  const state = await funders.create(actor, {
    name: 'État — Préfecture du Pas-de-Calais',
    kind: 'STATE',
    contactName: 'Service de la cohésion sociale',
  });
  const feder = await funders.create(actor, { name: 'Union européenne — FEDER', kind: 'EU_FUND' });
  const agglo = await funders.create(actor, {
    name: "Communauté d'agglomération de Lens-Liévin",
    kind: 'EPCI',
  });
  await dataSource.transaction((em) =>
    seed.users(em, ({ role }) =>
      role === 'FUNDER_VIEWER'
        ? state.organisationId
        : role === 'COMMUNE_REFERENT'
          ? lens!.organisationId
          : undefined,
    ),
  );

  const programmes = app.get(ProgrammesService);
  const programme = await programmes.create(actor, {
    name: 'Pass numérique Lens-Liévin 2026-2027',
    territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
    startDate: calendar.programmeStart,
    endDate: calendar.programmeEnd,
    validityEndDate: calendar.programmeEnd,
    graceDays: 30,
    budgetCents: 48_000_000,
    // Its anonymised usage published without login (README, « Open usage data »).
    openData: true,
    eligiblePublics: ['Seniors', "Demandeurs d'emploi", 'Familles et/ou enfants'],
    payableServices: [
      'Aide aux démarches administratives',
      'Maîtrise des outils numériques du quotidien',
      'Utilisation sécurisée du numérique',
    ],
  });
  await programmes.setShares(actor, programme.id, {
    shares: [
      { funderId: state.id, basisPoints: 6500 },
      { funderId: feder.id, basisPoints: 2100 },
      { funderId: agglo.id, basisPoints: 1400 },
    ],
  });
  await programmes.transition(actor, programme.id, 'ACTIVE');

  const communes = (
    await app
      .get(CommunesService)
      .list(actor, { page: 1, pageSize: 200, filter: { epciSiren: LENS_LIEVIN_EPCI } })
  ).data;
  const referent = await dataSource.manager.findOneByOrFail(User, {
    email: 'commune@demo.carnet.fr',
  });
  const enrolments = app.get(EnrolmentsService);
  for (const commune of communes) {
    await enrolments.enrol(actor, programme.id, {
      inseeCode: commune.inseeCode,
      deliberationDate: calendar.deliberationDate,
      deliberationReference: `DEL-${calendar.deliberationDate.slice(0, 4)}-${commune.inseeCode}`,
      conventionSignedOn: calendar.conventionSignedOn,
      ...(commune.inseeCode === DEMO_COMMUNE_INSEE ? { referentUserIds: [referent.id] } : {}),
    });
  }
  const allocations = app.get(AllocationsService);
  await allocations.setCriteria(
    actor,
    programme.id,
    communes.map((c) => ({
      inseeCode: c.inseeCode,
      criteria: { qpvPopulation: DEMO_QPV_POPULATION[c.inseeCode] ?? 0, population: c.population },
    })),
  );
  await allocations.allocate(
    actor,
    programme.id,
    { totalCarnets: 4000, fixedPerCommune: 10, weights: { qpvPopulation: 3, population: 1 } },
    false,
  );
  return programme.id;
}

/** Carnets issued in the demo: one run, spread over communes and prescribers as in real life. */
export const DEMO_ISSUED_CARNETS = 300;

/**
 * Prescribers of Lens and Liévin (the CCAS de Lens is the organisation of prescriber@), one
 * issuance run, transfers down the chain (by serial range, as a commune would receive its
 * boxes), a return, and a lost carnet cancelled and replaced.
 */
async function seedCarnets(
  app: INestApplicationContext,
  actor: Principal,
  programmeId: string,
): Promise<DemoStructure[]> {
  const dataSource = app.get(DataSource);
  const prescribers = app.get(PrescribersService);
  const ccasLensOrganisation = await dataSource.manager.findOneByOrFail(Organisation, {
    kind: 'PRESCRIBER',
    name: DEMO_ORGANISATIONS.PRESCRIBER,
  });
  const ccasLens = await dataSource.transaction(async (em) => {
    const saved = await em.save(
      em.create(Prescriber, {
        name: DEMO_ORGANISATIONS.PRESCRIBER,
        type: 'CCAS',
        inseeCode: DEMO_COMMUNE_INSEE,
        siret: null,
        address: '17 rue Bollaert, 62300 Lens',
        email: null,
        phone: null,
        organisationId: ccasLensOrganisation.id,
      }),
    );
    await app.get(AuditService).record(em, actor, {
      action: 'prescriber.created',
      entityType: 'prescriber',
      entityId: saved.id,
      after: { name: saved.name, type: saved.type, inseeCode: saved.inseeCode },
    });
    return saved;
  });
  const jaures = await prescribers.create(actor, {
    name: 'Centre social Jean Jaurès',
    type: 'CENTRE_SOCIAL',
    inseeCode: DEMO_COMMUNE_INSEE,
  });
  const ccasLievin = await prescribers.create(actor, {
    name: 'CCAS de Liévin',
    type: 'CCAS',
    inseeCode: '62510',
  });
  const aragon = await prescribers.create(actor, {
    name: 'Médiathèque Louis Aragon',
    type: 'BIBLIOTHEQUE',
    inseeCode: '62510',
  });

  const issuance = app.get(IssuanceService);
  const run = await issuance.request(actor, programmeId, DEMO_ISSUED_CARNETS);
  await issuance.run(run.id);
  const custody = app.get(CustodyService);
  const at = (offset: number) => run.firstSerial + offset;
  const range = (from: number, to: number) => ({ serialFrom: at(from), serialTo: at(to) });
  const note = 'Bordereau de livraison';
  await custody.transfer(
    actor,
    range(0, 119),
    { kind: 'COMMUNE', inseeCode: DEMO_COMMUNE_INSEE },
    note,
  );
  await custody.transfer(actor, range(120, 199), { kind: 'COMMUNE', inseeCode: '62510' }, note);
  await custody.transfer(actor, range(200, 229), { kind: 'COMMUNE', inseeCode: '62065' }, note);
  await custody.transfer(actor, range(0, 39), { kind: 'PRESCRIBER', prescriberId: ccasLens.id });
  await custody.transfer(actor, range(40, 64), { kind: 'PRESCRIBER', prescriberId: jaures.id });
  await custody.transfer(actor, range(120, 149), {
    kind: 'PRESCRIBER',
    prescriberId: ccasLievin.id,
  });
  await custody.transfer(actor, range(150, 164), { kind: 'PRESCRIBER', prescriberId: aragon.id });
  // The médiathèque had more than it needed: five go back to Liévin's stock.
  await custody.transfer(
    actor,
    range(160, 164),
    { kind: 'COMMUNE', inseeCode: '62510' },
    'Surplus',
  );
  // A carnet lost at the CCAS de Lens, cancelled and replaced from the programme stock.
  const [lost] = await dataSource.query<
    {
      id: string;
    }[]
  >(`SELECT id FROM carnet WHERE serial = $1`, [at(39)]);
  const cheques = app.get(ChequesService);
  await cheques.cancelCarnet(actor, lost.id, {
    reason: 'LOST',
    comment: 'Égaré lors du déménagement du CCAS',
  });
  await cheques.replace(actor, lost.id);
  return [ccasLens, jaures, ccasLievin, aragon];
}

interface DemoStructure {
  id: string;
  name: string;
  organisationId: string;
}

/** Agents of each demo structure (prescriber@ is the CCAS de Lens's), by structure name. */
const DEMO_AGENTS: Record<string, { email: string; displayName: string }[]> = {
  'CCAS de Lens': [{ email: 'agent.ccas-lens@demo.carnet.fr', displayName: 'Élodie Martin' }],
  'Centre social Jean Jaurès': [
    { email: 'agent.jaures@demo.carnet.fr', displayName: 'Yanis Belkacem' },
    { email: 'agent2.jaures@demo.carnet.fr', displayName: 'Chantal Duhamel' },
  ],
  'CCAS de Liévin': [{ email: 'agent.ccas-lievin@demo.carnet.fr', displayName: 'Paul Delattre' }],
  'Médiathèque Louis Aragon': [
    { email: 'agent.aragon@demo.carnet.fr', displayName: 'Inès Bouchart' },
  ],
  'France Services de Liévin': [
    { email: 'agent.fs-lievin@demo.carnet.fr', displayName: 'Mehdi Saïdi' },
    { email: 'agent2.fs-lievin@demo.carnet.fr', displayName: 'Laura Vasseur' },
  ],
  "Mairie d'Avion": [{ email: 'agent.mairie-avion@demo.carnet.fr', displayName: 'Denis Lemoine' }],
  'Avion Connecté (association)': [
    { email: 'agent.avion-connecte@demo.carnet.fr', displayName: 'Sarah Kaci' },
  ],
};

/**
 * Structures of several kinds in Lens, Liévin and Avion (a France Services and an association
 * serving other communes than their own), a few agents each, and two trainings: prescriber@ is
 * trained, Chantal Duhamel of the centre social Jean Jaurès is not yet.
 */
async function seedStructuresAndAgents(
  app: INestApplicationContext,
  seed: AccountSeeder,
  actor: Principal,
  existing: DemoStructure[],
  calendar: DemoCalendar,
): Promise<void> {
  const prescribers = app.get(PrescribersService);
  const structures = [
    ...existing,
    await prescribers.create(actor, {
      name: 'France Services de Liévin',
      type: 'FRANCE_SERVICES',
      inseeCode: '62510',
      address: '12 rue Jean-Baptiste Defernez, 62800 Liévin',
      servedInseeCodes: ['62065', '62291', '62032'],
    }),
    await prescribers.create(actor, {
      name: "Mairie d'Avion",
      type: 'MAIRIE',
      inseeCode: '62065',
      address: "Place de l'Hôtel de Ville, 62210 Avion",
    }),
    await prescribers.create(actor, {
      name: 'Avion Connecté (association)',
      type: 'ASSOCIATION',
      inseeCode: '62065',
      rna: 'W623004512',
      servedInseeCodes: ['62498'],
    }),
  ];
  const dataSource = app.get(DataSource);
  const agents = new Map<string, string>();
  await dataSource.transaction(async (em) => {
    for (const structure of structures) {
      for (const user of await seed.agents(
        em,
        structure.organisationId,
        DEMO_AGENTS[structure.name] ?? [],
      ))
        agents.set(user.email, user.id);
    }
  });
  const prescriber = await dataSource.manager.findOneByOrFail(User, {
    email: 'prescriber@demo.carnet.fr',
  });
  const ids = (...emails: string[]) => emails.map((email) => agents.get(email)!);
  const trainings = app.get(TrainingsService);
  await trainings.create(actor, {
    date: calendar.trainingDays[0],
    trainerName: 'Hub numérique des Hauts-de-France',
    topics: ['DIAGNOSTIC', 'PASS_USAGE', 'DATA_PROTECTION'],
    attendeeIds: [
      prescriber.id,
      ...ids(
        'agent.ccas-lens@demo.carnet.fr',
        'agent.jaures@demo.carnet.fr',
        'agent.avion-connecte@demo.carnet.fr',
      ),
    ],
  });
  await trainings.create(actor, {
    date: calendar.trainingDays[1],
    trainerName: 'Médiathèque Louis Aragon',
    topics: ['ORIENTATION', 'DIGITAL_BASICS', 'PASS_USAGE'],
    attendeeIds: ids(
      'agent.ccas-lievin@demo.carnet.fr',
      'agent.aragon@demo.carnet.fr',
      'agent.fs-lievin@demo.carnet.fr',
      'agent2.fs-lievin@demo.carnet.fr',
      'agent.mairie-avion@demo.carnet.fr',
    ),
  });
}

/**
 * The venues of the demo through their whole life: review, qualification with a full
 * checklist (or a suspension), bank details entered by one finance officer and verified by the
 * other; one left pending so that the verification queue is not empty. Answers each venue's
 * organisation by the venue's name (its staff's).
 */
async function seedVenues(
  app: INestApplicationContext,
  actor: Principal,
  venues: (DemoVenue & { id: string | undefined })[],
): Promise<Map<string, string>> {
  const entering = await ownerPrincipal(app, 'finance@demo.carnet.fr');
  const verifying = await ownerPrincipal(app, 'finance2@demo.carnet.fr');
  const qualification = app.get(QualificationService);
  const bankAccounts = app.get(BankAccountsService);
  const allMet = QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true }));
  const organisations = new Map<string, string>();
  for (const demo of venues) {
    const venue = demo.id
      ? await app.get(VenuesService).get(actor, demo.id)
      : await app.get(VenuesService).create(actor, demo.venue);
    const id = venue.id;
    organisations.set(demo.venue.name, venue.organisationId);
    if (demo.status === 'APPLIED') continue;
    await qualification.decide(actor, id, {
      status: 'UNDER_REVIEW',
      reason: 'Dossier complet, visite programmée.',
      checklist: [],
    });
    if (demo.status === 'UNDER_REVIEW') continue;
    await qualification.decide(actor, id, {
      status: 'QUALIFIED',
      reason: 'Visite sur place : tous les critères sont remplis.',
      checklist: allMet,
    });
    if (demo.status === 'SUSPENDED') {
      await qualification.decide(actor, id, {
        status: 'SUSPENDED',
        reason: 'Ateliers interrompus faute de médiateur ; reprise attendue.',
        checklist: allMet.map((item) =>
          item.criterion === 'TRAINED_MEDIATORS' ? { ...item, met: false } : item,
        ),
      });
    }
    if (demo.bank === 'NONE' || !demo.bankAccount) continue;
    await bankAccounts.set(entering, id, demo.bankAccount);
    await bankAccounts.attachDocument(
      entering,
      id,
      await demoRib(demo.bankAccount),
      'application/pdf',
    );
    if (demo.bank === 'VERIFIED') await bankAccounts.decide(verifying, id, { status: 'VERIFIED' });
  }
  return organisations;
}
