import {
  previousPeriod,
  QUALIFICATION_CRITERIA,
  shiftPeriod,
  SMALL_CELL_THRESHOLD,
  todayInParis,
} from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { UsersService } from '#src/auth/users.service.js';
import { RedemptionsService } from '#src/redemptions/redemptions.service.js';
import { ReportRefreshService } from '#src/reporting/refresh/report-refresh.service.js';
import { QualificationService } from '#src/venues/qualification.service.js';
import type { CreateVenueDto } from '#src/venues/dto/venue.dto.js';
import { createVenue, principalOf, TEST_PASSWORD } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// The demo programme's payable services, in French alphabetical order (the rows' order).
const PROCEDURES = 'Aide aux démarches administratives';
const TOOLS = 'Maîtrise des outils numériques du quotidien';
const SAFETY = 'Utilisation sécurisée du numérique';

interface Row {
  inseeCode: string | null;
  communeName: string | null;
  period: string;
  service: string | null;
  redemptions: number | null;
  cheques: number | null;
  amountCents: number | null;
  suppressed: boolean;
}

/**
 * The open usage data of a programme (issue 14), on the demo plus a scenario built here: new
 * venues in two enrolled communes that had none (two venues in the first), and one without a
 * commune, redeem the demo's cheques in the last two months in counts chosen so that the table
 * has small cells, a secondary suppression, a small total and cells at the threshold exactly.
 * The reporting store is filled by its own refresh (ReportRefreshService); the expected figures
 * come from the scenario's plan and from the base tables, not from the reporting code.
 */
