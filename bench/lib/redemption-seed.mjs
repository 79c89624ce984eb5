// The data of bench/redemption.mjs: carnets handed out to beneficiaries, their cheques
// DISTRIBUTED (payable) with security codes the bench knows, written with set-based SQL on top of
// a migrated database holding the demo (`seed-demo`). Every row goes through the schema's
// constraints, foreign keys and the custody ledger's statement trigger (the holders' stocks and
// hand-out tallies follow the ledger rows), as the API would leave them; see bench/README.md.
import { performance } from 'node:perf_hooks';
import { fmt, log } from './common.mjs';

export const DEMO_PROGRAMME = 'Pass numérique Lens-Liévin 2026-2027';
const CHEQUES_PER_CARNET = 10;
/** Cheques per INSERT of the cheque table (their numbers and hashes travel as arrays). */
const CHUNK = 50_000;

/** mulberry32: the same order of carnets on every run. */
function generator(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Writes `cheques` cheques (a tenth as many carnets) of the demo programme, handed out: `structures`
 * new prescriber structures in Lens, one beneficiary per carnet (each with its custody row, the
 * structure named on it), the carnets of one issuance run held by their beneficiary, and the
 * ledger's ISSUE (→ programme), TRANSFER (→ structure) and HAND_OUT (→ beneficiary) rows. Every
 * cheque's security code is `code`, stored as the API stores it (`hashOf(number)`: its keyed
 * hash). Returns the carnets split into `pools` (name → share of the carnets), each as the
 * numbers to redeem in order: every carnet's first cheque (carnets shuffled), then every second…,
 * so that requests in flight together name different carnets, as at different venues.
 */
