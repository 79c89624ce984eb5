// The data of bench/reimbursement.mjs: a programme of its own with the demo's funders and shares,
// venues with verified bank details (a few suspended or without verified details, so that lines
// go ON_HOLD), carnets handed out to beneficiaries, and N redemptions of one period (1 to 3
// cheques each, their cheques REDEEMED), written with set-based SQL on top of a migrated database
// holding the demo (`seed-demo`). Every row goes through the schema's constraints, foreign keys and
// triggers: the custody ledger's statement trigger keeps the holders' stocks and hand-out tallies,
// and counts a carnet "started" for its prescriber when one of its cheques is used (the cheques
// are written REDEEMED before the hand-outs). See bench/README.md ("Reimbursement batch").
import { performance } from 'node:perf_hooks';
import { fmt, log } from './common.mjs';

export const DEMO_PROGRAMME = 'Pass numérique Lens-Liévin 2026-2027';
export const BENCH_PROGRAMME = 'Pass numérique — banc d’essai des remboursements';
const CHEQUES_PER_CARNET = 10;
/** Cheque numbers sent per statement (computed here with the domain's chequeNumber). */
const NUMBER_CHUNK = 200_000;
/** Rows of the big tables written per statement, so that the log shows progress. */
const ROW_CHUNK = 250_000;
/** Prescriber structures the carnets were handed out by. */
const STRUCTURES = 40;
/** Of every 200 venues: one suspended, one without bank details, one with details pending. */
const HOLDS = { suspended: 7, noAccount: 13, pending: 17 };
/** BICs of French banks, in turn (the format is what the SEPA file needs). */
const BICS = ['CEPAFRPP627', 'AGRIFRPP867', 'CCBPFRPPLIL', 'SOGEFRPPXXX', 'BNPAFRPPXXX'];

/** A French IBAN with a correct RIB key and a correct ISO 13616 (mod 97) check. */
export function frenchIban(bank, branch, account) {
  const [b, g, a] = [bank, branch, account].map((s) => BigInt(s));
  const ribKey = 97n - ((89n * b + 15n * g + 3n * a) % 97n);
  const bban = `${bank}${branch}${account}${String(ribKey).padStart(2, '0')}`;
  // "FR" → 15 27, check digits 00, moved after the BBAN.
  const check = 98n - (BigInt(`${bban}152700`) % 97n);
  return `FR${String(check).padStart(2, '0')}${bban}`;
}