describe('open usage data (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let admin: Session;
  let finance: Session;
  let programmeId: string;
  let faceValue: number;
  /** Two enrolled communes without a venue before the scenario: only its redemptions are there. */
  let x: { inseeCode: string; name: string };
  let y: { inseeCode: string; name: string };
  const now = new Date();
  const older = shiftPeriod(previousPeriod(now), -1);
  const last = previousPeriod(now);
  const venueNames: string[] = [];

  const usage = (id: string, file: 'usage.json' | 'usage.csv') =>
    t.http.get(`/api/v1/public/programmes/${id}/${file}`);

  beforeAll(async () => {
    t = await bootApp({ demoBatches: false });
    [manager, admin, finance] = await Promise.all(
      ['manager', 'admin', 'finance'].map((n) => login(t.http, `${n}@demo.carnet.fr`)),
    );
    [{ id: programmeId, faceValue }] = await t.dataSource.query<
      { id: string; faceValue: number }[]
    >(`SELECT id, face_value_cents AS "faceValue" FROM programme`);
    // The demo publishes its programme's usage from its creation (demo-seed.ts): its manager
    // withdraws it first, so that this file starts from an unpublished programme.
    const demo = await t.http.get(`/api/v1/programmes/${programmeId}`).set(manager.auth);
    expect(demo.body.openData).toBe(true);
    await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .send({ openData: false })
      .expect(200);
    [x, y] = await t.dataSource.query<{ inseeCode: string; name: string }[]>(
      `SELECT e.insee_code AS "inseeCode", c.name FROM enrolment e
       JOIN commune c ON c.insee_code = e.insee_code
       WHERE e.programme_id = $1
         AND NOT EXISTS (SELECT 1 FROM venue v WHERE v.insee_code = e.insee_code)
       ORDER BY e.insee_code LIMIT 2`,
      [programmeId],
    );
    expect(y).toBeDefined();
    // Nothing of the demo is counted "hors commune": the scenario's venue without one is alone.
    const [outside] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM venue WHERE insee_code IS NULL`,
    );
    expect(outside.n).toBe(0);
    await buildScenario();
    await t.app.get(ReportRefreshService).refresh();
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  /** The scenario's redemptions: venue, month, service, how many, cheques each. */
  type Venue = 'A' | 'B' | 'C' | 'H';
  const PLAN: {
    venue: Venue;
    period: 'older' | 'last';
    service: string;
    n: number;
    cheques: number;
  }[] = [
    // X, the older month: procedures 4 + 2 at two venues (6, the secondary cell), tools 2 (a
    // small cell, alone: the total would give it back), safety 7 (published).
    { venue: 'A', period: 'older', service: PROCEDURES, n: 4, cheques: 1 },
    { venue: 'C', period: 'older', service: PROCEDURES, n: 2, cheques: 2 },
    { venue: 'A', period: 'older', service: TOOLS, n: 2, cheques: 1 },
    { venue: 'C', period: 'older', service: SAFETY, n: 6, cheques: 1 },
    { venue: 'C', period: 'older', service: SAFETY, n: 1, cheques: 2 },
    // X, last month: 5 and 5, the threshold exactly: published.
    { venue: 'A', period: 'last', service: PROCEDURES, n: 5, cheques: 1 },
    { venue: 'A', period: 'last', service: TOOLS, n: 5, cheques: 1 },
    // Y, the older month: 3 in all, the total is small too.
    { venue: 'B', period: 'older', service: PROCEDURES, n: 3, cheques: 1 },
    // Y, last month: two small cells (1 and 4) hide each other; 9 published.
    { venue: 'B', period: 'last', service: PROCEDURES, n: 1, cheques: 1 },
    { venue: 'B', period: 'last', service: TOOLS, n: 4, cheques: 1 },
    { venue: 'B', period: 'last', service: SAFETY, n: 9, cheques: 1 },
    // A travelling venue without a commune (it serves X): last month, 5.
    { venue: 'H', period: 'last', service: SAFETY, n: 5, cheques: 1 },
  ];

  async function buildScenario(): Promise<void> {
    const actor = await principalOf(t, 'manager@demo.carnet.fr');
    const adminActor = await principalOf(t, 'admin@demo.carnet.fr');
    const base = {
      address: '1 place de la Mairie',
      postalCode: '62000',
      itinerance: ['Fixe'],
      services: [PROCEDURES, TOOLS, SAFETY],
      typologies: ['MUNI'],
    } satisfies Partial<CreateVenueDto>;
    const inputs: Record<Venue, CreateVenueDto> = {
      A: {
        ...base,
        name: `Point numérique de ${x.name}`,
        pivot: 'W623000001',
        communeName: x.name,
        inseeCode: x.inseeCode,
      },
      C: {
        ...base,
        name: `Médiathèque de ${x.name}`,
        pivot: 'W623000002',
        communeName: x.name,
        inseeCode: x.inseeCode,
      },
      B: {
        ...base,
        name: `Espace numérique de ${y.name}`,
        pivot: 'W623000003',
        communeName: y.name,
        inseeCode: y.inseeCode,
      },
      H: {
        ...base,
        name: 'Camion numérique itinérant',
        pivot: 'W623000004',
        communeName: x.name,
        inseeCode: null,
        itinerance: ['Itinérant'],
        servedInseeCodes: [x.inseeCode],
      },
    };
    const staff = new Map<
      Venue,
      { venueId: string; principal: Awaited<ReturnType<typeof principalOf>> }
    >();
    const qualification = t.app.get(QualificationService);
    for (const [key, input] of Object.entries(inputs) as [Venue, CreateVenueDto][]) {
      venueNames.push(input.name);
      const venue = await createVenue(t, input);
      await qualification.decide(actor, venue.id, {
        status: 'UNDER_REVIEW',
        reason: 'Dossier complet.',
        checklist: [],
      });
      await qualification.decide(actor, venue.id, {
        status: 'QUALIFIED',
        reason: 'Tous les critères sont remplis.',
        checklist: QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true })),
      });
      const email = `lieu-${key.toLowerCase()}@usage.test`;
      await t.app.get(UsersService).create(adminActor, {
        email,
        displayName: `Médiateur ${key}`,
        role: 'VENUE_STAFF',
        password: TEST_PASSWORD,
        organisationId: venue.organisationId,
      });
      staff.set(key, { venueId: venue.id, principal: await principalOf(t, email) });
    }

    // The services are declared on the 10th of their month: cheques of carnets handed out by then.
    const day = (period: string) => `${period}-10`;
    const distributed = await t.dataSource.query<{ number: string }[]>(
      `SELECT q.number FROM cheque q JOIN carnet k ON k.id = q.carnet_id
       WHERE q.programme_id = $1 AND q.status = 'DISTRIBUTED' AND q.locked_at IS NULL
         AND k.status = 'ACTIVE'
         AND (SELECT to_char(max(m.created_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')
              FROM custody_movement m WHERE m.carnet_id = q.carnet_id AND m.kind = 'HAND_OUT')
             <= $2
       ORDER BY q.carnet_id, q.position`,
      [programmeId, day(older)],
    );
    const needed = PLAN.reduce((sum, p) => sum + p.n * p.cheques, 0);
    expect(distributed.length).toBeGreaterThanOrEqual(needed);
    // The codes are printed, never stored: read them from the runs' print files.
    const codes = new Map<string, string>();
    const runs = await t.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT issuance_id AS id FROM carnet`,
    );
    for (const run of runs) {
      const csv = await t.http
        .get(`/api/v1/issuances/${run.id}/files/csv`)
        .set(manager.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      for (const row of parse<{ chequeNumber: string; securityCode: string }>(csv.body as Buffer, {
        columns: true,
      })) {
        codes.set(row.chequeNumber.replace(/\s/g, ''), row.securityCode);
      }
    }

    const redemptions = t.app.get(RedemptionsService);
    let next = 0;
    for (const planned of PLAN) {
      const period = planned.period === 'older' ? older : last;
      const { venueId, principal } = staff.get(planned.venue)!;
      for (let i = 0; i < planned.n; i++) {
        const numbers = distributed.slice(next, next + planned.cheques).map((c) => c.number);
        next += planned.cheques;
        const { body } = await redemptions.redeemOnce(
          principal,
          {
            venueId,
            cheques: numbers.map((number) => ({ number, securityCode: codes.get(number)! })),
            service: planned.service,
            serviceDate: day(period),
            durationMinutes: 90,
          },
          null,
        );
        // A redemption counts in the month it is made: these were made in that month.
        await t.dataSource.query(`UPDATE redemption SET period = $2 WHERE id = $1`, [
          body.id,
          period,
        ]);
      }
    }
  }

  /** What the plan puts in a cell: redemptions, cheques, cents. */
  const planned = (venues: Venue[], period: string, service?: string) => {
    const lines = PLAN.filter(
      (p) =>
        venues.includes(p.venue) &&
        (p.period === 'older' ? older : last) === period &&
        (service === undefined || p.service === service),
    );
    const redemptions = lines.reduce((s, p) => s + p.n, 0);
    const cheques = lines.reduce((s, p) => s + p.n * p.cheques, 0);
    return { redemptions, cheques, amountCents: cheques * faceValue };
  };

  it('answers 404 for an unpublished programme as for an unknown one, 400 for a bad id', async () => {
    const read = await t.http.get(`/api/v1/programmes/${programmeId}`).set(manager.auth);
    expect(read.body.openData).toBe(false);
    const unknown = 'a1b2c3d4-0000-4000-8000-000000000000';
    for (const file of ['usage.json', 'usage.csv'] as const) {
      const hidden = await usage(programmeId, file).expect(404);
      const missing = await usage(unknown, file).expect(404);
      for (const answer of [hidden, missing]) {
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.body.code).toBe('PROGRAMME_NOT_FOUND');
        expect(answer.headers['cache-control'] ?? '').not.toMatch(/public/);
      }
      // The same words: the answer does not tell whether the programme exists.
      expect(hidden.body.detail.replace(programmeId, 'ID')).toBe(
        missing.body.detail.replace(unknown, 'ID'),
      );
      const bad = await usage('lens-2026', file).expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('is published by its manager (not by the finance officer), audited', async () => {
    const patch = (session: Session, body: object) =>
      t.http.patch(`/api/v1/programmes/${programmeId}`).set(session.auth).send(body);
    const refused = await patch(finance, { openData: true }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const notBoolean = await patch(manager, { openData: 'yes' }).expect(400);
    expect(notBoolean.body.code).toBe('VALIDATION_FAILED');
    const published = await patch(manager, { openData: true }).expect(200);
    expect(published.body.openData).toBe(true);

    const [event] = await t.dataSource.query<
      { action: string; before: { openData: boolean }; after: { openData: boolean } }[]
    >(
      `SELECT action, before, after FROM audit_event
       WHERE entity_type = 'programme' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [programmeId],
    );
    expect(event).toMatchObject({
      action: 'programme.updated',
      before: { openData: false },
      after: { openData: true },
    });
  });

  it('publishes the table as JSON, without login, small counts withheld', async () => {
    const answer = await usage(programmeId, 'usage.json').expect(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('public, max-age=300');
    const [state] = await t.dataSource.query<{ asOf: Date }[]>(
      `SELECT as_of AS "asOf" FROM report_state`,
    );
    expect(answer.body).toMatchObject({
      programmeId,
      programmeName: 'Pass numérique Lens-Liévin 2026-2027',
      asOf: state.asOf.toISOString(),
      threshold: 5,
      licence: {
        name: 'Licence Ouverte / Open Licence version 2.0',
        url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
      },
    });
    // Freshness: the store's refresh, which caches may ask about.
    expect(answer.headers['last-modified']).toBe(state.asOf.toUTCString());
    await usage(programmeId, 'usage.json')
      .set('If-Modified-Since', answer.headers['last-modified'])
      .expect(304);
    const rows = answer.body.rows as Row[];
    const of = (inseeCode: string | null) => rows.filter((r) => r.inseeCode === inseeCode);
    const shown = (
      commune: { inseeCode: string; name: string } | null,
      period: string,
      service: string | null,
      figures: { redemptions: number; cheques: number; amountCents: number },
    ): Row => ({
      inseeCode: commune?.inseeCode ?? null,
      communeName: commune?.name ?? null,
      period,
      service,
      ...figures,
      suppressed: false,
    });
    const hidden = (
      commune: { inseeCode: string; name: string },
      period: string,
      service: string | null,
    ): Row => ({
      inseeCode: commune.inseeCode,
      communeName: commune.name,
      period,
      service,
      redemptions: null,
      cheques: null,
      amountCents: null,
      suppressed: true,
    });

    expect(of(x.inseeCode)).toEqual([
      // 6 sessions, published alone, would give the 2 of TOOLS back: total 15 − 7 − 6 = 2.
      hidden(x, older, PROCEDURES),
      hidden(x, older, TOOLS),
      shown(x, older, SAFETY, planned(['A', 'C'], older, SAFETY)),
      shown(x, older, null, planned(['A', 'C'], older)),
      shown(x, last, PROCEDURES, planned(['A', 'C'], last, PROCEDURES)),
      shown(x, last, TOOLS, planned(['A', 'C'], last, TOOLS)),
      shown(x, last, null, planned(['A', 'C'], last)),
    ]);
    expect(planned(['A', 'C'], older, PROCEDURES).redemptions).toBe(6);
    expect(planned(['A', 'C'], older, SAFETY)).toEqual({
      redemptions: 7,
      cheques: 8,
      amountCents: 8 * faceValue,
    });
    expect(of(y.inseeCode)).toEqual([
      hidden(y, older, PROCEDURES),
      hidden(y, older, null),
      hidden(y, last, PROCEDURES),
      hidden(y, last, TOOLS),
      shown(y, last, SAFETY, planned(['B'], last, SAFETY)),
      shown(y, last, null, planned(['B'], last)),
    ]);
    // Venues without a commune come last, under no code.
    expect(rows.slice(-2)).toEqual([
      shown(null, last, SAFETY, planned(['H'], last, SAFETY)),
      shown(null, last, null, planned(['H'], last)),
    ]);

    // Nothing but communes, months and services: no venue, nobody.
    const text = JSON.stringify(answer.body);
    for (const name of venueNames) expect(text).not.toContain(name);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'amountCents',
          'cheques',
          'communeName',
          'inseeCode',
          'period',
          'redemptions',
          'service',
          'suppressed',
        ].sort(),
      );
    }
  });

  it('agrees with the base tables everywhere, and no withheld figure can be recomputed', async () => {
    const { body } = await usage(programmeId, 'usage.json').expect(200);
    const rows = body.rows as Row[];
    // Counted directly on the redemptions, by the venue's commune.
    const base = await t.dataSource.query<
      {
        inseeCode: string | null;
        period: string;
        service: string;
        n: number;
        cheques: number;
        cents: number;
      }[]
    >(
      `SELECT v.insee_code AS "inseeCode", r.period, r.service, count(*)::int AS n,
              sum(r.cheque_count)::int AS cheques, sum(r.amount_cents)::int AS cents
       FROM redemption r JOIN venue v ON v.id = r.venue_id
       WHERE r.programme_id = $1 AND r.status = 'ACTIVE'
       GROUP BY 1, 2, 3`,
      [programmeId],
    );
    const key = (r: { inseeCode: string | null; period: string; service: string | null }) =>
      `${r.inseeCode ?? ''}|${r.period}|${r.service ?? '*'}`;
    const cells = rows.filter((r) => r.service !== null);
    expect(cells.map(key).sort()).toEqual(base.map(key).sort());
    // The demo's months too: more than the scenario's communes.
    expect(new Set(rows.map((r) => r.inseeCode)).size).toBeGreaterThan(3);

    const groups = new Map<string, { cells: Row[]; total: Row }>();
    for (const row of rows) {
      const group = `${row.inseeCode ?? ''}|${row.period}`;
      const entry = groups.get(group) ?? { cells: [], total: undefined as unknown as Row };
      if (row.service === null) entry.total = row;
      else entry.cells.push(row);
      groups.set(group, entry);
    }
    let secondary = 0;
    for (const [group, { cells: groupCells, total }] of groups) {
      expect(total).toBeDefined();
      const truth = groupCells.map((c) => base.find((b) => key(b) === key(c))!);
      const sum = truth.reduce((s, b) => s + b.n, 0);
      groupCells.forEach((cell, i) => {
        if (truth[i].n < SMALL_CELL_THRESHOLD) expect(cell.suppressed).toBe(true);
        if (!cell.suppressed) {
          expect([cell.redemptions, cell.cheques, cell.amountCents]).toEqual([
            truth[i].n,
            truth[i].cheques,
            truth[i].cents,
          ]);
        } else {
          expect([cell.redemptions, cell.cheques, cell.amountCents]).toEqual([null, null, null]);
          if (truth[i].n >= SMALL_CELL_THRESHOLD) secondary++;
        }
      });
      if (sum < SMALL_CELL_THRESHOLD) {
        expect(total.suppressed).toBe(true);
        continue;
      }
      expect([total.redemptions, total.cheques, total.amountCents]).toEqual([
        sum,
        truth.reduce((s, b) => s + b.cheques, 0),
        truth.reduce((s, b) => s + b.cents, 0),
      ]);
      // The total minus the published cells is the sum of two withheld cells or more (or 0).
      const withheld = groupCells.filter((c) => c.suppressed).length;
      expect({ group, withheld: withheld === 1 ? 1 : 'none or several' }).toEqual({
        group,
        withheld: 'none or several',
      });
    }
    expect(secondary).toBeGreaterThanOrEqual(1);
  });

  it('publishes the same table as CSV for French spreadsheets', async () => {
    const answer = await usage(programmeId, 'usage.csv').buffer(true).parse(binary).expect(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('public, max-age=300');
    const [state] = await t.dataSource.query<{ asOf: Date }[]>(
      `SELECT as_of AS "asOf" FROM report_state`,
    );
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="usage-pass-numerique-lens-lievin-2026-2027-${todayInParis(state.asOf)}.csv"`,
    );
    expect(answer.headers['last-modified']).toBe(state.asOf.toUTCString());
    const bytes = answer.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('code_insee;commune;mois;service;seances;cheques;montant_euros');
    expect(lines.at(-1)).toBe('');
    const euros = (cents: number) =>
      `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const safety = planned(['A', 'C'], older, SAFETY);
    const xOlder = planned(['A', 'C'], older);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${x.inseeCode};${x.name};${older};${PROCEDURES};;;`,
        `${x.inseeCode};${x.name};${older};${TOOLS};;;`,
        `${x.inseeCode};${x.name};${older};${SAFETY};7;${safety.cheques};${euros(safety.amountCents)}`,
        `${x.inseeCode};${x.name};${older};Tous services;15;${xOlder.cheques};${euros(xOlder.amountCents)}`,
        `${y.inseeCode};${y.name};${older};Tous services;;;`,
        `;Hors commune;${last};${SAFETY};5;5;${euros(5 * faceValue)}`,
        `;Hors commune;${last};Tous services;5;5;${euros(5 * faceValue)}`,
      ]),
    );
    // The demo's cheques are worth €10: 8 cheques are « 80,00 », with a decimal comma.
    expect(faceValue).toBe(1000);
    expect(lines).toContain(`${x.inseeCode};${x.name};${older};${SAFETY};7;8;80,00`);
    // The same rows as the JSON, in the same order.
    const records = parse<Record<string, string>>(text, { columns: true, delimiter: ';' });
    const json = (await usage(programmeId, 'usage.json').expect(200)).body.rows as Row[];
    expect(records).toHaveLength(json.length);
    records.forEach((record, i) => {
      expect(record.montant_euros).not.toContain('.');
      expect(record.montant_euros).toBe(
        json[i].amountCents === null ? '' : euros(json[i].amountCents),
      );
      expect(record.seances).toBe(json[i].redemptions === null ? '' : String(json[i].redemptions));
    });
  });

  it('is withdrawn when unpublished (by an admin too), audited', async () => {
    const withdrawn = await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(admin.auth)
      .send({ openData: false })
      .expect(200);
    expect(withdrawn.body.openData).toBe(false);
    for (const file of ['usage.json', 'usage.csv'] as const) {
      const gone = await usage(programmeId, file).expect(404);
      expect(gone.body.code).toBe('PROGRAMME_NOT_FOUND');
    }
    const events = await t.http
      .get(
        `/api/v1/audit-events?filter[entityType]=programme&filter[entityId]=${programmeId}&pageSize=100&sort=id`,
      )
      .set(admin.auth)
      .expect(200);
    const changes = (
      events.body.data as {
        action: string;
        before: { openData?: boolean };
        after: { openData?: boolean };
      }[]
    )
      .filter((e) => e.action === 'programme.updated' && e.before.openData !== e.after.openData)
      .map((e) => [e.before.openData, e.after.openData]);
    // Withdrawn at this file's start, published by the manager, withdrawn by the admin.
    expect(changes).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
  });
});