export async function seedRedeemable(client, { cheques, structures, hashOf, chequeNumber, pools }) {
  const steps = [];
  const step = async (name, fn) => {
    const t0 = performance.now();
    const rows = (await fn()) ?? 0;
    const ms = performance.now() - t0;
    steps.push({ name, rows, ms: Math.round(ms) });
    log(`seed: ${name}: ${fmt(rows)} rows in ${fmt(ms / 1000, 1)} s`);
  };
  const q = (text, params) => client.query(text, params);
  const one = async (text, params) => (await q(text, params)).rows[0];
  const carnets = cheques / CHEQUES_PER_CARNET;

  const manager = await one(`SELECT id FROM user_account WHERE email = 'manager@demo.carnet.fr'`);
  const programme = await one(
    `SELECT p.id, p.face_value_cents, p.validity_end_date::text AS valid_until, h.id AS holder
     FROM programme p JOIN custody_holder h ON h.programme_id = p.id AND h.kind = 'PROGRAMME'
     WHERE p.name = $1`,
    [DEMO_PROGRAMME],
  );
  if (!manager || !programme) throw new Error('The demo is missing: seed-demo first.');

  await q('BEGIN');
  await step('structures (organisations, prescribers, custody rows)', async () => {
    const { rowCount } = await q(
      `WITH orgs AS (
         INSERT INTO organisation (kind, name)
         SELECT 'PRESCRIBER', 'Structure de bench n° ' || i FROM generate_series(1, $1) AS i
         RETURNING id, name),
       made AS (
         INSERT INTO prescriber (name, type, insee_code, organisation_id)
         SELECT name, 'ASSOCIATION', '62498', id FROM orgs RETURNING id)
       INSERT INTO custody_holder (programme_id, kind, prescriber_id)
       SELECT $2, 'PRESCRIBER', id FROM made`,
      [structures, programme.id],
    );
    return rowCount * 3;
  });
  await q(`CREATE TEMP TABLE bench_carnet (k int PRIMARY KEY, structure uuid, beneficiary uuid,
             holder uuid, serial bigint, carnet uuid)`);
  await step('beneficiaries and their custody rows', async () => {
    await q(`INSERT INTO bench_carnet (k) SELECT generate_series(0, $1::int - 1)`, [carnets]);
    // Round robin over the structures.
    await q(
      `UPDATE bench_carnet b SET structure = s.holder
       FROM (SELECT h.id AS holder, row_number() OVER (ORDER BY p.name) - 1 AS n
             FROM custody_holder h JOIN prescriber p ON p.id = h.prescriber_id
             WHERE h.programme_id = $1 AND h.kind = 'PRESCRIBER' AND p.name LIKE 'Structure de bench%') s
       WHERE s.n = b.k % $2`,
      [programme.id, structures],
    );
    await q(
      `WITH made AS (
         INSERT INTO beneficiary (programme_id, prescriber_id, insee_code, age_band, situation,
                                  household_key, created_by)
         SELECT $1, h.prescriber_id, '62498', '60_74', 'RETRAITE',
                sha256(('carnet-bench-household-' || b.k)::bytea), $2
         FROM bench_carnet b JOIN custody_holder h ON h.id = b.structure
         ORDER BY b.k
         RETURNING id, household_key)
       UPDATE bench_carnet b SET beneficiary = m.id
       FROM made m WHERE m.household_key = sha256(('carnet-bench-household-' || b.k)::bytea)`,
      [programme.id, manager.id],
    );
    await q(
      `WITH made AS (
         INSERT INTO custody_holder (programme_id, kind, beneficiary_id, prescriber_id)
         SELECT $1, 'BENEFICIARY', b.beneficiary, h.prescriber_id
         FROM bench_carnet b JOIN custody_holder h ON h.id = b.structure
         RETURNING id, beneficiary_id)
       UPDATE bench_carnet b SET holder = m.id FROM made m WHERE m.beneficiary_id = b.beneficiary`,
      [programme.id],
    );
    return carnets * 2;
  });

  const reserve = async (name, count) =>
    Number(
      (
        await one(
          `UPDATE numbering SET next = next + $2 WHERE name = $1 RETURNING next - $2 AS first`,
          [name, count],
        )
      ).first,
    );
  const firstSerial = await reserve('carnet_serial', carnets);
  const firstSequence = await reserve('cheque_sequence', cheques);
  // The budget pays for the run, as the issuance's check requires.
  await q(`UPDATE programme SET budget_cents = budget_cents + $2 WHERE id = $1`, [
    programme.id,
    cheques * programme.face_value_cents,
  ]);
  const issuance = await one(
    `INSERT INTO issuance (programme_id, carnet_count, cheques_per_carnet, face_value_cents, valid_until,
       first_serial, first_sequence, status, carnets_done, requested_by, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'DONE', $2, $8, now()) RETURNING id`,
    [
      programme.id,
      carnets,
      CHEQUES_PER_CARNET,
      programme.face_value_cents,
      programme.valid_until,
      firstSerial,
      firstSequence,
      manager.id,
    ],
  );
  await step('carnets (held by their beneficiary)', async () => {
    const { rowCount } = await q(
      `WITH made AS (
         INSERT INTO carnet (serial, programme_id, issuance_id, status, holder_id)
         SELECT $3::bigint + b.k, $1, $2, 'ACTIVE', b.holder FROM bench_carnet b
         RETURNING id, serial)
       UPDATE bench_carnet b SET carnet = m.id, serial = m.serial
       FROM made m WHERE m.serial = $3::bigint + b.k`,
      [programme.id, issuance.id, firstSerial],
    );
    return rowCount;
  });
  await step('cheques DISTRIBUTED (numbers and keyed hashes computed here)', async () => {
    let rows = 0;
    for (let from = 0; from < cheques; from += CHUNK) {
      const numbers = [];
      const hashes = [];
      for (let i = from; i < Math.min(cheques, from + CHUNK); i++) {
        const number = chequeNumber(firstSequence + i);
        numbers.push(number);
        hashes.push(hashOf(number));
      }
      const { rowCount } = await q(
        `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until,
           status, security_hash, status_changed_at)
         SELECT n.number, b.carnet, $3, (($5::int + n.i - 1) % ${CHEQUES_PER_CARNET}) + 1, $4, $6,
                'DISTRIBUTED', n.hash, now()
         FROM unnest($1::char(12)[], $2::bytea[]) WITH ORDINALITY AS n(number, hash, i)
         JOIN bench_carnet b ON b.k = ($5::int + n.i - 1) / ${CHEQUES_PER_CARNET}`,
        [numbers, hashes, programme.id, programme.face_value_cents, from, programme.valid_until],
      );
      rows += rowCount;
    }
    return rows;
  });
  // The ledger's trigger looks the new cheques up by carnet: plan it on their real size (a plan
  // made for an empty table took 2 minutes instead of 7 s here).
  await q('ANALYZE carnet, cheque, custody_holder, beneficiary');
  await step('custody ledger: ISSUE, TRANSFER to the structures, HAND_OUT', async () => {
    let rows = 0;
    const move = async (kind, from, to, at) => {
      const { rowCount } = await q(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id,
           to_holder_id, actor_id, actor_label, created_at)
         SELECT md5($2 || ':' || ${kind === 'HAND_OUT' ? 'b.k' : kind === 'TRANSFER' ? 'b.structure' : `'${issuance.id}'`})::uuid,
                $1, b.carnet, $2, ${from}, ${to}, $3, 'manager@demo.carnet.fr', now() - $4::interval
         FROM bench_carnet b`,
        [programme.id, kind, manager.id, at],
      );
      rows += rowCount;
    };
    await move('ISSUE', 'NULL', `'${programme.holder}'::uuid`, '3 days');
    await move('TRANSFER', `'${programme.holder}'::uuid`, 'b.structure', '2 days');
    await move('HAND_OUT', 'b.structure', 'b.holder', '1 day');
    return rows;
  });
  const drift = await one(
    `SELECT count(*)::int AS n FROM custody_holder h
     WHERE h.programme_id = $1 AND h.carnets <> (SELECT count(*) FROM carnet c WHERE c.holder_id = h.id)`,
    [programme.id],
  );
  if (drift.n > 0) throw new Error(`seed: ${drift.n} holders' stocks differ from their carnets`);
  await q('COMMIT');

  // The pools: consecutive shares of the carnets, each in its own shuffled order.
  const random = generator(20261129);
  const split = {};
  let next = 0;
  const names = Object.keys(pools);
  for (const [i, name] of names.entries()) {
    const count = i === names.length - 1 ? carnets - next : Math.floor(carnets * pools[name]);
    const order = Array.from({ length: count }, (_, j) => next + j);
    for (let j = order.length - 1; j > 0; j--) {
      const r = Math.floor(random() * (j + 1));
      [order[j], order[r]] = [order[r], order[j]];
    }
    const numbers = [];
    for (let p = 0; p < CHEQUES_PER_CARNET; p++) {
      for (const k of order) numbers.push(chequeNumber(firstSequence + k * CHEQUES_PER_CARNET + p));
    }
    split[name] = numbers;
    next += count;
  }
  return { steps, programmeId: programme.id, issuanceId: issuance.id, firstSerial, pools: split };
}
