import { getQueueToken } from '@nestjs/bullmq';
import { expiresOn, isValidChequeNumber } from '@carnet/domain';
import type { Queue } from 'bullmq';
import type { Principal } from '#src/access/principal.js';
import { ChequesService } from '#src/cheques/cheques.service.js';
import { CustodyException, CustodyExceptionCode } from '#src/custody/custody.exception.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { EXPIRY_BATCH, ExpiryService } from '#src/expiry/expiry.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';
import { issuedValueCents } from '#src/reporting/issued-value.js';
import { QUEUES } from '#src/queues/queues.js';
import { bootApp, type TestApp } from './utils.js';

describe('carnets and cheques on PostgreSQL', () => {
  let t: TestApp;
  let manager: Principal;
  let programmeId: string;
  let issuance: IssuanceService;
  let custody: CustodyService;

  async function issue(count: number) {
    const run = await issuance.request(manager, programmeId, count);
    return issuance.run(run.id);
  }

  async function outcome(work: Promise<unknown>): Promise<CustodyExceptionCode | 'OK'> {
    try {
      await work;
      return 'OK';
    } catch (error) {
      if (error instanceof CustodyException) return error.code;
      throw error;
    }
  }

  beforeAll(async () => {
    // The demo's programme and stock, without its year of reimbursement batches: none of these
    // tests reads them, and generating, exporting and paying a year of them is seeding for nothing.
    t = await bootApp({ demoBatches: false });
    issuance = t.app.get(IssuanceService);
    custody = t.app.get(CustodyService);
    const [user] = await t.dataSource.query<
      { id: string; email: string; role: 'PROGRAMME_MANAGER'; organisation_id: string }[]
    >(
      `SELECT id, email, role, organisation_id FROM user_account WHERE email = 'manager@demo.carnet.fr'`,
    );
    manager = {
      type: 'user',
      id: user.id,
      email: user.email,
      role: user.role,
      organisationId: user.organisation_id,
      organisationKind: 'OWNER',
    };
    const [programme] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM programme`);
    programmeId = programme.id;
    // Room for the large run below (the demo budget holds 4,800 carnets).
    await t.dataSource.query(`UPDATE programme SET budget_cents = 200000000 WHERE id = $1`, [
      programmeId,
    ]);
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('issues 10,000 carnets (100,000 cheques) in one run, numbered without gap or duplicate', async () => {
    const run = await issue(10_000);
    expect(run).toMatchObject({ status: 'DONE', carnetsDone: 10_000 });
    const [stats] = await t.dataSource.query<
      {
        cheques: number;
        numbers: number;
        carnets: number;
        first: string;
        last: string;
        hashes: number;
      }[]
    >(
      `SELECT count(*)::int AS cheques, count(DISTINCT number)::int AS numbers,
              count(DISTINCT carnet_id)::int AS carnets, min(number) AS first, max(number) AS last,
              count(DISTINCT security_hash)::int AS hashes
       FROM cheque c JOIN carnet k ON k.id = c.carnet_id WHERE k.issuance_id = $1`,
      [run.id],
    );
    expect(stats).toMatchObject({
      cheques: 100_000,
      numbers: 100_000,
      carnets: 10_000,
      hashes: 100_000,
    });
    expect(isValidChequeNumber(stats.first)).toBe(true);
    expect(Number(stats.last.slice(0, 11)) - Number(stats.first.slice(0, 11))).toBe(99_999);
    const [ledger] = await t.dataSource.query<{ rows: number }[]>(
      `SELECT count(*)::int AS rows FROM custody_movement WHERE transfer_id = $1 AND kind = 'ISSUE'`,
      [run.id],
    );
    expect(ledger.rows).toBe(10_000);
  });

  it('resumes an interrupted run after its last committed chunk, numbering nothing twice', async () => {
    const issuedBefore = await issuedValueCents(t.dataSource.manager, programmeId);
    const requested = await issuance.request(manager, programmeId, 2_500);
    // A fault in the middle of the second chunk (a trigger refusing one serial).
    await t.dataSource
      .query(`CREATE FUNCTION fail_on_serial() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.serial = ${requested.firstSerial + 1_500} THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$`);
    await t.dataSource.query(
      `CREATE TRIGGER fail_on_serial BEFORE INSERT ON carnet FOR EACH ROW EXECUTE FUNCTION fail_on_serial()`,
    );
    await expect(issuance.run(requested.id)).rejects.toThrow(/disk on fire/);
    const failed = await issuance.get(manager, requested.id);
    expect(failed).toMatchObject({ status: 'FAILED', carnetsDone: 1_000 });
    await t.dataSource.query(`DROP TRIGGER fail_on_serial ON carnet`);
    await t.dataSource.query(`DROP FUNCTION fail_on_serial()`);
    // Its value stayed reserved while FAILED: the budget counts the 1,500 carnets still to write.
    expect(await issuedValueCents(t.dataSource.manager, programmeId)).toBe(
      issuedBefore + 2_500 * 10 * 1000,
    );
    // Resuming twice queues one job, under the run's own job id.
    await issuance.resume(manager, requested.id);
    await issuance.resume(manager, requested.id);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.cheques.name));
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'failed'])).filter(
      (job) => (job.data as { issuanceId?: string }).issuanceId === requested.id,
    );
    expect(jobs.map((job) => job.id)).toEqual([`issue-${requested.id}`]);
    const done = await issuance.run(requested.id);
    expect(done).toMatchObject({ status: 'DONE', carnetsDone: 2_500 });
    await expect(issuance.resume(manager, requested.id)).rejects.toMatchObject({
      code: 'ISSUANCE_ALREADY_DONE',
    });
    const [stats] = await t.dataSource.query<
      { carnets: number; serials: number; cheques: number }[]
    >(
      `SELECT count(DISTINCT k.id)::int AS carnets, count(DISTINCT k.serial)::int AS serials, count(c.number)::int AS cheques
       FROM carnet k JOIN cheque c ON c.carnet_id = k.id WHERE k.issuance_id = $1`,
      [requested.id],
    );
    expect(stats).toEqual({ carnets: 2_500, serials: 2_500, cheques: 25_000 });
    const { chunks } = await issuance.download(manager, requested.id, 'CSV');
    let csv = '';
    for await (const chunk of chunks) csv += chunk.toString('utf8');
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(25_001);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(25_000);
  });

  it("voids the old codes as soon as a reprint is asked, and holds the run's carnets until it is done", async () => {
    const run = await issue(3);
    const { chunks } = await issuance.download(manager, run.id, 'CSV');
    let csv = '';
    for await (const chunk of chunks) csv += chunk.toString('utf8');
    const [, first] = csv.trim().split('\n');
    const [, number, code] = first.split(',');
    const [epn] = await t.dataSource.query<{ organisation_id: string }[]>(
      `SELECT organisation_id FROM venue WHERE insee_code = '62510' AND qualification_status = 'QUALIFIED' LIMIT 1`,
    );
    const venueStaff: Principal = {
      type: 'user',
      id: manager.id,
      email: 'venue@demo.carnet.fr',
      role: 'VENUE_STAFF',
      organisationId: epn.organisation_id,
      organisationKind: 'VENUE',
    };
    const cheques = t.app.get(ChequesService);
    await expect(cheques.check(venueStaff, number, code)).resolves.toMatchObject({
      payableHere: false,
    });

    // No worker here: the reprint stays PRINTING, yet the old code is already void.
    await issuance.regenerate(manager, run.id);
    await expect(cheques.check(venueStaff, number, code)).rejects.toMatchObject({
      code: 'CHEQUE_NOT_FOUND',
    });
    const [carnet] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM carnet WHERE issuance_id = $1 ORDER BY serial LIMIT 1`,
      [run.id],
    );
    expect(
      await outcome(
        custody.transfer(
          manager,
          { carnetIds: [carnet.id] },
          { kind: 'COMMUNE', inseeCode: '62498' },
        ),
      ),
    ).toBe(CustodyExceptionCode.ISSUANCE_NOT_FINISHED);

    const done = await issuance.runRegeneration(run.id, 2);
    expect(done).toMatchObject({ status: 'DONE', printGeneration: 2 });
    // One entry for the reprint (not one per carnet), naming its three carnets.
    const renewed = await t.dataSource.query<{ count: number }[]>(
      `SELECT (after->>'count')::int AS count FROM audit_event
       WHERE action = 'carnet.codes-renewed' AND after->>'generation' = '2'
         AND entity_type = 'issuance' AND entity_id = $1`,
      [run.id],
    );
    expect(renewed).toEqual([{ count: 3 }]);
    const [renewedCheque] = await t.dataSource.query<{ number: string }[]>(
      `SELECT min(c.number) AS number FROM cheque c WHERE c.carnet_id = $1`,
      [carnet.id],
    );
    const history = await cheques.events(renewedCheque.number);
    expect(history.map((e) => e.action)).toContain('carnet.codes-renewed');
    expect(
      await outcome(
        custody.transfer(
          manager,
          { carnetIds: [carnet.id] },
          { kind: 'COMMUNE', inseeCode: '62498' },
        ),
      ),
    ).toBe('OK');
  });

  it('replaces a lost carnet with a whole, unused carnet of the stock', async () => {
    const cheques = t.app.get(ChequesService);
    const stockCarnets = await t.dataSource.query<{ id: string; number: string }[]>(
      `SELECT k.id, min(c.number) AS number FROM carnet k
       JOIN custody_holder h ON h.id = k.holder_id AND h.kind = 'PROGRAMME'
       JOIN issuance i ON i.id = k.issuance_id AND i.status = 'DONE'
       JOIN cheque c ON c.carnet_id = k.id
       WHERE k.programme_id = $1 AND k.status = 'ACTIVE'
       GROUP BY k.id, k.serial HAVING bool_and(c.status = 'ISSUED') ORDER BY k.serial LIMIT 1`,
      [programmeId],
    );
    const damaged = stockCarnets[0];
    // The first stock carnet has a damaged cheque: it must not be the replacement.
    await cheques.cancelCheque(manager, damaged.number, { reason: 'DAMAGED' });
    const [lost] = await t.dataSource.query<{ id: string }[]>(
      `SELECT k.id FROM carnet k JOIN custody_holder h ON h.id = k.holder_id
       WHERE k.programme_id = $1 AND h.kind = 'COMMUNE' AND k.status = 'ACTIVE' ORDER BY k.serial LIMIT 1`,
      [programmeId],
    );
    await cheques.cancelCarnet(manager, lost.id, { reason: 'LOST' });
    const replacement = await cheques.replace(manager, lost.id);
    expect(replacement.id).not.toBe(damaged.id);
    const statuses = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM cheque WHERE carnet_id = $1`,
      [replacement.id],
    );
    expect(statuses.map((c) => c.status)).toEqual(Array(10).fill('ISSUED'));
  });

  it('lets exactly the allocation through when transfers to a commune race', async () => {
    const [commune] = await t.dataSource.query<{ insee_code: string; total: number }[]>(
      `SELECT l.insee_code, l.total FROM allocation_line l JOIN allocation_version v ON v.id = l.allocation_id
       WHERE v.programme_id = $1 AND v.superseded_at IS NULL
         AND l.insee_code NOT IN ('62498', '62510', '62065', '62413')
       ORDER BY l.total, l.insee_code LIMIT 1`,
      [programmeId],
    );
    const limit = commune.total;
    const run = await issue(limit + 6);
    const carnets = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM carnet WHERE issuance_id = $1 ORDER BY serial`,
      [run.id],
    );
    const results = await Promise.all(
      carnets.map((c) =>
        outcome(
          custody.transfer(
            manager,
            { carnetIds: [c.id] },
            { kind: 'COMMUNE', inseeCode: commune.insee_code },
          ),
        ),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(limit);
    expect(results.filter((r) => r === CustodyExceptionCode.ALLOCATION_EXCEEDED)).toHaveLength(6);
    const [holder] = await t.dataSource.query<
      { carnets: number; received: number; allocation_limit: number }[]
    >(
      `SELECT carnets, received, allocation_limit FROM custody_holder WHERE programme_id = $1 AND insee_code = $2`,
      [programmeId, commune.insee_code],
    );
    expect(holder).toEqual({ carnets: limit, received: limit, allocation_limit: limit });
  });

  it('moves a carnet raced by several requests exactly once', async () => {
    const run = await issue(1);
    const [carnet] = await t.dataSource.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM carnet WHERE issuance_id = $1`, [run.id]);
    const destinations = ['62498', '62510', '62065', '62413', '62498', '62510', '62065', '62413'];
    const results = await Promise.all(
      destinations.map((inseeCode) =>
        outcome(
          custody.transfer(manager, { carnetIds: [carnet.id] }, { kind: 'COMMUNE', inseeCode }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === CustodyExceptionCode.CARNET_NOT_HELD)).toHaveLength(7);
    const [moves] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM custody_movement WHERE carnet_id = $1 AND kind = 'TRANSFER'`,
      [carnet.id],
    );
    expect(moves.n).toBe(1);
  });

  it('refuses in the database itself any ledger row that would take a stock below zero', async () => {
    const [empty] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM custody_holder WHERE programme_id = $1 AND kind = 'COMMUNE' AND carnets = 0 LIMIT 1`,
      [programmeId],
    );
    const [stock] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM custody_holder WHERE programme_id = $1 AND kind = 'PROGRAMME'`,
      [programmeId],
    );
    const [carnet] = await t.dataSource.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM carnet WHERE holder_id = $1 LIMIT 1`, [stock.id]);
    await expect(
      t.dataSource.query(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_label)
         VALUES (gen_random_uuid(), $1, $2, 'RETURN', $3, $4, 'test')`,
        [programmeId, carnet.id, empty.id, stock.id],
      ),
    ).rejects.toThrow(/CHK_custody_holder_stock/);
    await expect(t.dataSource.query(`UPDATE custody_movement SET note = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM custody_movement`)).rejects.toThrow(/append-only/);
  });

  it('refuses an allocation below what a commune already received', async () => {
    const allocations = (await import('#src/communes/allocations.service.js')).AllocationsService;
    await expect(
      t.app
        .get(allocations)
        .allocate(
          manager,
          programmeId,
          { totalCarnets: 400, fixedPerCommune: 10, weights: { qpvPopulation: 0, population: 1 } },
          false,
        ),
    ).rejects.toMatchObject({ code: 'ALLOCATION_BELOW_RECEIVED' });
  });

  it('expires unused cheques the day after validity end plus grace, once, audited, valued per funder', async () => {
    const [programme] = await t.dataSource.query<{ end: string; grace_days: number }[]>(
      `SELECT to_char(validity_end_date, 'YYYY-MM-DD') AS end, grace_days FROM programme WHERE id = $1`,
      [programmeId],
    );
    const firstDay = expiresOn(programme.end, programme.grace_days);
    const dayBefore = new Date(Date.parse(`${firstDay}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const expiry = t.app.get(ExpiryService);
    expect(await expiry.expire(dayBefore)).toBe(0);
    const [unused] = await t.dataSource.query<{ n: number; cents: number }[]>(
      `SELECT count(*)::int AS n, sum(face_value_cents)::int AS cents FROM cheque
       WHERE programme_id = $1 AND status IN ('ISSUED', 'DISTRIBUTED')`,
      [programmeId],
    );
    const [cancelledBefore] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cheque WHERE status = 'CANCELLED'`,
    );
    expect(await expiry.expire(firstDay)).toBe(unused.n);
    expect(await expiry.expire(firstDay)).toBe(0);
    const [after] = await t.dataSource.query<{ expired: number; cancelled: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'EXPIRED')::int AS expired,
              count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled FROM cheque`,
    );
    expect(after).toEqual({ expired: unused.n, cancelled: cancelledBefore.n });
    // One entry per programme and batch (not one per carnet), counting its cheques.
    const [audited] = await t.dataSource.query<{ entries: number; cheques: number }[]>(
      `SELECT count(*)::int AS entries, sum((after->>'count')::int)::int AS cheques
       FROM audit_event WHERE action = 'cheques.expired' AND entity_type = 'expiry' AND entity_id = $1`,
      [programmeId],
    );
    expect(audited).toEqual({ entries: Math.ceil(unused.n / EXPIRY_BATCH), cheques: unused.n });
    // A cheque's history still shows its expiry, found by programme and its carnet's serial.
    const [expiredOne] = await t.dataSource.query<{ number: string }[]>(
      `SELECT number FROM cheque WHERE programme_id = $1 AND status = 'EXPIRED' ORDER BY number DESC LIMIT 1`,
      [programmeId],
    );
    const history = await t.app.get(ChequesService).events(expiredOne.number);
    expect(history.filter((e) => e.action === 'cheques.expired')).toHaveLength(1);
    const view = await expiry.view(manager, programmeId, firstDay);
    expect(view.expired?.valueCents).toBe(unused.cents);
    expect(view.expired?.byFunder.reduce((sum, f) => sum + f.cents, 0)).toBe(unused.cents);
    expect(view.alert).toBe(true);
  });
});
