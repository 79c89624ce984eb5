// The seeded database of a bench (bench/scale.mjs, bench/reporting.mjs): its creation with the
// migrations and the demo, and for --keep / --reuse the seed's facts kept as the database's comment
// with a hash of every migration it ran, so that a later run reports them, runs the migrations the
// build added and warns when one it ran has changed since.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cli, fmt, log, withClient } from './common.mjs';

/** The size in a database's name: 10m, 200k. */
export const sizeLabel = (cheques) =>
  cheques % 1_000_000 === 0 ? `${cheques / 1_000_000}m` : `${Math.round(cheques / 1000)}k`;

/** A new database with the build's migrations and the demo (`migrate`, `seed-demo`). */
export async function createDemoDatabase({ admin, database, dist, env }) {
  await withClient(admin, (client) => client.query(`CREATE DATABASE "${database}"`));
  cli(dist, ['migrate'], env);
  cli(dist, ['seed-demo'], env);
}

/** The seed's facts of a database seeded by `benchmark` ('scale', 'reporting'), from its comment. */
export async function readSeedFacts(admin, database, benchmark) {
  return withClient(admin, async (client) => {
    const { rows } = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    if (rows.length === 0) throw new Error(`No database ${database} on this server`);
    try {
      const facts = JSON.parse(rows[0].comment ?? '');
      if (facts.benchmark !== benchmark) throw new Error(`not a ${benchmark} seed`);
      return facts;
    } catch {
      throw new Error(
        `${database} was not seeded by bench/${benchmark}.mjs (no seed facts in its comment)`,
      );
    }
  });
}

export async function writeSeedFacts(admin, database, facts) {
  await withClient(admin, (client) =>
    client.query(
      `COMMENT ON DATABASE "${database}" IS ${client.escapeLiteral(JSON.stringify(facts))}`,
    ),
  );
}

/**
 * The migrations the database ran, each with a hash of its compiled file in the snapshot: a
 * --reuse run warns when a migration it ran has changed since (a migration edited before it was
 * committed), since the kept schema then differs from what the API expects.
 */
export async function appliedMigrations(url, dist) {
  const dir = join(dist, 'database/migrations');
  const hashes = new Map(
    readdirSync(dir)
      .filter((f) => /^\d+-\w+\.js$/.test(f))
      .map((f) => {
        const [, ts, name] = /^(\d+)-(\w+)\.js$/.exec(f);
        const hash = createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex');
        return [`${name}${ts}`, hash.slice(0, 16)];
      }),
  );
  const names = await withClient(url, async (c) =>
    (await c.query('SELECT name FROM typeorm_migration ORDER BY id')).rows.map((r) => r.name),
  );
  return { applied: Object.fromEntries(names.map((n) => [n, hashes.get(n) ?? null])), hashes };
}

/**
 * A kept database measured again: its seed's facts, after the build's pending migrations ran
 * (timed, then ANALYZE). Answers the facts, the migrations that changed since the database ran
 * them (`changedMigrations`) and those applied now (`migrationsApplied`).
 */
export async function reuseDatabase({ admin, url, database, dist, env, benchmark }) {
  const seedFacts = await readSeedFacts(admin, database, benchmark);
  const result = { seedFacts };
  log(
    `Reusing ${database} (${fmt(seedFacts.cheques)} cheques, seeded ${seedFacts.seededAt}); running pending migrations…`,
  );
  const before = await appliedMigrations(url, dist);
  const changed = Object.entries(seedFacts.migrations ?? {})
    .filter(([name, hash]) => before.hashes.has(name) && before.hashes.get(name) !== hash)
    .map(([name]) => name);
  if (changed.length > 0) {
    result.changedMigrations = changed;
    log(
      `WARNING: ${changed.join(', ')} changed since ${database} ran it: its schema may differ from what this build expects (seed a new database to be sure).`,
    );
  }
  const t0 = performance.now();
  const out = cli(dist, ['migrate'], env).trim();
  const after = await appliedMigrations(url, dist);
  const added = Object.keys(after.applied).filter((n) => !(n in before.applied));
  result.migrationsApplied = { names: added, ms: Math.round(performance.now() - t0) };
  if (added.length > 0) {
    log(`${out} in ${fmt((performance.now() - t0) / 1000, 1)} s; ANALYZE…`);
    await withClient(url, (c) => c.query('ANALYZE'));
    // Changed migrations keep the hash they ran with: the next run warns again.
    seedFacts.migrations = { ...after.applied, ...(seedFacts.migrations ?? {}) };
    await writeSeedFacts(admin, database, seedFacts);
  }
  return result;
}