/** A SIRET passing the Luhn check: 13 digits from `n`, then the digit that makes it valid. */
export function siret(n) {
  const body = `${String(n).padStart(13, '0')}`;
  for (let d = 0; d <= 9; d++) {
    const candidate = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let v = Number(candidate[13 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/**
 * Writes the bench programme and its data; `period` (YYYY-MM) is the month of the redemptions,
 * `periodStart` and `cutoff` its bounds (Dates). Returns the programme's id, the counts written and
 * the time of each step.
 */
export async function seedReimbursable(
  client,
  { redemptions, venues, period, periodStart, cutoff, chequeNumber },
) {
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

  const users = await one(
    `SELECT (SELECT id FROM user_account WHERE email = 'manager@demo.carnet.fr') AS manager,
            (SELECT id FROM user_account WHERE email = 'finance@demo.carnet.fr') AS finance,
            (SELECT id FROM user_account WHERE email = 'finance2@demo.carnet.fr') AS finance2`,
  );
  if (!users.manager || !users.finance || !users.finance2) {
    throw new Error('The demo users are missing: seed-demo first.');
  }

  await q('BEGIN');
  // The programme: a copy of the demo's (every column but its name and tallies), ACTIVE, started
  // well before the period, with the demo's funders and shares.
  let programme;
  await step('programme (a copy of the demo one, its funders and shares)', async () => {
    const { rows: columns } = await q(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = 'programme'
         AND column_name NOT IN ('id', 'name', 'status', 'start_date', 'budget_cents', 'version',
                                 'expired_cheques', 'expired_cents', 'created_at', 'updated_at')`,
    );
    const list = columns.map((c) => `"${c.column_name}"`).join(', ');
    const made = await one(
      `INSERT INTO programme (name, status, start_date, budget_cents, version, ${list})
       SELECT $2, 'ACTIVE', LEAST(start_date, $3::date - 90), 0, 1, ${list}
       FROM programme WHERE name = $1 RETURNING id, face_value_cents, validity_end_date::text AS valid_until`,
      [DEMO_PROGRAMME, BENCH_PROGRAMME, periodStart.toISOString().slice(0, 10)],
    );
    if (!made) throw new Error('The demo programme is missing: seed-demo first.');
    const shares = await q(
      `INSERT INTO funding_share (programme_id, funder_id, basis_points)
       SELECT $1, s.funder_id, s.basis_points FROM funding_share s
       JOIN programme p ON p.id = s.programme_id WHERE p.name = $2`,
      [made.id, DEMO_PROGRAMME],
    );
    if (shares.rowCount === 0) throw new Error('The demo programme has no funding shares.');
    const holder = await one(
      `INSERT INTO custody_holder (programme_id, kind) VALUES ($1, 'PROGRAMME') RETURNING id`,
      [made.id],
    );
    programme = { ...made, holder: holder.id };
    return 2 + shares.rowCount;
  });

  // The venues: qualified (a few suspended), bank details entered by finance@ and verified by
  // finance2@ (a few without any, or still pending).
  const venueRows = Array.from({ length: venues }, (_, i) => {
    const bank = String(10000 + (i % 90000)).padStart(5, '0');
    const branch = String(i % 100000).padStart(5, '0');
    const account = String(7_000_000_000 + i).padStart(11, '0');
    return {
      pivot: siret(6_200_000_000_000 + i * 7),
      iban: frenchIban(bank, branch, account),
      bic: BICS[i % BICS.length],
    };
  });
  await step('venues (organisations, venues, bank details)', async () => {
    await q(
      `CREATE TEMP TABLE bench_venue (n int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
         org uuid NOT NULL DEFAULT gen_random_uuid(), pivot text, iban text, bic text)`,
    );
    await q(
      `INSERT INTO bench_venue (n, pivot, iban, bic)
       SELECT i - 1, pivot, iban, bic FROM unnest($1::text[], $2::text[], $3::text[])
         WITH ORDINALITY AS v(pivot, iban, bic, i)`,
      [venueRows.map((v) => v.pivot), venueRows.map((v) => v.iban), venueRows.map((v) => v.bic)],
    );
    await q(
      `INSERT INTO organisation (id, kind, name)
       SELECT org, 'VENUE', 'Lieu de médiation de bench n° ' || (n + 1) FROM bench_venue`,
    );
    await q(
      `INSERT INTO venue (id, organisation_id, pivot, name, address, postal_code, commune_name,
                          insee_code, typologies, services, qualification_status)
       SELECT id, org, pivot, 'Lieu de médiation de bench n° ' || (n + 1),
              (1 + n % 150) || ' rue de la République', '62300', 'Lens', '62498',
              ARRAY[(ARRAY['TIERS_LIEUX', 'BIB', 'CCAS', 'ASSO'])[1 + n % 4]],
              ARRAY['Aide aux démarches administratives'],
              CASE WHEN n % 200 = $1 THEN 'SUSPENDED' ELSE 'QUALIFIED' END
       FROM bench_venue`,
      [HOLDS.suspended],
    );
    const accounts = await q(
      `INSERT INTO venue_bank_account (venue_id, holder_name, iban, bic, status, entered_by,
                                       entered_at, decided_by, decided_at, valid_from)
       SELECT id, 'LIEU DE MEDIATION DE BENCH ' || (n + 1), iban, bic,
              CASE WHEN n % 200 = $4 THEN 'PENDING' ELSE 'VERIFIED' END, $1, $3::timestamptz - interval '60 days',
              CASE WHEN n % 200 = $4 THEN NULL ELSE $2::uuid END,
              CASE WHEN n % 200 = $4 THEN NULL ELSE $3::timestamptz - interval '59 days' END,
              $3::timestamptz - interval '60 days'
       FROM bench_venue WHERE n % 200 <> $5`,
      [users.finance, users.finance2, periodStart, HOLDS.pending, HOLDS.noAccount],
    );
    await q('ANALYZE bench_venue');
    return venues * 2 + accounts.rowCount;
  });

  // The redemptions planned: k-th of N, 1 to 3 cheques, at a venue (skewed: a few venues make
  // many), at a moment of the period; its cheques are the next ones in carnet order.
  let cheques = 0;
  await step('redemptions planned (temporary table)', async () => {
    await q(
      `CREATE TEMP TABLE bench_redemption (k int PRIMARY KEY, id uuid NOT NULL, venue int NOT NULL,
         size int NOT NULL, first int NOT NULL, created_at timestamptz NOT NULL)`,
    );
    const { rowCount } = await q(
      `INSERT INTO bench_redemption (k, id, venue, size, first, created_at)
       SELECT k, gen_random_uuid(), venue, size, (sum(size) OVER (ORDER BY k) - size)::int,
              $2::timestamptz + ($3::timestamptz - $2::timestamptz) * ((abs(hashint4(k * 3 + 1)::bigint) % 1000000) / 1000000.0)::float8
       FROM (SELECT k,
                    LEAST($4::int - 1, floor($4::int * power((abs(hashint4(k)::bigint) % 1000000) / 1000000.0, 1.5)))::int AS venue,
                    1 + abs(hashint4(k * 7 + 2)::bigint) % 3 AS size
             FROM generate_series(0, $1::int - 1) AS k) s`,
      [redemptions, periodStart, cutoff, venues],
    );
    cheques = Number((await one(`SELECT sum(size)::int AS n FROM bench_redemption`)).n);
    await q(
      `CREATE TEMP TABLE bench_slot AS
       SELECT r.first + p AS i, r.k, p AS position FROM bench_redemption r, generate_series(0, r.size - 1) AS p`,
    );
    await q('ALTER TABLE bench_slot ADD PRIMARY KEY (i)');
    await q('ANALYZE bench_redemption, bench_slot');
    return rowCount + cheques;
  });
  const carnets = Math.ceil(cheques / CHEQUES_PER_CARNET);

  await step('structures (organisations, prescribers, custody rows)', async () => {
    const { rowCount } = await q(
      `WITH orgs AS (
         INSERT INTO organisation (kind, name)
         SELECT 'PRESCRIBER', 'Structure de bench des remboursements n° ' || i FROM generate_series(1, $1) AS i
         RETURNING id, name),
       made AS (
         INSERT INTO prescriber (name, type, insee_code, organisation_id)
         SELECT name, 'ASSOCIATION', '62498', id FROM orgs RETURNING id)
       INSERT INTO custody_holder (programme_id, kind, prescriber_id)
       SELECT $2, 'PRESCRIBER', id FROM made`,
      [STRUCTURES, programme.id],
    );
    return rowCount * 3;
  });
  await step('beneficiaries, their custody rows and carnets (temporary table)', async () => {
    await q(
      `CREATE TEMP TABLE bench_carnet AS
       SELECT k, s.holder AS structure, s.prescriber, gen_random_uuid() AS beneficiary,
              gen_random_uuid() AS holder, gen_random_uuid() AS carnet
       FROM generate_series(0, $1::int - 1) AS k
       JOIN (SELECT h.id AS holder, h.prescriber_id AS prescriber,
                    (row_number() OVER (ORDER BY h.id) - 1)::int AS n
             FROM custody_holder h WHERE h.programme_id = $2 AND h.kind = 'PRESCRIBER') s
         ON s.n = k % $3`,
      [carnets, programme.id, STRUCTURES],
    );
    await q('ALTER TABLE bench_carnet ADD PRIMARY KEY (k)');
    await q('ANALYZE bench_carnet');
    await q(
      `INSERT INTO beneficiary (id, programme_id, prescriber_id, insee_code, age_band, situation,
                                household_key, created_by, created_at)
       SELECT beneficiary, $1, prescriber, '62498', '60_74', 'RETRAITE',
              sha256(('carnet-bench-reimbursement-household-' || k)::bytea), $2, $3::timestamptz - interval '30 days'
       FROM bench_carnet`,
      [programme.id, users.manager, periodStart],
    );
    await q(
      `INSERT INTO custody_holder (id, programme_id, kind, beneficiary_id, prescriber_id)
       SELECT holder, $1, 'BENEFICIARY', beneficiary, prescriber FROM bench_carnet`,
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
  const firstSequence = await reserve('cheque_sequence', carnets * CHEQUES_PER_CARNET);
  await q(`UPDATE programme SET budget_cents = $2 WHERE id = $1`, [
    programme.id,
    carnets * CHEQUES_PER_CARNET * programme.face_value_cents,
  ]);
  const issuance = await one(
    `INSERT INTO issuance (programme_id, carnet_count, cheques_per_carnet, face_value_cents, valid_until,
       first_serial, first_sequence, status, carnets_done, requested_by, finished_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'DONE', $2, $8, $9::timestamptz - interval '40 days',
             $9::timestamptz - interval '40 days') RETURNING id`,
    [
      programme.id,
      carnets,
      CHEQUES_PER_CARNET,
      programme.face_value_cents,
      programme.valid_until,
      firstSerial,
      firstSequence,
      users.manager,
      periodStart,
    ],
  );
  await step('carnets (held by their beneficiary)', async () => {
    const { rowCount } = await q(
      `INSERT INTO carnet (id, serial, programme_id, issuance_id, status, holder_id, created_at)
       SELECT carnet, $3::bigint + k, $1, $2, 'ACTIVE', holder, $4::timestamptz - interval '40 days'
       FROM bench_carnet`,
      [programme.id, issuance.id, firstSerial, periodStart],
    );
    return rowCount;
  });
  await step('cheque numbers (temporary table)', async () => {
    await q(`CREATE TEMP TABLE bench_number (i int PRIMARY KEY, number char(12) NOT NULL)`);
    const total = carnets * CHEQUES_PER_CARNET;
    for (let from = 0; from < total; from += NUMBER_CHUNK) {
      const numbers = [];
      for (let i = from; i < Math.min(total, from + NUMBER_CHUNK); i++) {
        numbers.push(chequeNumber(firstSequence + i));
      }
      await q(
        `INSERT INTO bench_number (i, number)
         SELECT $2::int + n.i - 1, n.number FROM unnest($1::char(12)[]) WITH ORDINALITY AS n(number, i)`,
        [numbers, from],
      );
    }
    await q('ANALYZE bench_number');
    return total;
  });
  await step('cheques (REDEEMED when a redemption uses them, DISTRIBUTED otherwise)', async () => {
    let rows = 0;
    const total = carnets * CHEQUES_PER_CARNET;
    for (let from = 0; from < total; from += ROW_CHUNK) {
      const { rowCount } = await q(
        `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until,
                             status, security_hash, status_changed_at)
         SELECT n.number, c.carnet, $1, (n.i % ${CHEQUES_PER_CARNET}) + 1, $2, $3,
                CASE WHEN r.k IS NULL THEN 'DISTRIBUTED' ELSE 'REDEEMED' END,
                sha256(n.number::bytea), COALESCE(r.created_at, $6::timestamptz - interval '1 day')
         FROM bench_number n
         JOIN bench_carnet c ON c.k = n.i / ${CHEQUES_PER_CARNET}
         LEFT JOIN bench_slot s ON s.i = n.i
         LEFT JOIN bench_redemption r ON r.k = s.k
         WHERE n.i >= $4 AND n.i < $5`,
        [
          programme.id,
          programme.face_value_cents,
          programme.valid_until,
          from,
          from + ROW_CHUNK,
          periodStart,
        ],
      );
      rows += rowCount;
    }
    return rows;
  });
  // The ledger's trigger looks the cheques up by carnet: plan it on their real size.
  await q('ANALYZE carnet, cheque, custody_holder, beneficiary');
  await step('custody ledger: ISSUE, TRANSFER to the structures, HAND_OUT', async () => {
    let rows = 0;
    const move = async (kind, from, to, daysBefore) => {
      const { rowCount } = await q(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id,
           to_holder_id, actor_id, actor_label, created_at)
         SELECT md5($2 || ':' || ${kind === 'HAND_OUT' ? 'b.k' : kind === 'TRANSFER' ? 'b.structure' : `'${issuance.id}'`})::uuid,
                $1, b.carnet, $2, ${from}, ${to}, $3, 'manager@demo.carnet.fr',
                $4::timestamptz - $5::int * interval '1 day'
         FROM bench_carnet b`,
        [programme.id, kind, users.manager, periodStart, daysBefore],
      );
      rows += rowCount;
    };
    await move('ISSUE', 'NULL', `'${programme.holder}'::uuid`, 35);
    await move('TRANSFER', `'${programme.holder}'::uuid`, 'b.structure', 30);
    await move('HAND_OUT', 'b.structure', 'b.holder', 20);
    return rows;
  });
  await step('redemptions (ACTIVE, in no batch)', async () => {
    let rows = 0;
    for (let from = 0; from < redemptions; from += ROW_CHUNK) {
      const { rowCount } = await q(
        `INSERT INTO redemption (id, venue_id, programme_id, service, service_date, duration_minutes,
                                 participants, cheque_count, amount_cents, period, actor_type,
                                 actor_id, actor_label, created_at)
         SELECT r.id, v.id, $1, 'Aide aux démarches administratives',
                (r.created_at AT TIME ZONE 'Europe/Paris')::date, 60, 1, r.size, r.size * $2, $3,
                'USER', $4, 'Bench', r.created_at
         FROM bench_redemption r JOIN bench_venue v ON v.n = r.venue
         WHERE r.k >= $5 AND r.k < $6`,
        [programme.id, programme.face_value_cents, period, users.manager, from, from + ROW_CHUNK],
      );
      rows += rowCount;
    }
    return rows;
  });
  await step('redemption cheques', async () => {
    let rows = 0;
    for (let from = 0; from < cheques; from += ROW_CHUNK) {
      const { rowCount } = await q(
        `INSERT INTO redemption_cheque (redemption_id, cheque_number, position, face_value_cents)
         SELECT r.id, n.number, s.position, $1
         FROM bench_slot s JOIN bench_redemption r ON r.k = s.k JOIN bench_number n ON n.i = s.i
         WHERE s.i >= $2 AND s.i < $3`,
        [programme.face_value_cents, from, from + ROW_CHUNK],
      );
      rows += rowCount;
    }
    return rows;
  });

  // What the API would have left: each holder's stock is its carnets, each prescriber's started
  // tally its beneficiaries' carnets with a used cheque, each period right.
  const drift = await one(
    `SELECT
       (SELECT count(*)::int FROM custody_holder h WHERE h.programme_id = $1
          AND h.carnets <> (SELECT count(*) FROM carnet c WHERE c.holder_id = h.id)) AS stocks,
       (SELECT count(*)::int FROM custody_holder p WHERE p.programme_id = $1 AND p.kind = 'PRESCRIBER'
          AND p.started <> (SELECT count(*) FROM bench_carnet b WHERE b.structure = p.id
                              AND EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = b.carnet
                                            AND q.status = 'REDEEMED'))) AS started,
       (SELECT count(*)::int FROM redemption WHERE programme_id = $1
          AND period <> to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')) AS periods`,
    [programme.id],
  );
  if (drift.stocks + drift.started + drift.periods > 0) {
    throw new Error(`seed: the tallies differ from the rows: ${JSON.stringify(drift)}`);
  }
  await q('COMMIT');
  for (const table of [
    'bench_slot',
    'bench_number',
    'bench_carnet',
    'bench_redemption',
    'bench_venue',
  ]) {
    await q(`DROP TABLE ${table}`);
  }

  const holds = await one(
    `SELECT count(*) FILTER (WHERE v.qualification_status = 'SUSPENDED')::int AS suspended,
            count(*) FILTER (WHERE a.id IS NULL)::int AS "noAccount",
            count(*) FILTER (WHERE a.status = 'PENDING')::int AS pending
     FROM venue v LEFT JOIN venue_bank_account a ON a.venue_id = v.id AND a.valid_to IS NULL
     WHERE v.name LIKE 'Lieu de médiation de bench%'`,
  );
  return {
    steps: steps.map(({ name, rows, ms }) => ({ name, rows, ms })),
    programmeId: programme.id,
    counts: { venues, redemptions, cheques, carnets, holds },
    ibans: venueRows.slice(0, 50).map((v) => v.iban),
  };
}
