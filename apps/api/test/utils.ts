import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { WorkerModule } from '#src/worker.module.js';
import { AppModule } from '#src/app.module.js';
import { configureApp } from '#src/bootstrap.js';
import { AppConfig, loadConfig } from '#src/config/app-config.js';
import { typeOrmOptions } from '#src/database/typeorm-options.js';
import { ENTITIES } from '#src/entities.js';
import { DEMO_PASSWORD, seedDemo } from '#src/seed/demo-seed.js';

/**
 * Integration and e2e tests run against real PostgreSQL and Redis, provided by `npm test`
 * (scripts/test.mjs) through TEST_DATABASE_URL and TEST_REDIS_URL. Each test file gets its own
 * database, copied from a template on which the migrations already ran.
 */
export function testEnv(): { databaseUrl: string; redisUrl: string; template: string } {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!databaseUrl || !redisUrl || !template) {
    throw new Error(
      'TEST_DATABASE_URL, TEST_REDIS_URL and TEST_TEMPLATE_DATABASE are not set: run the tests with `npm test` ' +
        '(e.g. `npm test -- apps/api/test/auth.e2e-spec.ts`), which provisions them.',
    );
  }
  return { databaseUrl, redisUrl, template };
}

export function databaseUrlFor(database: string): string {
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlFor('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with the migrations applied (copied from the template), or an empty one. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `carnet_t_${randomBytes(6).toString('hex')}`;
  const { template } = testEnv();
  await admin((c) =>
    c.query(
      `CREATE DATABASE "${name}" ${options.empty ? 'TEMPLATE template0' : `TEMPLATE "${template}"`}`,
    ),
  );
  return {
    name,
    url: databaseUrlFor(name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export const TEST_CHEQUE_SECRET = 'test-cheque-secret-that-is-long-enough-0123456789';
export const TEST_HOUSEHOLD_SECRET = 'test-household-secret-that-is-long-enough-0123456789';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testEnv().redisUrl,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    CHEQUE_SECRET: TEST_CHEQUE_SECRET,
    HOUSEHOLD_SECRET: TEST_HOUSEHOLD_SECRET,
    AUTH_THROTTLE_LIMIT: '1000',
    // The demo's run (300 carnets) skips the PDF in tests; tests that want one issue fewer.
    PRINT_PDF_MAX_CARNETS: '100',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dataSource: DataSource;
  database: TestDatabase;
  /** The worker's application when booted with `worker: true` (its own service instances). */
  worker?: INestApplication;
  close(): Promise<void>;
}

/**
 * Boots the real HTTP application (all modules, guards, filters) on its own database, seeded
 * with the full demo by default ('accounts': only the owner's, prescriber's and venue's users).
 * A new test file should start from 'accounts' (or false) and build what it reads with the
 * factories of factories.ts; the full demo is for tests that walk all of it (fuzz, matrix).
 */
export async function bootApp(
  options: {
    config?: Record<string, string>;
    seed?: false | 'accounts' | 'full';
    /** With the full demo, also its reimbursement batches (default true). */
    demoBatches?: boolean;
    /** Also run the worker (BullMQ processors) in this process, on the same queues. */
    worker?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.config);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApp(app);
  await app.init();
  const dataSource = app.get(DataSource);
  if (options.seed !== false) {
    await seedDemo(app, { programme: options.seed !== 'accounts', batches: options.demoBatches });
  }
  let worker: INestApplication | undefined;
  if (options.worker) {
    const workerRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    worker = workerRef.createNestApplication({ bufferLogs: true });
    await worker.init();
  }
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource,
    database,
    worker,
    close: async () => {
      await worker?.close();
      await app.close();
      await database.drop();
    },
  };
}

/** A standalone data source on a test database (for integration tests without HTTP). */
export async function openDataSource(url: string): Promise<DataSource> {
  return new DataSource(typeOrmOptions({ DATABASE_URL: url }, ENTITIES)).initialize();
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(
  http: TestAgent,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const response = await http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  const body = response.body as { accessToken: string; refreshToken: string };
  return { ...body, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

/**
 * Runs a test script of apps/api/test (a worker that kills itself half-way, say) in a process of
 * its own on the test's database and Redis, under the tests' secrets and a queue prefix of its
 * own; answers how it ended and everything it printed.
 */
export async function runChild(
  script: string,
  args: string[],
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ exit: { code: number | null; signal: string | null }; output: string }> {
  const child = fork(join(process.cwd(), 'apps/api/test', script), args, {
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: testEnv().redisUrl,
      QUEUE_PREFIX: `child-${randomUUID().slice(0, 8)}`,
      JWT_SECRET: TEST_JWT_SECRET,
      CHEQUE_SECRET: TEST_CHEQUE_SECRET,
      HOUSEHOLD_SECRET: TEST_HOUSEHOLD_SECRET,
      LOG_LEVEL: 'silent',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { exit, output };
}
