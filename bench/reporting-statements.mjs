#!/usr/bin/env node
// The programme-wide statements of the reports (apps/api/src/reporting/reports.repository.ts, from
// the API's build) timed on a database whose store is filled — each next to the same statement on
// the finer per-month roll-up it replaced (report_handout_month, report_venue_month) — then
// EXPLAIN (ANALYZE, BUFFERS). A complement of bench/reporting.mjs that needs no refresh.
//
//   npx nest build api
//   node bench/reporting-statements.mjs postgres://…/carnet_bench_…_10m_reporting [runs]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';

const [url, runsArg] = process.argv.slice(2);
if (!url) throw new Error('usage: node bench/reporting-statements.mjs DATABASE_URL [runs]');
const runs = Number(runsArg ?? 20);
const sql = await import('../apps/api/dist/reporting/reports.repository.js');

/** The statement as it read before the coarser roll-ups (the same sums, per month). */
const finer = (text) =>
  text
    .replaceAll('report_handout_origin', 'report_handout_month')
    .replaceAll('report_handout_commune_month', 'report_handout_month')
    .replaceAll('count(*)::int AS services', 'count(DISTINCT service)::int AS services')
    .replaceAll('count(*)::int AS venues', 'count(DISTINCT venue_id)::int AS venues')
    .replaceAll('report_venue_service', 'report_venue_month');

const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows: programmes } = await client.query(
  `SELECT programme_id AS id FROM report_handout_origin GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const programme = programmes[0].id;
const statements = [
  ['HANDOUT_SUMMARY_SQL', [programme, null]],
  ['HANDOUT_TOTALS_SQL', [programme, null]],
  ['BY_COMMUNE_SQL', [programme, null]],
  ['BY_PRESCRIBER_SQL', [programme, null]],
  ['BY_VENUE_SQL', [programme, null, null]],
  ['BY_SERVICE_SQL', [programme, null]],
  ['HANDOUTS_BY_MONTH_SQL', [programme, null]],
  ['PAID_SQL', [programme]],
  ['PAID_BY_FUNDER_SQL', [programme]],
  ['PAID_BY_MONTH_SQL', [programme, null]],
  ['REDEMPTIONS_BY_MONTH_SQL', [programme, null]],
];

async function time(text, params) {
  await client.query(text, params);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await client.query(text, params);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  return { p50: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +ms.at(-1).toFixed(1) };
}

const out = [
  `programme ${programme}, ${runs} runs each, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
];
const table = [
  '| statement | now p50 / p95 / max (ms) | on the per-month roll-up p50 / p95 / max (ms) |',
  '| --- | ---: | ---: |',
];
for (const [name, params] of statements) {
  const text = sql[name];
  const now = await time(text, params);
  const before = finer(text) === text ? null : await time(finer(text), params);
  table.push(
    `| ${name} | ${now.p50} / ${now.p95} / ${now.max} | ${before ? `${before.p50} / ${before.p95} / ${before.max}` : '(unchanged)'} |`,
  );
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
  out.push(
    `\n── ${name} ${JSON.stringify(params)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
  );
}
out.push(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await client.end();
const text = `${table.join('\n')}\n\n${out.join('\n')}\n`;
const file = `bench/results/reporting-statements-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.txt`;
writeFileSync(file, text);
console.log(table.join('\n'));
console.log(`written to ${file}`);
