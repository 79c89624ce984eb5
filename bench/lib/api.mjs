// The API booted in a bench's own process (bench/scale.mjs, bench/reporting.mjs): the build's Nest
// application listening on a free port, TypeORM's logger tapped, and the demo's sign-in.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { services } from './common.mjs';

/** The password of the demo accounts (seed-demo). */
export const DEMO_PASSWORD = 'demo-carnet';

/**
 * Boots the API's Nest application from the snapshot (as main.ts does), listening on a free port,
 * and taps TypeORM's logger: every statement run (logQuery) and its time (logQuerySlow, with a
 * threshold below a millisecond so that it reports every statement that took one or more).
 */
export async function bootApi(dist, env) {
  Object.assign(process.env, env);
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { DataSource } = await import('typeorm');
  const { AppModule } = await import(pathToFileURL(join(dist, 'app.module.js')).href);
  const { configureApp } = await import(pathToFileURL(join(dist, 'bootstrap.js')).href);
  const app = await NestFactory.create(AppModule, { bufferLogs: true, logger: ['error', 'warn'] });
  configureApp(app);
  const { freePort } = await services();
  const port = await freePort();
  await app.listen(port, '127.0.0.1');

  const dataSource = app.get(DataSource);
  const tap = { on: false, statements: [] };
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    if (tap.on) tap.statements.push({ sql: query, params: parameters ? [...parameters] : [] });
    return logQuery(query, parameters, runner);
  };
  dataSource.options.maxQueryExecutionTime = 1e-9;
  logger.logQuerySlow = (time, query) => {
    const last = tap.statements.findLast((s) => s.sql === query && s.appMs === undefined);
    if (last) last.appMs = time;
  };
  return { app, base: `http://127.0.0.1:${port}/api/v1`, tap };
}

/** A demo account's access token (POST /auth/login). */
export async function login(base, email, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Login of ${email} answered ${res.status}: ${await res.text()}`);
  return (await res.json()).accessToken;
}
