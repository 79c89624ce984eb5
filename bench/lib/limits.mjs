// The physical limits of the server a bench runs on (bench/scale.mjs, bench/reporting.mjs), measured
// on the same data in the same run, so that a request's time can be read against what reading the
// rows costs at all.
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { databaseUrlFor, fmt, log, printRows, services, withClient } from './common.mjs';
import { explain, summarise } from './plans.mjs';

export async function timedQuery(client, sql, params) {
  const t0 = performance.now();
  const result = await client.query(sql, params);
  return { ms: performance.now() - t0, result };
}

/**
 * What the server can do at all, on the same data in the same run: COPY the cheques out (server
 * side, then through psql), copy them into an UNLOGGED table, aggregate them by status (whole
 * table, then `programmeId`'s), and `pgbench -S` in a database of its own (when on the PATH).
 */
export async function physicalLimits(client, { url, admin, programmeId, tag, pgbench }) {
  const limits = {};
  await client.query('CHECKPOINT');
  const rate = (rows, ms) => Math.round(rows / (ms / 1000));

  log('limits: COPY cheque TO /dev/null (server side)…');
  try {
    const { ms, result } = await timedQuery(client, `COPY cheque TO '/dev/null'`);
    limits.copyOut = {
      ms: Math.round(ms),
      rows: result.rowCount,
      rowsPerSecond: rate(result.rowCount, ms),
    };
  } catch (error) {
    limits.copyOut = { skipped: `COPY TO a server file refused: ${error.message}` };
  }
  const { which } = await services();
  if (which('psql')) {
    log('limits: COPY cheque TO STDOUT through psql into /dev/null…');
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const child = spawn(
        'psql',
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'COPY cheque TO STDOUT', url],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`psql exited with ${code}`)),
      );
    });
    const ms = performance.now() - t0;
    const rows = limits.copyOut.rows ?? null;
    limits.copyOutClient = {
      ms: Math.round(ms),
      rows,
      rowsPerSecond: rows ? rate(rows, ms) : null,
    };
  } else {
    limits.copyOutClient = { skipped: 'psql is not on the PATH' };
  }

  log('limits: copy of every cheque row into an UNLOGGED table without indexes…');
  await client.query(`DROP TABLE IF EXISTS bench_cheque_copy`);
  await client.query(`CREATE UNLOGGED TABLE bench_cheque_copy (LIKE cheque)`);
  try {
    const { ms, result } = await timedQuery(
      client,
      `INSERT INTO bench_cheque_copy SELECT * FROM cheque`,
    );
    limits.copyIntoUnlogged = {
      ms: Math.round(ms),
      rows: result.rowCount,
      rowsPerSecond: rate(result.rowCount, ms),
    };
  } finally {
    await client.query(`DROP TABLE bench_cheque_copy`);
  }

  log('limits: raw aggregates…');
  const whole = `SELECT status, count(*), sum(face_value_cents) FROM cheque GROUP BY status`;
  const one = `SELECT status, count(*), sum(face_value_cents) FROM cheque WHERE programme_id = $1 GROUP BY status`;
  const runs = async (sql, params) => {
    const times = [];
    let rows = null;
    for (let i = 0; i < 3; i++) {
      const { ms, result } = await timedQuery(client, sql, params);
      times.push(Math.round(ms));
      rows = result.rows.reduce((n, r) => n + Number(r.count), 0);
    }
    const plan = summarise((await explain(client, sql, params)).json, { maxNodes: 8 });
    return {
      sql,
      msEachRun: times,
      bestMs: Math.min(...times),
      rowsAggregated: rows,
      rowsPerSecond: rate(rows, Math.min(...times)),
      plan: { top: plan.top, executionMs: plan.executionMs },
    };
  };
  limits.aggregateAll = await runs(whole);
  limits.aggregateProgramme = await runs(one, [programmeId]);

  if (!pgbench) limits.pgbench = { skipped: '--no-pgbench' };
  else if (!which('pgbench')) limits.pgbench = { skipped: 'pgbench is not on the PATH' };
  else {
    const database = `carnet_bench_${tag}_pgbench`;
    const pgbenchUrl = databaseUrlFor(admin, database);
    log('limits: pgbench -i -s 10, then pgbench -S for 10 s (2 clients)…');
    await withClient(admin, (c) => c.query(`CREATE DATABASE "${database}"`));
    try {
      execFileSync('pgbench', ['-i', '-s', '10', '-q', pgbenchUrl], { stdio: 'ignore' });
      const out = execFileSync(
        'pgbench',
        ['-S', '-n', '-T', '10', '-c', '2', '-j', '2', pgbenchUrl],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
      const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1];
      limits.pgbench = {
        command: 'pgbench -S -n -T 10 -c 2 -j 2 (scale 10)',
        tps: tps ? Math.round(Number(tps)) : null,
        latencyAverageMs: latency ? Number(latency) : null,
      };
    } finally {
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    }
  }
  return limits;
}

/** The limits as a table on the standard output. */
export function printLimits(limits) {
  console.log('\n  Physical limits, same server, same run:');
  const rows = [['', 'time', 'rows/s']];
  const add = (label, l) =>
    rows.push(
      l?.skipped
        ? [label, `skipped: ${l.skipped}`, '']
        : [label, `${fmt(l.ms / 1000, 2)} s`, fmt(l.rowsPerSecond)],
    );
  add('COPY cheque TO /dev/null (server)', limits.copyOut);
  add('COPY cheque TO STDOUT (psql)', limits.copyOutClient);
  add('copy into UNLOGGED table, no index', limits.copyIntoUnlogged);
  rows.push([
    'aggregate by status, whole table',
    `${fmt(limits.aggregateAll.bestMs)} ms (runs ${limits.aggregateAll.msEachRun.join(', ')})`,
    fmt(limits.aggregateAll.rowsPerSecond),
  ]);
  rows.push([
    'aggregate by status, big programme',
    `${fmt(limits.aggregateProgramme.bestMs)} ms (runs ${limits.aggregateProgramme.msEachRun.join(', ')})`,
    fmt(limits.aggregateProgramme.rowsPerSecond),
  ]);
  rows.push(
    limits.pgbench.skipped
      ? ['pgbench -S', `skipped: ${limits.pgbench.skipped}`, '']
      : [
          'pgbench -S, 2 clients, 10 s',
          `${fmt(limits.pgbench.tps)} tps, ${limits.pgbench.latencyAverageMs} ms avg`,
          '',
        ],
  );
  printRows(rows, ['l', 'r', 'r']);
}
