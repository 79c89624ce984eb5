import type { INestApplicationContext } from '@nestjs/common';
import { addCalendarDays as addDays, dayOfWeek as weekDay, todayInParis } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import type { ClientPrincipal, Principal, UserPrincipal } from '#src/access/principal.js';
import { ApiClientsService } from '#src/auth/api-clients.service.js';
import { OrganisationsService } from '#src/auth/organisations.service.js';
import { User } from '#src/auth/user.entity.js';
import { ChequesService } from '#src/cheques/cheques.service.js';
import { PrintStore } from '#src/files/print-store.service.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';
import { RedemptionsService } from '#src/redemptions/redemptions.service.js';
import { VenueNetworksService } from '#src/venues/venue-networks.service.js';
import { generator } from './demo-beneficiaries.js';
import {
  DemoHistoryRepository,
  type DemoVenueRow,
  type HandedOutCarnet,
  type Instant,
  type TimeSlot,
} from './demo-history.repository.js';

/** The network whose booking software redeems at the demo venues without a staff account. */
export const DEMO_NETWORK = 'Réseau des lieux de médiation numérique du Bassin minier';
export const DEMO_NETWORK_CLIENT = 'Agenda partagé des ateliers';

/**
 * The demo's life before its seed: set up this many days ago, redemptions over the last 108 (so
 * that the month three months back always has some: the demo's paid reimbursement batch).
 */
const SETUP_DAYS_AGO = 120;
const REDEMPTION_DAYS = 108;
/** Hand-outs run from this many days ago to a few days ago (working days, office hours). */
const HAND_OUT_DAYS_AGO = { from: 110, to: 3 } as const;
/** Of the carnets handed out, the share already used at a venue, and of those, fully used. */
const STARTED_SHARE = 0.6;
const COMPLETED_SHARE = 0.25;
/** Redemptions made today at each venue with a staff account: cancellable (24 h) at first. */
const TODAY_PER_STAFF_VENUE = 2;

interface Redeemer {
  venue: DemoVenueRow;
  principal: Principal;
  /** Services of its catalogue the programme pays for. */
  services: string[];
}

interface Planned {
  day: string;
  /** Minute of the day (France) the redemption was made, after the service; null: now. */
  minute: number | null;
  redeemer: Redeemer;
  numbers: string[];
  service: string;
  durationMinutes: number;
  participants: number;
}

/**
 * Three and a half months of redemptions on the demo's carnets, so venues have a history and the monthly
 * reimbursement batches have earlier months to pay. Runs after the hand-outs:
 * 1. the venues with a staff account (venue@'s, mediateur@'s) redeem with it; the other
 *    qualified venues serving the programme belong to a network of venues whose API client
 *    (their shared booking software) redeems for them;
 * 2. the demo's life is dated: set-up 120 days ago, the second run a few days later, each
 *    person registered and handed a carnet on a working day of the last 110 days (each structure
 *    spread over the whole span, its last hand-out left today's);
 * 3. about 60 % of the handed-out carnets are started, a quarter of those used up: 1 to 3 cheques
 *    at a time at a venue near the structure (mostly the same one), with a service of its
 *    catalogue, every one to three weeks from a few days after the hand-out, each through
 *    RedemptionsService (ledger of cheque states, tallies, audit) with the codes printed in the
 *    run's CSV; then each is dated to its service day's end, its period with it;
 * 4. a few made today at each staff account's venue are left as they are: cancellable for 24 h;
 *    and each structure's last hand-out stays today's, so that its home shows this month's.
 * A second run finds redemptions and does nothing.
 */
