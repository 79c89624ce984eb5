import { todayInParis } from '@carnet/domain';
import type { DataSource } from 'typeorm';
import { REPLACEMENT_CANDIDATE_SQL } from '#src/cheques/cheques.repository.js';
import { AuditRepository } from '#src/audit/audit.repository.js';
import { ChequesRepository } from '#src/cheques/cheques.repository.js';
import { EXACT_TOTAL_LIMIT, keysetPage, KeysetListQueryDto } from '#src/common/keyset.js';
import { EXPIRE_DUE_SQL, PLACEMENT_SQL } from '#src/expiry/expiry.repository.js';
import {
  REDEMPTIONS_BY_MONTH_SQL,
  ReportsRepository,
  VENUE_PROGRAMME_SQL,
} from '#src/reporting/reports.repository.js';
import { PRESCRIBER_PROGRAMMES_SQL } from '#src/summaries/summaries.repository.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './utils.js';

/** Ten programmes of 2,000 carnets of ten cheques: 200,000 cheques, statuses and dates mixed. */
const SEED = [
  `INSERT INTO programme (id, name, territory_label, start_date, end_date, validity_end_date, budget_cents, version)
   SELECT ('00000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid, 'P' || p, 'T',
          '2026-01-01', '2026-12-31', '2027-06-30', 0, 1
   FROM generate_series(1, 10) p`,
  `INSERT INTO issuance (id, programme_id, carnet_count, cheques_per_carnet, face_value_cents, valid_until, first_serial, first_sequence, status)
   SELECT ('00000000-0000-4000-9000-' || lpad(p::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid,
          2000, 10, 1000, '2027-06-30', (p - 1) * 2000 + 1, 1, 'DONE'
   FROM generate_series(1, 10) p`,
  `INSERT INTO custody_holder (id, programme_id, kind)
   SELECT ('00000000-0000-4000-a000-' || lpad(p::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid, 'PROGRAMME'
   FROM generate_series(1, 10) p`,
  `INSERT INTO carnet (id, serial, programme_id, issuance_id, status, holder_id)
   SELECT ('00000000-0000-4000-b000-' || lpad(k::text, 12, '0'))::uuid, k,
          ('00000000-0000-4000-8000-' || lpad(p::text, 12, '0'))::uuid,
          ('00000000-0000-4000-9000-' || lpad(p::text, 12, '0'))::uuid, 'ACTIVE',
          ('00000000-0000-4000-a000-' || lpad(p::text, 12, '0'))::uuid
   FROM generate_series(1, 20000) k, LATERAL (SELECT (k - 1) / 2000 + 1 AS p) x`,
  `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until, status, security_hash)
   SELECT lpad((c.serial * 10 + q)::text, 12, '0'), c.id, c.programme_id, q, 1000,
          DATE '2026-01-01' + (c.serial % 730)::int,
          CASE WHEN c.serial % 10 < 7 THEN 'REDEEMED' WHEN c.serial % 10 < 9 THEN 'ISSUED' ELSE 'DISTRIBUTED' END,
          '\\x00'::bytea
   FROM carnet c, generate_series(1, 10) q`,
  `INSERT INTO audit_event (actor_type, actor_label, action, entity_type, entity_id)
   SELECT 'SYSTEM', 'system:seed', CASE WHEN g % 100 = 0 THEN 'carnet.cancelled' ELSE 'carnet.transfer' END,
          CASE WHEN g % 10 = 0 THEN 'carnet' ELSE 'transfer' END, (g % 5000)::text
   FROM generate_series(1, 200000) g`,
  `ANALYZE audit_event`,
  `ANALYZE programme`,
  `ANALYZE issuance`,
  `ANALYZE carnet`,
  `ANALYZE cheque`,
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe('query plans on 200,000 cheques (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  async function plan(sql: string, params: unknown[], analyze = false): Promise<PlanNode[]> {
    const [row] = await dataSource.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
      `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${sql}`,
      params,
    );
    return nodesOf(row['QUERY PLAN'][0].Plan);
  }

  function seqScansOnBigTables(nodes: PlanNode[]): PlanNode[] {
    return nodes.filter(
      (n) =>
        n['Node Type'] === 'Seq Scan' &&
        ['cheque', 'carnet', 'audit_event'].includes(n['Relation Name']!),
    );
  }

  /** The plans of the SELECTs a call runs, as the API runs them (TypeORM's statements). */
  async function plansOf(call: () => Promise<unknown>): Promise<PlanNode[][]> {
    const statements: [string, unknown[]][] = [];
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      if (/^\s*SELECT/i.test(query))
        statements.push([query, (parameters as unknown[] | undefined) ?? []]);
      logQuery(query, parameters, runner);
    };
    try {
      await call();
    } finally {
      logger.logQuery = logQuery;
    }
    return Promise.all(statements.map(([sql, params]) => plan(sql, params, true)));
  }

  /** Sequential scans of a big table that read more rows than a bounded count does. */
  function unboundedScans(nodes: PlanNode[]): PlanNode[] {
    return seqScansOnBigTables(nodes).filter(
      (n) =>
        ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1) >
        EXACT_TOTAL_LIMIT + 1,
    );
  }

  /** The carnet list of CarnetsService, by serial. */
  const list = {
    table: 'carnet',
    alias: 'carnet',
    idType: 'uuid',
    sortable: { serial: { property: 'serial', column: 'serial', unique: true } },
    fallback: 'serial',
  } as const;

  const query = (q: Partial<KeysetListQueryDto>): KeysetListQueryDto =>
    Object.assign(new KeysetListQueryDto(), { page: 1, pageSize: 50, ...q });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database.url);
    for (const statement of SEED) await dataSource.query(statement);
  }, 120_000);

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('expires one programme through the partial index on unused cheques', async () => {
    const nodes = await plan(EXPIRE_DUE_SQL, [
      '00000000-0000-4000-8000-000000000003',
      '2026-03-01',
      20_000,
    ]);
    expect(seqScansOnBigTables(nodes)).toEqual([]);
    expect(nodes.map((n) => n['Index Name'])).toContain('IDX_cheque_expiry_due');
  });

  it('finds a replacement carnet by walking the stock in serial order', async () => {
    const nodes = await plan(REPLACEMENT_CANDIDATE_SQL, [
      '00000000-0000-4000-a000-000000000003',
      '2026-11-28',
    ]);
    expect(seqScansOnBigTables(nodes)).toEqual([]);
    expect(nodes.map((n) => n['Index Name'])).toContain('IDX_carnet_holder_serial');
    expect(nodes.map((n) => n['Index Name'])).toContain('IDX_cheque_carnet');
  });

  it('reads the placement of a programme from its holders, never its carnets or cheques', async () => {
    const nodes = await plan(PLACEMENT_SQL, ['00000000-0000-4000-8000-000000000003']);
    const relations = nodes.map((n) => n['Relation Name']).filter(Boolean);
    expect(relations).toContain('custody_holder');
    expect(relations.filter((r) => ['carnet', 'cheque', 'custody_movement'].includes(r!))).toEqual(
      [],
    );
  });

  it('answers every report from the reporting store and small tables, never the cheques, carnets or redemptions', async () => {
    // Every statement of ReportsRepository, each method called in every scope it serves (the
    // programme, a commune, a venue); a method added without a line here fails the test.
    const reports = new ReportsRepository(dataSource);
    const programme = '00000000-0000-4000-8000-000000000003';
    const venue = '00000000-0000-4000-f000-000000000001';
    const calls: Record<string, (() => Promise<unknown>)[]> = {
      asOf: [() => reports.asOf()],
      communeOfOrganisation: [() => reports.communeOfOrganisation(venue)],
      visibleStructures: [() => reports.visibleStructures('62498')],
      venueOfOrganisation: [() => reports.venueOfOrganisation(venue)],
      venueProgramme: [() => reports.venueProgramme(programme, ['62498'], venue)],
      handoutTotals: [
        () => reports.handoutTotals(programme, null),
        () => reports.handoutTotals(programme, '62498'),
      ],
      handoutSummary: [
        () => reports.handoutSummary(programme, null),
        () => reports.handoutSummary(programme, '62498'),
      ],
      issued: [() => reports.issued(programme)],
      allocated: [() => reports.allocated(programme, '62498')],
      custody: [() => reports.custody(programme, null), () => reports.custody(programme, '62498')],
      cancelledCheques: [() => reports.cancelledCheques(programme)],
      expired: [() => reports.expired(programme)],
      issuedValueCents: [() => reports.issuedValueCents(programme)],
      paid: [() => reports.paid(programme)],
      paidByFunder: [() => reports.paidByFunder(programme)],
      firstUse: [
        () => reports.firstUse(programme, null, 'programme'),
        () => reports.firstUse(programme, null, 'commune'),
        () => reports.firstUse(programme, '62498', 'prescriber'),
      ],
      expiry: [
        () => reports.expiry(programme, todayInParis(), null),
        () => reports.expiry(programme, todayInParis(), '62498'),
      ],
      byCommune: [
        () => reports.byCommune(programme, null),
        () => reports.byCommune(programme, '62498'),
      ],
      byPrescriber: [
        () => reports.byPrescriber(programme, null),
        () => reports.byPrescriber(programme, '62498'),
      ],
      byVenue: [
        () => reports.byVenue(programme, null, null),
        () => reports.byVenue(programme, '62498', null),
        () => reports.byVenue(programme, null, venue),
      ],
      byService: [
        () => reports.byService(programme, null),
        () => reports.byService(programme, venue),
      ],
      byServiceOfOrigin: [() => reports.byServiceOfOrigin(programme, '62498')],
      byNeed: [() => reports.byNeed(programme, null), () => reports.byNeed(programme, '62498')],
      handoutsByMonth: [
        () => reports.handoutsByMonth(programme, null),
        () => reports.handoutsByMonth(programme, '62498'),
      ],
      redemptionsByMonth: [
        () => reports.redemptionsByMonth(programme, null),
        () => reports.redemptionsByMonth(programme, venue),
      ],
      useOfOriginByMonth: [() => reports.useOfOriginByMonth(programme, '62498')],
      paidByMonth: [
        () => reports.paidByMonth(programme, null),
        () => reports.paidByMonth(programme, venue),
      ],
    };
    const methods = Object.getOwnPropertyNames(ReportsRepository.prototype).filter(
      (name) => name !== 'constructor' && !['rows', 'one'].includes(name),
    );
    expect(methods.sort()).toEqual(Object.keys(calls).sort());

    const statements: [string, unknown[]][] = [];
    const logger = dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push([query, (parameters as unknown[] | undefined) ?? []]);
      logQuery(query, parameters, runner);
    };
    try {
      for (const call of Object.values(calls).flat()) await call();
    } finally {
      logger.logQuery = logQuery;
    }
    expect(statements.length).toBeGreaterThanOrEqual(Object.values(calls).flat().length);
    // Nor the store's per-month roll-ups where a coarser one answers: report_handout_month (up to
    // ~290,000 rows at 10 million cheques) is summed by the refresh into report_handout_origin and
    // report_handout_commune_month, read by no report; report_venue_month only per month.
    const never = [
      'carnet',
      'redemption',
      'redemption_cheque',
      'custody_movement',
      'hand_out',
      'beneficiary',
      'audit_event',
      'report_handout_month',
    ];
    const perMonth = [REDEMPTIONS_BY_MONTH_SQL, VENUE_PROGRAMME_SQL];
    for (const [sql, params] of statements) {
      const nodes = await plan(sql, params, true);
      const relations = nodes.map((n) => n['Relation Name']).filter(Boolean);
      const forbidden = perMonth.includes(sql) ? never : [...never, 'report_venue_month'];
      expect({ sql, read: relations.filter((r) => forbidden.includes(r!)) }).toEqual({
        sql,
        read: [],
      });
      const cheque = nodes.filter((n) => n['Relation Name'] === 'cheque');
      if (cheque.length === 0) continue;
      // The one exception: the programme's cancelled cheques, an index range on their status.
      expect(sql).toMatch(/status = 'CANCELLED'/);
      expect(cheque.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(nodes.map((n) => n['Index Name'])).toContain('IDX_cheque_programme_status');
    }
  });

  it('pages carnets by key on their programme and serial', async () => {
    const carnets = new ChequesRepository(dataSource);
    const byProgramme = () =>
      carnets
        .carnetsWithHolders()
        .andWhere('carnet.programme_id = :pid', { pid: '00000000-0000-4000-8000-000000000004' });
    const first = await keysetPage(byProgramme(), query({}), list);
    expect(first.meta).toMatchObject({ total: 2000 });
    const plans = await plansOf(() =>
      keysetPage(byProgramme(), query({ cursor: first.meta.nextCursor! }), list),
    );
    for (const nodes of plans) expect(unboundedScans(nodes)).toEqual([]);
    expect(plans.flat().map((n) => n['Index Name'])).toContain('IDX_carnet_programme_serial');
  });

  it('pages the audit log by key, filtered or not, without scanning it', async () => {
    const audit = new AuditRepository(dataSource);
    const first = await audit.findPage({}, query({}));
    expect(first.meta).toMatchObject({ totalIsEstimate: true });
    for (const filter of [
      {},
      { entityType: 'carnet', entityId: '4990' },
      { action: 'carnet.cancelled' },
    ]) {
      const page = await audit.findPage(filter, query({}));
      const plans = await plansOf(() =>
        audit.findPage(filter, query({ cursor: page.meta.nextCursor ?? undefined })),
      );
      for (const nodes of plans) expect(unboundedScans(nodes)).toEqual([]);
    }
  });

  it("pages a few holders' carnets from each holder's first rows, not by walking every serial", async () => {
    const carnets = new ChequesRepository(dataSource);
    const holders = ['000000000009', '000000000002', '000000000005'].map(
      (n) => `00000000-0000-4000-a000-${n}`,
    );
    const scoped = () =>
      carnets.carnetsWithHolders().andWhere('carnet.holder_id = ANY(:h)', { h: holders });
    const partition = { column: 'holder_id', values: holders };
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const plain = await keysetPage(scoped(), query({ cursor, pageSize: 20 }), list);
      const plans = await plansOf(() =>
        keysetPage(scoped(), query({ cursor, pageSize: 20 }), list, partition),
      );
      const merged = await keysetPage(scoped(), query({ cursor, pageSize: 20 }), list, partition);
      expect(merged.data.map((c) => c.serial)).toEqual(plain.data.map((c) => c.serial));
      expect(merged.meta).toEqual(plain.meta);
      // Each holder's first rows come from its index, never more than a page's worth. (On this
      // small table the outer query may still read carnet whole; at 10 M it looks the ids up:
      // bench/scale.mjs.)
      const firstRows = plans[0].filter((n) => n['Index Name'] === 'IDX_carnet_holder_serial');
      expect(firstRows.length).toBeGreaterThan(0);
      for (const n of firstRows) expect(n['Actual Rows']).toBeLessThanOrEqual(21);
      cursor = plain.meta.nextCursor ?? undefined;
    }
    expect(cursor).toBeDefined();
  });

  it("counts a structure's hand-outs of the month on the ledger's partial index, not its whole history", async () => {
    // One structure of programme 3 with 20,000 hand-outs, one an hour back over 2.3 years, and
    // 20,000 carnets received: the month holds at most 744 of its 40,000 movements.
    const holder = '00000000-0000-4000-c000-000000000001';
    const prescriber = '00000000-0000-4000-d000-000000000001';
    await dataSource.query(
      `WITH org AS (INSERT INTO organisation (id, kind, name) VALUES
           ('00000000-0000-4000-e000-000000000001', 'COMMUNE', 'Lens'),
           ('00000000-0000-4000-e000-000000000002', 'PRESCRIBER', 'CCAS') RETURNING id)
       SELECT count(*) FROM org`,
    );
    await dataSource.query(
      `INSERT INTO commune (insee_code, name, postal_codes, population, departement, organisation_id)
       VALUES ('62498', 'Lens', '{62300}', 31000, '62', '00000000-0000-4000-e000-000000000001')`,
    );
    await dataSource.query(
      `INSERT INTO prescriber (id, name, type, insee_code, organisation_id)
       VALUES ($1, 'CCAS de Lens', 'CCAS', '62498', '00000000-0000-4000-e000-000000000002')`,
      [prescriber],
    );
    await dataSource.query(
      `INSERT INTO custody_holder (id, programme_id, kind, prescriber_id, carnets)
       VALUES ($1, '00000000-0000-4000-8000-000000000003', 'PRESCRIBER', $2, 100000)`,
      [holder, prescriber],
    );
    for (const [kind, column] of [
      ['HAND_OUT', 'from_holder_id'],
      ['TRANSFER', 'to_holder_id'],
    ]) {
      await dataSource.query(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, ${column}, actor_label, created_at)
         SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000003',
                ('00000000-0000-4000-b000-' || lpad((4001 + g % 2000)::text, 12, '0'))::uuid,
                $1, $2, 'seed', now() - g * interval '1 hour'
         FROM generate_series(0, 19999) g`,
        [kind, holder],
      );
    }
    await dataSource.query('ANALYZE custody_movement');
    await dataSource.query('ANALYZE custody_holder');
    const month = todayInParis().slice(0, 7);
    const nodes = await plan(PRESCRIBER_PROGRAMMES_SQL, [prescriber, ['62498'], month], true);
    const ledger = nodes.filter((n) => n['Relation Name'] === 'custody_movement');
    expect(ledger.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(ledger.map((n) => n['Index Name'])).toContain('IDX_custody_movement_hand_out');
    for (const n of ledger) {
      expect(
        ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1),
      ).toBeLessThanOrEqual(800);
    }
  });
});
