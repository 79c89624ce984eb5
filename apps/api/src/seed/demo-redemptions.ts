import type { INestApplicationContext } from '@nestjs/common';
import { addCalendarDays as addDays, dayOfWeek as weekDay } from '@carnet/domain';
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
import { DEMO_LAGGING_COMMUNE, generator } from './demo-beneficiaries.js';
import { afterActivity as after, type DemoCalendar, spreadByActivity } from './demo-calendar.js';
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
 * Of the carnets handed out, the share used at a venue, of those the share fully used, and at
 * most how many cheques the others used; the lagging commune's residents use theirs far less.
 */
const USE = { started: 0.62, completed: 0.25, most: 7 } as const;
const LAGGING_USE = { started: 0.3, completed: 0.05, most: 3 } as const;
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
 * The demo's fourteen months of life (demo-calendar.ts), so that venues have a history, the
 * monthly reimbursement batches a year of months to pay, and the reports a story to tell. Runs
 * after the hand-outs:
 * 1. the venues with a staff account (venue@'s, mediateur@'s) redeem with it; the other
 *    qualified venues serving the programme belong to a network of venues whose API client
 *    (their shared booking software) redeems for them;
 * 2. the demo's life is dated: the set-up at the programme's start, the second run a week later,
 *    each person registered and handed a carnet on a working day since, as the programme's
 *    activity goes (its ramp-up times the season: few in July and August, most from January to
 *    March), each structure over the whole span in the order it registered its people, its last
 *    hand-out left today's;
 * 3. about 60 % of the handed-out carnets are started (30 % of those of the lagging commune's
 *    residents), a quarter of those used up: 1 to 3 cheques at a time at a venue near the
 *    structure (mostly the same one), with a service of its catalogue, from a few days after the
 *    hand-out, then every one to three weeks (longer in the summer, shorter in the winter), each
 *    through RedemptionsService (ledger of cheque states, tallies, audit) with the codes printed
 *    in the run's CSV; then each is dated to its service day's end, its period with it;
 * 4. a few made today at each staff account's venue are left as they are: cancellable for 24 h;
 *    and each structure's last hand-out stays today's, so that its home shows this month's.
 * A second run finds redemptions and does nothing.
 */
export async function seedRedemptions(
  app: INestApplicationContext,
  actor: Principal,
  programmeId: string,
  calendar: DemoCalendar,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const history = new DemoHistoryRepository(dataSource);
  if (await history.hasRedemptions(programmeId)) return;
  const { today } = calendar;
  const random = generator(20261201);

  const networkStart = await history.now();
  const redeemers = await seedRedeemers(app, history, actor, programmeId);
  await dateTheDemo(history, programmeId, calendar, networkStart);

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
 * hand-out span as the programme's activity goes, in the order they were registered, so every
 * structure's own history reads in order.
 */
async function dateTheDemo(
  history: DemoHistoryRepository,
  programmeId: string,
  calendar: DemoCalendar,
  networkStart: Instant,
): Promise<void> {
  const { seedStart, lastRun } = await history.seedMarks(programmeId);
  const people = await history.beneficiaries(programmeId);
  const starts = await history.spanStarts(
    [lastRun.createdAt, ...people.map((p) => p.createdAt), networkStart],
    seedStart,
  );
  const byStructure = new Map<string, number[]>();
  people.forEach((p, i) =>
    byStructure.set(p.prescriberId, [...(byStructure.get(p.prescriberId) ?? []), i]),
  );
  const when = new Map<number, { day: string; minute: number }>();
  for (const indexes of byStructure.values()) {
    // The last one handed a carnet stays today's: every home has a hand-out this month.
    const today = indexes.findLast((i) => people[i].holding);
    const dated = indexes.filter((i) => i !== today);
    const moments = spreadByActivity(
      dated.length,
      calendar.handOuts.from,
      calendar.handOuts.to,
      calendar.programmeStart,
    );
    dated.forEach((person, k) => when.set(person, moments[k]));
  }
  const slots: TimeSlot[] = [
    { from: seedStart, to: starts[0], day: calendar.setupDay, minute: 9 * 60 },
    { from: starts[0], to: starts[1], day: calendar.deliveryDay, minute: 10 * 60 },
    ...people.flatMap((_, i) => {
      const at = when.get(i);
      return at ? [{ from: starts[1 + i], to: starts[2 + i], ...at }] : [];
    }),
    {
      from: starts[people.length + 1],
      to: await history.now(),
      day: calendar.networkDay,
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
 * carnet, from a few days after its hand-out, 1 to 3 cheques at a time at its usual venue (now
 * and then another near the structure), the gaps between them longer when fewer people come
 * (the season), until it is used up, its holder stops, or today; and a few today at each venue
 * with a staff account.
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
  const plan: Planned[] = [];
  const used = new Map<string, number>();
  for (const carnet of carnets) {
    const use = carnet.residentInseeCode === DEMO_LAGGING_COMMUNE ? LAGGING_USE : USE;
    if (random() >= use.started) continue;
    const completed = random() < use.completed;
    let left = completed ? carnet.numbers.length : 1 + Math.floor(random() * use.most);
    const home = around(carnet.inseeCode);
    let day = after(carnet.handedOutOn, 2 + Math.floor(random() * 12));
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
      day = after(day, (completed ? 3 : 6) + Math.floor(random() * 12));
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