export async function seedRedemptions(
  app: INestApplicationContext,
  actor: Principal,
  programmeId: string,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const history = new DemoHistoryRepository(dataSource);
  if (await history.hasRedemptions(programmeId)) return;
  const today = todayInParis();
  const random = generator(20261201);

  const networkStart = await history.now();
  const redeemers = await seedRedeemers(app, history, actor, programmeId);
  await dateTheDemo(history, programmeId, today, networkStart);

  const carnets = await history.handedOut(programmeId);
  const codes = await printedCodes(app, actor, [...new Set(carnets.map((c) => c.issuanceId))]);
  const plan = planRedemptions(
    carnets,
    redeemers,
    await history.communeCentres([...new Set(carnets.map((c) => c.inseeCode))]),
    today,
    random,
  );

  const redemptions = app.get(RedemptionsService);
  const made: { id: string; planned: Planned }[] = [];
  const redeemStart = await history.now();
  for (const planned of plan) {
    const { body } = await redemptions.redeemOnce(
      planned.redeemer.principal,
      {
        venueId: planned.redeemer.venue.id,
        cheques: planned.numbers.map((number) => ({ number, securityCode: codes.get(number)! })),
        service: planned.service,
        serviceDate: planned.day,
        durationMinutes: planned.durationMinutes,
        participants: planned.participants,
      },
      null,
    );
    made.push({ id: body.id, planned });
  }
  await dateTheRedemptions(history, programmeId, made, redeemStart);
}

/**
 * Who redeems where: a venue with a staff account through it, the other QUALIFIED venues serving
 * the programme through a network's API client (created here, by the demo's admin).
 */
async function seedRedeemers(
  app: INestApplicationContext,
  history: DemoHistoryRepository,
  actor: Principal,
  programmeId: string,
): Promise<Redeemer[]> {
  const users = app.get(DataSource).manager.getRepository(User);
  // A venue's staff account where the demo has one (venue@, mediateur@): the first by e-mail.
  const staff = new Map<string, User>();
  for (const user of await users.find({
    where: { role: 'VENUE_STAFF', active: true },
    order: { email: 'ASC' },
  })) {
    if (!staff.has(user.organisationId)) staff.set(user.organisationId, user);
  }
  const admin = await users.findOneByOrFail({ email: 'admin@demo.carnet.fr' });
  const adminPrincipal: UserPrincipal = {
    type: 'user',
    id: admin.id,
    email: admin.email,
    role: admin.role,
    organisationId: admin.organisationId,
    organisationKind: 'OWNER',
  };
  const programme = await app.get(ProgrammesService).get(actor, programmeId);
  const cheques = app.get(ChequesService);
  const serving: DemoVenueRow[] = [];
  for (const venue of await history.qualifiedVenues()) {
    if (await cheques.venueServesProgramme(venue, programmeId)) serving.push(venue);
  }
  const payable = (venue: DemoVenueRow) =>
    venue.services.filter((s) => programme.payableServices.includes(s));

  const network = await app
    .get(OrganisationsService)
    .create(adminPrincipal, { kind: 'VENUE_NETWORK', name: DEMO_NETWORK });
  const members = serving.filter((v) => !staff.has(v.organisationId));
  for (const venue of members) {
    await app.get(VenueNetworksService).add(actor, network.id, venue.id);
  }
  const { client } = await app.get(ApiClientsService).create(adminPrincipal, {
    name: DEMO_NETWORK_CLIENT,
    organisationId: network.id,
    scopes: ['cheques:check', 'redemptions:write', 'redemptions:read'],
  });
  const software: ClientPrincipal = {
    type: 'client',
    id: client.id,
    name: client.name,
    organisationId: network.id,
    organisationKind: 'VENUE_NETWORK',
    scopes: client.scopes,
  };
  const principalOf = (venue: DemoVenueRow): Principal => {
    const user = staff.get(venue.organisationId);
    if (!user) return software;
    return {
      type: 'user',
      id: user.id,
      email: user.email,
      role: user.role,
      organisationId: user.organisationId,
      organisationKind: 'VENUE',
    };
  };
  return serving
    .map((venue) => ({ venue, services: payable(venue), principal: principalOf(venue) }))
    .filter((r) => r.services.length > 0);
}

/**
 * Dates what the seed wrote so far: the set-up, the second run and its transfers, then each
 * person's registration, diagnostic and hand-out (anchored at its record's creation), and the
 * network made just now. Each structure's people are spread over the working days of the
 * hand-out span in the order they were registered, so every structure's own history reads in
 * order.
 */
async function dateTheDemo(
  history: DemoHistoryRepository,
  programmeId: string,
  today: string,
  networkStart: Instant,
): Promise<void> {
  const { seedStart, lastRun } = await history.seedMarks(programmeId);
  const people = await history.beneficiaries(programmeId);
  const starts = await history.spanStarts(
    [lastRun.createdAt, ...people.map((p) => p.createdAt), networkStart],
    seedStart,
  );
  const days = workingDays(
    addDays(today, -HAND_OUT_DAYS_AGO.from),
    addDays(today, -HAND_OUT_DAYS_AGO.to),
  );
  const byStructure = new Map<string, number[]>();
  people.forEach((p, i) =>
    byStructure.set(p.prescriberId, [...(byStructure.get(p.prescriberId) ?? []), i]),
  );
  const when = new Map<number, { day: string; minute: number }>();
  for (const indexes of byStructure.values()) {
    // The last one handed a carnet stays today's: every home has a hand-out this month.
    const today = indexes.findLast((i) => people[i].holding);
    indexes.forEach((person, k) => {
      if (person === today) return;
      // Its own share of the span, the middle of it: increasing with k.
      const at = ((k + 0.5) / indexes.length) * days.length;
      const day = Math.min(Math.floor(at), days.length - 1);
      when.set(person, { day: days[day], minute: 9 * 60 + Math.floor((at - day) * 8 * 60) });
    });
  }
  const slots: TimeSlot[] = [
    { from: seedStart, to: starts[0], day: addDays(today, -SETUP_DAYS_AGO), minute: 9 * 60 },
    { from: starts[0], to: starts[1], day: addDays(today, -SETUP_DAYS_AGO + 5), minute: 10 * 60 },
    ...people.flatMap((_, i) => {
      const at = when.get(i);
      return at ? [{ from: starts[1 + i], to: starts[2 + i], ...at }] : [];
    }),
    {
      from: starts[people.length + 1],
      to: await history.now(),
      day: addDays(today, -SETUP_DAYS_AGO + 6),
      minute: 11 * 60,
    },
  ];
  await history.moveInTime(slots);
}

/** The security codes of these runs' cheques, from their print files (as printed on paper). */
async function printedCodes(
  app: INestApplicationContext,
  actor: Principal,
  issuanceIds: string[],
): Promise<Map<string, string>> {
  const store = app.get(PrintStore);
  const codes = new Map<string, string>();
  for (const id of issuanceIds) {
    const run = await app.get(IssuanceService).get(actor, id);
    const file = await store.find(id, run.printGeneration, 'CSV');
    if (!file?.complete) throw new Error(`demo: issuance ${id} has no complete CSV print file`);
    const chunks: Buffer[] = [];
    for await (const chunk of store.read(file.id)) chunks.push(chunk);
    for (const row of parse<{ chequeNumber: string; securityCode: string }>(Buffer.concat(chunks), {
      columns: true,
    })) {
      codes.set(row.chequeNumber, row.securityCode);
    }
  }
  return codes;
}

/**
 * The redemptions, in the order they happened (the ids then follow the dates): for each started
 * carnet, from a few days after its hand-out (and within the last three months), 1 to 3 cheques
 * at a time at its usual venue (now and then another near the structure), until it is used up
 * or today; and a few today at each venue with a staff account.
 */
function planRedemptions(
  carnets: HandedOutCarnet[],
  redeemers: Redeemer[],
  centres: Map<string, { latitude: number; longitude: number }>,
  today: string,
  random: () => number,
): Planned[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const nearby = nearestRedeemers(redeemers, centres);
  const around = (inseeCode: string): Redeemer => {
    const ranked = nearby(inseeCode);
    const r = random();
    return ranked[r < 0.55 ? 0 : r < 0.8 ? 1 : 2] ?? ranked[0];
  };
  const firstDay = addDays(today, -REDEMPTION_DAYS);
  const plan: Planned[] = [];
  const used = new Map<string, number>();
  for (const carnet of carnets) {
    if (random() >= STARTED_SHARE) continue;
    const completed = random() < COMPLETED_SHARE;
    let left = completed ? carnet.numbers.length : 1 + Math.floor(random() * 7);
    const home = around(carnet.inseeCode);
    let day = maxDay(
      addDays(carnet.handedOutOn, 2 + Math.floor(random() * 12)),
      addDays(firstDay, Math.floor(random() * 10)),
    );
    let next = 0;
    for (;;) {
      if (weekDay(day) === 0) day = addDays(day, 1);
      if (left === 0 || day >= today) break;
      const count = Math.min(left, completed ? pick([2, 2, 3]) : pick([1, 1, 1, 2, 2, 3]));
      const redeemer = random() < 0.85 ? home : around(carnet.inseeCode);
      const collective = random() < 0.6;
      plan.push({
        day,
        minute: 16 * 60 + Math.floor(random() * 150),
        redeemer,
        numbers: carnet.numbers.slice(next, next + count),
        service: pick(redeemer.services),
        durationMinutes: collective ? 120 : [60, 90, 120][count - 1],
        participants: collective ? 4 + Math.floor(random() * 9) : 1,
      });
      next += count;
      left -= count;
      day = addDays(day, (completed ? 3 : 6) + Math.floor(random() * 12));
    }
    used.set(carnet.carnetId, next);
  }
  plan.sort((a, b) => a.day.localeCompare(b.day) || a.minute! - b.minute!);

  // Today's, at each venue with a staff account, on started carnets of the structures nearest
  // to it (the carnets nobody used yet stay whole, for those who try the demo).
  for (const staffVenue of redeemers.filter((r) => r.principal.type === 'user')) {
    const near = (c: HandedOutCarnet) => nearby(c.inseeCode).indexOf(staffVenue);
    const candidates = carnets
      .filter((c) => (used.get(c.carnetId) ?? 0) > 0 && used.get(c.carnetId)! < c.numbers.length)
      .sort((a, b) => near(a) - near(b) || a.serial - b.serial)
      .slice(0, TODAY_PER_STAFF_VENUE);
    for (const carnet of candidates) {
      const from = used.get(carnet.carnetId)!;
      const count = Math.min(carnet.numbers.length - from, pick([1, 2]));
      used.set(carnet.carnetId, from + count);
      plan.push({
        day: today,
        minute: null,
        redeemer: staffVenue,
        numbers: carnet.numbers.slice(from, from + count),
        service: pick(staffVenue.services),
        durationMinutes: 90,
        participants: 1,
      });
    }
  }
  return plan;
}

/**
 * Dates the redemptions made in the past: each one's span (its transaction, audit entry and
 * cheques' status dates) moves to the end of its service day; its period follows. Today's stay
 * as they are.
 */
async function dateTheRedemptions(
  history: DemoHistoryRepository,
  programmeId: string,
  made: { id: string; planned: Planned }[],
  redeemStart: Instant,
): Promise<void> {
  const times = await history.redemptionTimes(made.map((m) => m.id));
  const starts = await history.spanStarts(
    made.map((m) => times.get(m.id)!),
    redeemStart,
  );
  starts[0] = redeemStart;
  const end = await history.now();
  const slots: TimeSlot[] = [];
  made.forEach(({ planned }, i) => {
    if (planned.minute === null) return;
    slots.push({
      from: starts[i],
      to: starts[i + 1] ?? end,
      day: planned.day,
      minute: planned.minute,
    });
  });
  await history.moveInTime(slots);
  await history.realignPeriods(programmeId);
}

/** For a commune, the redeemers nearest to its centre first (all of them, by name, if unknown). */
function nearestRedeemers(
  redeemers: Redeemer[],
  centres: Map<string, { latitude: number; longitude: number }>,
): (inseeCode: string) => Redeemer[] {
  const located = (r: Redeemer) =>
    r.venue.latitude !== null && r.venue.longitude !== null
      ? { latitude: r.venue.latitude, longitude: r.venue.longitude }
      : (centres.get(r.venue.inseeCode ?? '') ?? null);
  const known = new Map<string, Redeemer[]>();
  return (inseeCode) => {
    let ranked = known.get(inseeCode);
    if (!ranked) {
      const centre = centres.get(inseeCode);
      const distance = (r: Redeemer) => {
        const at = located(r);
        if (!centre || !at) return Number.POSITIVE_INFINITY;
        const x = (at.longitude - centre.longitude) * Math.cos((centre.latitude * Math.PI) / 180);
        return Math.hypot(x, at.latitude - centre.latitude);
      };
      ranked = [...redeemers].sort((a, b) => distance(a) - distance(b));
      known.set(inseeCode, ranked);
    }
    return ranked;
  };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** Monday to Friday from `from` to `to`, both included. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (weekDay(day) !== 0 && weekDay(day) !== 6) days.push(day);
  }
  return days;
}
