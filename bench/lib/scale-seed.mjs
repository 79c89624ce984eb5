// The data of bench/scale.mjs: millions of cheques written with set-based SQL (INSERT … SELECT over
// generate_series), on top of a migrated database holding the demo (`seed-demo`). Not through the
// API: the point is the size of the tables the API reads, reached in minutes. Every row goes
// through the schema's own constraints, foreign keys and the custody ledger's statement trigger,
// so the rows are ones the schema accepts; see bench/README.md for what they look like.
//
// bench/reporting.mjs seeds the same way with an `activity` (bench/lib/reporting-seed.mjs): before
// the carnets are written it plans, per carnet serial, the carnets handed out (`bench_fate`: the
// beneficiary's custody row, when, by whom) and the cheques used (`bench_slot`: their status and
// its date), and the carnet, cheque and ledger statements below read both tables (empty without
// an activity, so that bench/scale.mjs writes what it always wrote).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fmt, log } from './common.mjs';

export const DEMO_PROGRAMME = 'Pass numérique Lens-Liévin 2026-2027';
export const CHEQUES_PER_CARNET = 10;
/** Carnets per issuance run (the API's ISSUANCE_MAX_CARNETS is 200,000), one run every 21 days. */
export const RUN_CARNETS = 100_000;
export const RUN_INTERVAL_DAYS = 21;
/** Days from a carnet's issuance to its delivery to a commune, and on to a prescriber. */
export const COMMUNE_DELIVERY_DAYS = 7;
export const PRESCRIBER_DELIVERY_DAYS = 14;
/** Carnets per delivery to a commune, and per box handed to a prescriber (one transfer each). */
const COMMUNE_DELIVERY = 5_000;
const PRESCRIBER_BOX = 500;
/** Cheques per expiry batch and audit entry (EXPIRY_BATCH of expiry.service.ts). */
const EXPIRY_BATCH_CHEQUES = 20_000;
/** Transfers whose audit entry lists the carnet ids (AUDITED_CARNET_IDS of libs/domain). */
const AUDITED_CARNET_IDS = 100;
const BIG_TABLES = ['cheque', 'carnet', 'custody_movement', 'audit_event'];

/**
 * The programmes: the demo's (it exists) and three more, one CLOSED whose validity ended, so that
 * the nightly expiry has work. `share` of the carnets; `communes` of a programme's carnets went to
 * the communes, `prescribers` of a commune's carnets on to its prescribers, the rest stays in the
 * programme's stock. `expired`: the first part of the CLOSED programme's carnets, already expired.
 */
export const PROGRAMMES = [
  {
    key: 'closed',
    name: 'Pass numérique Lens-Liévin 2024-2025',
    territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
    status: 'CLOSED',
    startDate: '2024-01-01',
    endDate: '2025-06-30',
    validityEndDate: '2025-12-31',
    graceDays: 30,
    faceValueCents: 1000,
    firstRunAt: '2024-01-22T09:30:00+01:00',
    share: 0.15,
    communes: 0.6,
    prescribers: 0.5,
    expired: 0.3,
  },
  {
    key: 'demo',
    name: DEMO_PROGRAMME,
    firstRunAt: '2026-01-19T09:30:00+01:00',
    share: 0.5,
    communes: 0.35,
    prescribers: 0.4,
    expired: 0,
  },
  {
    key: 'seniors',
    name: 'Pass numérique seniors Lens-Liévin 2026-2028',
    territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
    status: 'ACTIVE',
    startDate: '2026-03-01',
    endDate: '2028-02-29',
    validityEndDate: '2028-06-30',
    graceDays: 30,
    faceValueCents: 1500,
    firstRunAt: '2026-03-09T10:00:00+01:00',
    share: 0.2,
    communes: 0.3,
    prescribers: 0.5,
    expired: 0,
  },
  {
    key: 'jeunes',
    name: 'Pass numérique jeunes Lens-Liévin 2026-2027',
    territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
    status: 'ACTIVE',
    startDate: '2026-09-01',
    endDate: '2027-08-31',
    validityEndDate: '2027-12-31',
    graceDays: 15,
    faceValueCents: 1000,
    firstRunAt: '2026-09-07T10:00:00+02:00',
    share: 0.15,
    communes: 0.25,
    prescribers: 0.3,
    expired: 0,
  },
];

/** The Damm transition of three digits from each state: T[s * 1000 + ddd], from libs/domain. */
function dammTable(dammDigit) {
  // A one-digit string that takes the Damm state machine from 0 to each state s.
  const reach = [];
  for (let d = 0; d < 10; d++) reach[dammDigit(String(d))] = String(d);
  const table = [];
  for (let s = 0; s < 10; s++) {
    for (let x = 0; x < 1000; x++) table.push(dammDigit(reach[s] + String(x).padStart(3, '0')));
  }
  return table;
}

/** The check digit of an 11-digit sequence `seq` from the table, as the SQL below computes it. */
function dammFromTable(table, seq) {
  const groups = [
    Math.floor(seq / 1e9),
    Math.floor(seq / 1e6) % 1000,
    Math.floor(seq / 1e3) % 1000,
    seq % 1000,
  ];
  return groups.reduce((state, group) => table[state * 1000 + group], 0);
}

/** SQL of the 12-digit cheque number of the bigint expression `seq`; `$t` is the table (int[]). */
function chequeNumberSql(seq, t) {
  const step = (state, group) => `(${t})[(${state}) * 1000 + (${group})::int + 1]`;
  const a = `(${t})[(${seq} / 1000000000)::int + 1]`;
  const b = step(a, `(${seq} / 1000000) % 1000`);
  const c = step(b, `(${seq} / 1000) % 1000`);
  const d = step(c, `${seq} % 1000`);
  return `lpad((${seq})::text, 11, '0') || (${d})::text`;
}

/** A carnet cancelled (lost, stolen…): about 1 in 101, anywhere in the chain. `k` is its index. */
export const cancelledSql = (k) => `((${k}) * 7919 + 13) % 101 = 0`;
/** One cheque of about 1 in 503 carnets cancelled on its own (damaged). */
const chequeCancelledSql = (k) => `(${k}) % 503 = 7`;
const REASONS = `(ARRAY['LOST', 'STOLEN', 'DAMAGED', 'WITHDRAWN'])`;
const COMMENTS = `(ARRAY['Déclaré perdu par le bénéficiaire', 'Vol signalé (dépôt de plainte)', 'Carnet abîmé (dégât des eaux)', 'Retiré : bénéficiaire non éligible'])`;

/**
 * Writes `cheques` cheques (and a tenth as many carnets) plus about `auditEvents` audit entries
 * into the database of `client`, which holds the demo. Returns what was written and how long
 * each step took. Options of bench/reporting.mjs: `programmes` (specs like PROGRAMMES, the same
 * keys), `everyCommune` (a mairie as structure in each commune that has none), `activity`
 * (hooks: `plan(context)` after the programmes' layout, before the carnets, fills `bench_fate`
 * and `bench_slot`; `afterLedger(context)` once the carnets, cheques and ledger are written,
 * before the audit log).
 */
export async function seedScale(
  client,
  { cheques, auditEvents, domain, programmes = PROGRAMMES, everyCommune = false, activity = null },
) {
  const steps = [];
  const step = async (name, fn) => {
    const t0 = performance.now();
    const rows = (await fn()) ?? 0;
    const ms = performance.now() - t0;
    steps.push({ name, rows, ms: Math.round(ms) });
    log(
      `seed: ${name}: ${fmt(rows)} rows in ${fmt(ms / 1000, 1)} s${rows > 0 && ms > 0 ? ` (${fmt(rows / (ms / 1000))} rows/s)` : ''}`,
    );
    return rows;
  };
  const q = (text, params) => client.query(text, params);
  const one = async (text, params) => (await q(text, params)).rows[0];

  const table = dammTable(domain.dammDigit);
  for (const seq of [1, 42, 999_999, 1_000_000_007, 12_345_678_901 % 1e11, 99_999_999_999]) {
    if (
      `${String(seq).padStart(11, '0')}${dammFromTable(table, seq)}` !== domain.chequeNumber(seq)
    ) {
      throw new Error(`The Damm table disagrees with chequeNumber(${seq})`);
    }
  }

  // ── what the demo holds ──────────────────────────────────────────────────────────────────────
  const manager = await one(
    `SELECT id, organisation_id FROM user_account WHERE email = 'manager@demo.carnet.fr'`,
  );
  const admin = await one(
    `SELECT id, organisation_id FROM user_account WHERE email = 'admin@demo.carnet.fr'`,
  );
  const referent = await one(`SELECT id FROM user_account WHERE email = 'commune@demo.carnet.fr'`);
  const demo = await one(
    `SELECT id, status, grace_days, face_value_cents, validity_end_date::text AS validity_end_date
     FROM programme WHERE name = $1`,
    [DEMO_PROGRAMME],
  );
  if (!manager || !referent || !demo) {
    throw new Error(
      'The demo is missing (manager, commune référent or programme): seed-demo first.',
    );
  }
  const { rows: demoLines } = await q(
    `SELECT l.insee_code, l.fixed, l.total, l.score, l.explanation
     FROM allocation_line l JOIN allocation_version v ON v.id = l.allocation_id
     WHERE v.programme_id = $1 AND v.superseded_at IS NULL ORDER BY l.total DESC, l.insee_code`,
    [demo.id],
  );
  if (demoLines.length === 0) throw new Error('The demo programme has no allocation in force.');
  const lastDemoMovement = Number((await one(`SELECT max(id) AS id FROM custody_movement`)).id);
  const actor = [manager.id, 'manager@demo.carnet.fr', manager.organisation_id];

  await q(`CREATE TEMP TABLE bench_audit_stage (
    occurred_at timestamptz NOT NULL, actor_type varchar(16) NOT NULL, actor_id uuid,
    actor_label text NOT NULL, organisation_id uuid, action text NOT NULL, entity_type text NOT NULL,
    entity_id text NOT NULL, before jsonb, after jsonb, request_id text)`);
  const stage = (rows) =>
    q(
      `INSERT INTO bench_audit_stage
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(occurred_at timestamptz, actor_type varchar,
         actor_id uuid, actor_label text, organisation_id uuid, action text, entity_type text,
         entity_id text, before jsonb, after jsonb, request_id text)`,
      [JSON.stringify(rows)],
    );
  const userEvent = (at, action, entityType, entityId, before, after) => ({
    occurred_at: at,
    actor_type: 'USER',
    actor_id: actor[0],
    actor_label: actor[1],
    organisation_id: actor[2],
    action,
    entity_type: entityType,
    entity_id: entityId,
    before,
    after,
    request_id: randomUUID(),
  });
  const systemEvent = (at, name, action, entityType, entityId, before, after) => ({
    occurred_at: at,
    actor_type: 'SYSTEM',
    actor_id: null,
    actor_label: `system:${name}`,
    organisation_id: null,
    action,
    entity_type: entityType,
    entity_id: entityId,
    before,
    after,
    request_id: null,
  });

  // The carnets' fates planned by an activity, by serial (see the top of this file).
  await q(`CREATE TEMP TABLE bench_fate (
    serial bigint PRIMARY KEY, holder uuid NOT NULL, from_holder uuid NOT NULL,
    handed_out_at timestamptz NOT NULL, transfer_id uuid NOT NULL, agent_id uuid NOT NULL,
    agent_label text NOT NULL, cancelled_at timestamptz)`);
  await q(`CREATE TEMP TABLE bench_slot (
    serial bigint NOT NULL, position smallint NOT NULL, status varchar(12) NOT NULL,
    changed_at timestamptz NOT NULL, PRIMARY KEY (serial, position))`);

  // ── prescribers: three per large commune (CCAS, centre social, maison de quartier), and with
  // `everyCommune` a mairie in each commune that still has no structure ─────────────────────────
  await step('prescribers (with their organisations)', async () => {
    const { rows } = await q(
      `WITH wanted AS (
         SELECT c.insee_code, t.type,
                t.label || CASE WHEN c.name ~ '^[AEIOUYÉÈ]' THEN 'd''' ELSE 'de ' END || c.name AS name
         FROM (SELECT * FROM commune ORDER BY population DESC LIMIT 12) c
         CROSS JOIN (VALUES ('CCAS', 'CCAS '), ('CENTRE_SOCIAL', 'Centre social '),
                            ('MAISON_DE_QUARTIER', 'Maison de quartier ')) AS t(type, label)
         WHERE NOT EXISTS (SELECT 1 FROM prescriber p WHERE p.insee_code = c.insee_code AND p.type = t.type)
         UNION ALL
         SELECT c.insee_code, 'MAIRIE', 'Mairie ' || CASE WHEN c.name ~ '^[AEIOUYÉÈ]' THEN 'd''' ELSE 'de ' END || c.name
         FROM commune c
         WHERE $1 AND c.insee_code NOT IN (SELECT insee_code FROM commune ORDER BY population DESC LIMIT 12)
           AND NOT EXISTS (SELECT 1 FROM prescriber p WHERE p.insee_code = c.insee_code)),
       orgs AS (INSERT INTO organisation (kind, name) SELECT 'PRESCRIBER', name FROM wanted RETURNING id, name)
       INSERT INTO prescriber (name, type, insee_code, organisation_id)
       SELECT w.name, w.type, w.insee_code, o.id FROM wanted w JOIN orgs o ON o.name = w.name
       RETURNING id, name, type, insee_code, created_at`,
      [everyCommune],
    );
    await stage(
      rows.map((p) =>
        userEvent(p.created_at, 'prescriber.created', 'prescriber', p.id, null, {
          name: p.name,
          type: p.type,
          inseeCode: p.insee_code,
        }),
      ),
    );
    return rows.length * 2;
  });
  const { rows: prescribers } = await q(
    `SELECT id, insee_code FROM prescriber ORDER BY insee_code, name`,
  );

  // ── programmes: the demo's and three more, enrolled, funded, allocated, with their holders ───
  const totalCarnets = cheques / CHEQUES_PER_CARNET;
  const plans = [];
  let assigned = 0;
  for (const [i, spec] of programmes.entries()) {
    const carnets =
      i === programmes.length - 1 ? totalCarnets - assigned : Math.round(totalCarnets * spec.share);
    assigned += carnets;
    plans.push({ ...spec, carnets });
  }

  await step('programmes, enrolments, allocations, holders', async () => {
    let rows = 0;
    for (const plan of plans) {
      if (plan.key === 'demo') {
        Object.assign(plan, {
          id: demo.id,
          validityEndDate: demo.validity_end_date,
          graceDays: demo.grace_days,
          faceValueCents: demo.face_value_cents,
          status: demo.status,
        });
        // A start moved earlier (bench/reporting.mjs: the big programme has two years of life).
        if (plan.startDate) {
          await q(`UPDATE programme SET start_date = $2 WHERE id = $1`, [demo.id, plan.startDate]);
        }
      } else {
        const created = await one(
          `INSERT INTO programme (name, territory_label, start_date, end_date, validity_end_date, grace_days,
             face_value_cents, cheques_per_carnet, budget_cents, eligible_publics, payable_services, status,
             version, created_at, updated_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, 0, eligible_publics, payable_services, $9, 3,
                  $3::date - 60, $3::date - 60
           FROM programme WHERE id = $10
           RETURNING id`,
          [
            plan.name,
            plan.territoryLabel,
            plan.startDate,
            plan.endDate,
            plan.validityEndDate,
            plan.graceDays,
            plan.faceValueCents,
            CHEQUES_PER_CARNET,
            plan.status,
            demo.id,
          ],
        );
        plan.id = created.id;
        await q(
          `INSERT INTO funding_share (programme_id, funder_id, basis_points)
           SELECT $1, funder_id, basis_points FROM funding_share WHERE programme_id = $2`,
          [plan.id, demo.id],
        );
        const enrolled = await q(
          `INSERT INTO enrolment (programme_id, insee_code, deliberation_date, deliberation_reference,
             convention_signed_on, created_at, updated_at)
           SELECT $1, insee_code, $2::date - 45, 'DEL-' || extract(year FROM $2::date - 45) || '-' || insee_code,
                  $2::date - 30, $2::date - 40, $2::date - 40
           FROM enrolment WHERE programme_id = $3
           RETURNING id, insee_code`,
          [plan.id, plan.startDate, demo.id],
        );
        await q(
          `INSERT INTO enrolment_referent (enrolment_id, user_id)
           SELECT e.id, r.user_id FROM enrolment e
           JOIN enrolment d ON d.insee_code = e.insee_code AND d.programme_id = $2
           JOIN enrolment_referent r ON r.enrolment_id = d.id
           WHERE e.programme_id = $1`,
          [plan.id, demo.id],
        );
        const at = `${plan.startDate}T09:00:00+01:00`;
        await stage([
          userEvent(at, 'programme.created', 'programme', plan.id, null, {
            id: plan.id,
            name: plan.name,
            status: 'DRAFT',
            startDate: plan.startDate,
            endDate: plan.endDate,
            graceDays: plan.graceDays,
            faceValueCents: plan.faceValueCents,
          }),
          userEvent(
            at,
            'programme.activated',
            'programme',
            plan.id,
            { status: 'DRAFT' },
            { status: 'ACTIVE' },
          ),
          ...(plan.status === 'CLOSED'
            ? [
                userEvent(
                  `${plan.endDate}T18:00:00+02:00`,
                  'programme.closed',
                  'programme',
                  plan.id,
                  { status: 'ACTIVE' },
                  { status: 'CLOSED' },
                ),
              ]
            : []),
          ...enrolled.rows.map((e) =>
            userEvent(at, 'enrolment.created', 'enrolment', e.id, null, {
              inseeCode: e.insee_code,
            }),
          ),
        ]);
        rows += 3 + enrolled.rowCount;
      }
      await q(
        `INSERT INTO custody_holder (programme_id, kind) VALUES ($1, 'PROGRAMME')
         ON CONFLICT (programme_id) WHERE kind = 'PROGRAMME' DO NOTHING`,
        [plan.id],
      );
      plan.programmeHolder = (
        await one(`SELECT id FROM custody_holder WHERE programme_id = $1 AND kind = 'PROGRAMME'`, [
          plan.id,
        ])
      ).id;
      await q(
        `INSERT INTO custody_holder (programme_id, kind, prescriber_id)
         SELECT $1, 'PRESCRIBER', id FROM prescriber
         ON CONFLICT (programme_id, prescriber_id) WHERE kind = 'PRESCRIBER' DO NOTHING`,
        [plan.id],
      );
      const { rows: holders } = await q(
        `SELECT id, kind, insee_code, prescriber_id, received FROM custody_holder WHERE programme_id = $1`,
        [plan.id],
      );
      const prescriberHolder = new Map(
        holders.filter((h) => h.kind === 'PRESCRIBER').map((h) => [h.prescriber_id, h.id]),
      );
      const received = new Map(
        holders.filter((h) => h.kind === 'COMMUNE').map((h) => [h.insee_code, h.received]),
      );

      // The layout of the programme's carnets by index k (serial order): each commune's block
      // (first its prescribers' boxes, then what it keeps), then the programme's stock.
      const weights = demoLines.reduce((sum, l) => sum + l.total, 0);
      const toCommunes = Math.floor(plan.carnets * plan.communes);
      const segments = [];
      const lines = [];
      let k = 0;
      for (const line of demoLines) {
        const block = Math.floor((toCommunes * line.total) / weights);
        const own = prescribers.filter((p) => p.insee_code === line.insee_code);
        const toPrescribers = own.length > 0 ? Math.floor(block * plan.prescribers) : 0;
        for (const [j, p] of own.entries()) {
          const n =
            Math.floor(toPrescribers / own.length) + (j === 0 ? toPrescribers % own.length : 0);
          if (n > 0)
            segments.push({
              start: k,
              end: k + n,
              commune: line.insee_code,
              holder: prescriberHolder.get(p.id),
              prescriber: p.id,
            });
          k += n;
        }
        if (block - toPrescribers > 0) segments.push({ start: k, commune: line.insee_code });
        k += block - toPrescribers;
        // The allocation in force: what the commune received is 80 % of it.
        const total = Math.max(
          line.fixed,
          (received.get(line.insee_code) ?? 0) + block + Math.ceil(block / 4),
        );
        lines.push({ ...line, total, variable: total - line.fixed });
      }
      segments.push({ start: k, commune: null, holder: plan.programmeHolder });
      if (k > plan.carnets) throw new Error(`Layout of ${plan.name} overflows`);

      // A new allocation in force (the demo's first one is superseded), as applyAllocation does.
      // (The demo's allocation was committed today by seed-demo: its successor comes after it.)
      const allocatedAt =
        plan.key === 'demo' ? new Date().toISOString() : `${plan.startDate}T11:00:00+01:00`;
      const superseded = await q(
        `UPDATE allocation_version SET superseded_at = $2
         WHERE programme_id = $1 AND superseded_at IS NULL RETURNING version`,
        [plan.id, allocatedAt],
      );
      const version = await one(
        `INSERT INTO allocation_version (programme_id, version, total_carnets, fixed_per_commune, weights, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, version`,
        [
          plan.id,
          (superseded.rows[0]?.version ?? 0) + 1,
          lines.reduce((sum, l) => sum + l.total, 0),
          lines[0].fixed,
          JSON.stringify({ qpvPopulation: 3, population: 1 }),
          manager.id,
          allocatedAt,
        ],
      );
      await q(
        `INSERT INTO allocation_line (allocation_id, insee_code, fixed, variable, total, score, explanation)
         SELECT $1, l.insee_code, l.fixed, l.variable, l.total, l.score, l.explanation
         FROM jsonb_to_recordset($2::jsonb) AS l(insee_code varchar, fixed int, variable int, total int,
                                                  score numeric, explanation jsonb)`,
        [version.id, JSON.stringify(lines)],
      );
      await q(
        `INSERT INTO custody_holder (programme_id, kind, insee_code, allocation_limit)
         SELECT $1, 'COMMUNE', l.insee_code, l.total FROM allocation_line l WHERE l.allocation_id = $2
         ON CONFLICT (programme_id, insee_code) WHERE kind = 'COMMUNE'
         DO UPDATE SET allocation_limit = EXCLUDED.allocation_limit`,
        [plan.id, version.id],
      );
      await stage([
        userEvent(allocatedAt, 'allocation.committed', 'programme', plan.id, null, {
          version: version.version,
          changes: lines.map((l) => ({ inseeCode: l.insee_code, total: l.total, change: null })),
        }),
      ]);
      const { rows: communeHolders } = await q(
        `SELECT id, insee_code FROM custody_holder WHERE programme_id = $1 AND kind = 'COMMUNE'`,
        [plan.id],
      );
      const communeHolder = new Map(communeHolders.map((h) => [h.insee_code, h.id]));
      plan.thresholds = segments.map((s) => s.start);
      plan.communeOf = segments.map((s) => (s.commune ? communeHolder.get(s.commune) : null));
      plan.holderOf = segments.map((s) => s.holder ?? communeHolder.get(s.commune));
      plan.segments = segments;
      plan.expiredBelow = Math.floor(plan.carnets * plan.expired);
      rows += 2 + lines.length + holders.length;
    }
    return rows;
  });

  // ── issuance runs: carnets, cheques, the ledger's ISSUE rows ──────────────────────────────────
  const runs = [];
  const reserve = async (name, count) =>
    Number(
      (
        await one(
          `UPDATE numbering SET next = next + $2 WHERE name = $1 RETURNING next - $2 AS first`,
          [name, count],
        )
      ).first,
    );
  for (const plan of plans) {
    plan.firstSerial = await reserve('carnet_serial', plan.carnets);
    plan.firstSequence = await reserve('cheque_sequence', plan.carnets * CHEQUES_PER_CARNET);
    for (let from = 0, r = 0; from < plan.carnets; from += RUN_CARNETS, r++) {
      const count = Math.min(RUN_CARNETS, plan.carnets - from);
      const at = new Date(Date.parse(plan.firstRunAt) + r * RUN_INTERVAL_DAYS * 86_400_000);
      runs.push({
        plan,
        index: r,
        count,
        from,
        firstSerial: plan.firstSerial + from,
        firstSequence: plan.firstSequence + from * CHEQUES_PER_CARNET,
        at: at.toISOString(),
        finishedAt: new Date(at.getTime() + 25 * 60_000).toISOString(),
      });
    }
  }
  const bench = { firstSerial: plans[0].firstSerial };
  const context = { client, q, one, step, stage, userEvent, systemEvent, plans, runs, domain };
  if (activity) await activity.plan(context);

  const carnetRows = { n: 0, ms: 0 };
  const chequeRows = { n: 0, ms: 0 };
  const issueRows = { n: 0, ms: 0 };
  const timed = async (into, fn) => {
    const t0 = performance.now();
    into.n += (await fn()).rowCount;
    into.ms += performance.now() - t0;
  };
  const runsStart = performance.now();
  for (const [i, run] of runs.entries()) {
    const { plan } = run;
    await q('BEGIN');
    const issuance = await one(
      `INSERT INTO issuance (programme_id, carnet_count, cheques_per_carnet, face_value_cents, valid_until,
         first_serial, first_sequence, status, carnets_done, requested_by, created_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'DONE', $2, $8, $9, $10) RETURNING id`,
      [
        plan.id,
        run.count,
        CHEQUES_PER_CARNET,
        plan.faceValueCents,
        plan.validityEndDate,
        run.firstSerial,
        run.firstSequence,
        manager.id,
        run.at,
        run.finishedAt,
      ],
    );
    run.id = issuance.id;
    await q(
      `INSERT INTO print_file (issuance_id, generation, kind, complete, last_serial, size_bytes, created_at)
       VALUES ($1, 1, 'CSV', true, $2, $3, $4)`,
      [run.id, run.firstSerial + run.count - 1, run.count * 1170, run.finishedAt],
    );
    const k = `s.serial - ${plan.firstSerial}`;
    await timed(carnetRows, () =>
      q(
        `INSERT INTO carnet (id, serial, programme_id, issuance_id, status, holder_id, last_holder_id,
           cancellation_reason, cancellation_comment, cancelled_at, created_at)
         SELECT gen_random_uuid(), s.serial, $1, $2,
                CASE WHEN x.cancelled THEN 'CANCELLED' ELSE 'ACTIVE' END,
                CASE WHEN x.cancelled THEN NULL ELSE x.holder END,
                CASE WHEN x.cancelled THEN x.holder END,
                CASE WHEN x.cancelled THEN ${REASONS}[1 + (${k}) % 4] END,
                CASE WHEN x.cancelled THEN ${COMMENTS}[1 + (${k}) % 4] END,
                CASE WHEN x.cancelled THEN COALESCE(f.cancelled_at,
                  LEAST($6::timestamptz + interval '40 days' + ((${k}) % 97) * interval '1 day',
                        now() - interval '1 day' - ((${k}) % 240) * interval '1 hour')) END,
                $6::timestamptz
         FROM generate_series($3::bigint, $3::bigint + $4 - 1) AS s(serial)
         LEFT JOIN bench_fate f ON f.serial = s.serial
         CROSS JOIN LATERAL (
           SELECT COALESCE(f.holder, ($5::uuid[])[width_bucket((${k})::int, $7::int[])]) AS holder,
                  ${cancelledSql(k)} AS cancelled
         ) x`,
        [plan.id, run.id, run.firstSerial, run.count, plan.holderOf, run.at, plan.thresholds],
      ),
    );
    const ck = `c.serial - ${plan.firstSerial}`;
    const seq = `(${run.firstSequence}::bigint + (c.serial - ${run.firstSerial}) * ${CHEQUES_PER_CARNET} + p.position - 1)`;
    await timed(chequeRows, () =>
      q(
        `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until, status,
           security_hash, cancellation_reason, status_changed_at)
         SELECT ${chequeNumberSql(seq, '$4::int[]')}, c.id, c.programme_id, p.position, $2, $3, x.status,
                sha256(int8send(${seq})), x.reason, x.changed
         FROM carnet c
         CROSS JOIN generate_series(1, ${CHEQUES_PER_CARNET}) AS p(position)
         LEFT JOIN bench_fate f ON f.serial = c.serial
         LEFT JOIN bench_slot u ON u.serial = c.serial AND u.position = p.position
         CROSS JOIN LATERAL (
           SELECT CASE WHEN u.status IS NOT NULL THEN u.status
                       WHEN c.status = 'CANCELLED' THEN 'CANCELLED'
                       WHEN (${ck}) < $5 THEN 'EXPIRED'
                       WHEN p.position = 3 AND ${chequeCancelledSql(ck)} THEN 'CANCELLED'
                       WHEN f.serial IS NOT NULL THEN 'DISTRIBUTED'
                       ELSE 'ISSUED' END AS status
         ) s
         CROSS JOIN LATERAL (
           SELECT s.status AS status,
                  CASE WHEN u.status IS NOT NULL THEN NULL
                       WHEN c.status = 'CANCELLED' THEN c.cancellation_reason
                       WHEN s.status = 'CANCELLED' THEN 'DAMAGED' END AS reason,
                  CASE WHEN u.status IS NOT NULL THEN u.changed_at
                       WHEN c.status = 'CANCELLED' THEN c.cancelled_at
                       WHEN s.status = 'EXPIRED' THEN $6::timestamptz
                       WHEN s.status = 'CANCELLED' THEN LEAST(c.created_at + interval '75 days', now() - interval '2 days')
                       WHEN f.serial IS NOT NULL THEN f.handed_out_at
                       ELSE c.created_at END AS changed
         ) x
         WHERE c.issuance_id = $1`,
        [
          run.id,
          plan.faceValueCents,
          plan.validityEndDate,
          table,
          plan.expiredBelow,
          expiryNight(plan),
        ],
      ),
    );
    await timed(issueRows, () =>
      q(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
           actor_id, actor_label, created_at)
         SELECT $1, c.programme_id, c.id, 'ISSUE', NULL, $2, $3, 'system:issuance', c.created_at
         FROM carnet c WHERE c.issuance_id = $1`,
        [run.id, plan.programmeHolder, manager.id],
      ),
    );
    await q('COMMIT');
    log(
      `seed: run ${i + 1}/${runs.length} (${plan.key}): ${fmt(run.count)} carnets, ${fmt(run.count * CHEQUES_PER_CARNET)} cheques (${fmt((performance.now() - runsStart) / 1000, 1)} s)`,
    );
  }
  for (const [name, rows] of [
    ['carnet (INSERT … SELECT generate_series)', carnetRows],
    ['cheque (INSERT … SELECT, Damm check digit in SQL)', chequeRows],
    ['custody_movement ISSUE rows', issueRows],
  ]) {
    steps.push({ name, rows: rows.n, ms: Math.round(rows.ms) });
    log(
      `seed: ${name}: ${fmt(rows.n)} rows in ${fmt(rows.ms / 1000, 1)} s (${fmt(rows.n / (rows.ms / 1000))} rows/s)`,
    );
  }

  // ── custody: deliveries to the communes, boxes to the prescribers, write-offs ──────────────────
  await step('custody_movement TRANSFER programme → commune', async () => {
    let rows = 0;
    for (const plan of plans) {
      const { rowCount } = await q(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
           actor_id, actor_label, note, created_at)
         SELECT md5(c.programme_id || ':' || x.commune || ':' || (x.k / ${COMMUNE_DELIVERY}))::uuid,
                c.programme_id, c.id, 'TRANSFER', $2, x.commune, $3, $4, 'Bordereau de livraison',
                c.created_at + interval '${COMMUNE_DELIVERY_DAYS} days'
         FROM carnet c
         CROSS JOIN LATERAL (SELECT (c.serial - $5)::int AS k) kk
         CROSS JOIN LATERAL (SELECT kk.k, ($6::uuid[])[width_bucket(kk.k, $7::int[])] AS commune) x
         WHERE c.programme_id = $1 AND c.serial BETWEEN $5 AND $5 + $8 - 1 AND x.commune IS NOT NULL`,
        [
          plan.id,
          plan.programmeHolder,
          manager.id,
          'manager@demo.carnet.fr',
          plan.firstSerial,
          plan.communeOf,
          plan.thresholds,
          plan.carnets,
        ],
      );
      rows += rowCount;
    }
    return rows;
  });
  await step('custody_movement TRANSFER commune → prescriber', async () => {
    let rows = 0;
    for (const plan of plans) {
      const { rowCount } = await q(
        `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
           actor_id, actor_label, created_at)
         SELECT md5(c.programme_id || ':' || x.holder || ':' || (x.k / ${PRESCRIBER_BOX}))::uuid,
                c.programme_id, c.id, 'TRANSFER', x.commune, x.holder, $2, $3,
                c.created_at + interval '${PRESCRIBER_DELIVERY_DAYS} days'
         FROM carnet c
         CROSS JOIN LATERAL (SELECT (c.serial - $4)::int AS k) kk
         CROSS JOIN LATERAL (SELECT width_bucket(kk.k, $7::int[]) AS b) bb
         CROSS JOIN LATERAL (SELECT kk.k, ($5::uuid[])[bb.b] AS commune, ($6::uuid[])[bb.b] AS holder) x
         WHERE c.programme_id = $1 AND c.serial BETWEEN $4 AND $4 + $8 - 1
           AND x.commune IS NOT NULL AND x.holder <> x.commune`,
        [
          plan.id,
          manager.id,
          'manager@demo.carnet.fr',
          plan.firstSerial,
          plan.communeOf,
          plan.holderOf,
          plan.thresholds,
          plan.carnets,
        ],
      );
      rows += rowCount;
    }
    return rows;
  });
  // The hand-outs an activity planned: structure → beneficiary, by the structure's agent.
  await step('custody_movement HAND_OUT (activity)', async () => {
    const { rowCount } = await q(
      `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
         actor_id, actor_label, created_at)
       SELECT f.transfer_id, c.programme_id, c.id, 'HAND_OUT', f.from_holder, f.holder, f.agent_id,
              f.agent_label, f.handed_out_at
       FROM bench_fate f JOIN carnet c ON c.serial = f.serial
       ORDER BY f.serial`,
    );
    return rowCount;
  });
  await step('custody_movement WRITE_OFF (cancelled carnets)', async () => {
    const { rowCount } = await q(
      `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
         actor_id, actor_label, note, created_at)
       SELECT md5('write-off:' || c.id)::uuid, c.programme_id, c.id, 'WRITE_OFF', c.last_holder_id, NULL,
              $2, $3, c.cancellation_reason, c.cancelled_at
       FROM carnet c WHERE c.serial >= $1 AND c.status = 'CANCELLED'`,
      [bench.firstSerial, manager.id, 'manager@demo.carnet.fr'],
    );
    return rowCount;
  });
  const drift = await one(
    `SELECT count(*)::int AS n FROM custody_holder h
     WHERE h.carnets <> (SELECT count(*) FROM carnet c WHERE c.holder_id = h.id)`,
  );
  if (drift.n !== 0) throw new Error(`${drift.n} custody holders disagree with their carnets`);

  // The expired totals the cheque trigger keeps on each programme (the cheques were written
  // EXPIRED, not moved there by an UPDATE).
  await step('programme expired totals', async () => {
    const { rowCount } = await q(
      `UPDATE programme p SET expired_cheques = e.cheques, expired_cents = e.cents
       FROM (SELECT p.id, count(q.*)::int AS cheques, COALESCE(sum(q.face_value_cents), 0)::bigint AS cents
             FROM programme p LEFT JOIN cheque q ON q.programme_id = p.id AND q.status = 'EXPIRED'
             GROUP BY p.id) e
       WHERE e.id = p.id`,
    );
    return rowCount;
  });

  if (activity) await activity.afterLedger(context);

  await step('programme budgets (issued value / 0.85)', async () => {
    const { rowCount } = await q(
      `UPDATE programme p SET budget_cents = GREATEST(p.budget_cents, ceil(i.cents / 0.85)::bigint)
       FROM (SELECT programme_id, sum(carnet_count::bigint * cheques_per_carnet * face_value_cents) AS cents
             FROM issuance GROUP BY programme_id) i
       WHERE i.programme_id = p.id`,
    );
    return rowCount;
  });

  // ── the audit log: the entries of what was written above, then everyday entries up to the size ─
  const auditRows = await step('audit_event', async () => {
    await q(
      `CREATE TEMP TABLE bench_holder_label AS
       SELECT h.id, CASE h.kind WHEN 'PROGRAMME' THEN 'Programme stock' WHEN 'COMMUNE' THEN 'Commune ' || c.name
                                WHEN 'PRESCRIBER' THEN 'Prescriber ' || p.name
                                WHEN 'BENEFICIARY' THEN 'Beneficiary ' || h.beneficiary_id END AS label
       FROM custody_holder h LEFT JOIN commune c ON c.insee_code = h.insee_code
       LEFT JOIN prescriber p ON p.id = h.prescriber_id`,
    );
    // One entry per transfer, hand-out and write-off, as CustodyService.move writes it, by the
    // movement's actor.
    await q(
      `INSERT INTO bench_audit_stage
       SELECT t.at, 'USER', t.actor_id, t.actor_label, u.organisation_id,
              'carnet.' || replace(lower(t.kind), '_', '-'),
              'transfer', t.transfer_id::text,
              jsonb_build_object('holderId', t.from_holder_id, 'holder', lf.label),
              jsonb_build_object('holderId', t.to_holder_id, 'holder', lt.label, 'transferId', t.transfer_id,
                                 'count', t.n, 'serials', CASE WHEN t.a = t.b THEN t.a::text ELSE t.a || '-' || t.b END)
                || CASE WHEN t.n <= ${AUDITED_CARNET_IDS} THEN jsonb_build_object('carnetIds', t.ids) ELSE '{}'::jsonb END,
              md5(t.transfer_id::text)::uuid::text
       FROM (SELECT m.transfer_id, m.kind, m.from_holder_id, m.to_holder_id, m.actor_id, m.actor_label,
                    min(m.created_at) AS at, count(*)::int AS n, min(c.serial) AS a, max(c.serial) AS b,
                    CASE WHEN count(*) <= ${AUDITED_CARNET_IDS} THEN jsonb_agg(m.carnet_id ORDER BY c.serial) END AS ids
             FROM custody_movement m JOIN carnet c ON c.id = m.carnet_id
             WHERE m.id > $1 AND m.kind <> 'ISSUE'
             GROUP BY m.transfer_id, m.kind, m.from_holder_id, m.to_holder_id, m.actor_id, m.actor_label) t
       LEFT JOIN user_account u ON u.id = t.actor_id
       LEFT JOIN bench_holder_label lf ON lf.id = t.from_holder_id
       LEFT JOIN bench_holder_label lt ON lt.id = t.to_holder_id`,
      [lastDemoMovement],
    );
    // A carnet's cancellation, with its cheques (ChequesService.cancelCarnet).
    await q(
      `INSERT INTO bench_audit_stage
       SELECT c.cancelled_at + interval '1 millisecond', 'USER', $2, $3, $4, 'carnet.cancelled', 'carnet', c.id::text,
              jsonb_build_object('status', 'ACTIVE', 'holder', l.label),
              jsonb_build_object('status', 'CANCELLED', 'reason', c.cancellation_reason,
                                 'comment', c.cancellation_comment,
                                 'cancelledCheques', (SELECT jsonb_agg(q.number ORDER BY q.position)
                                                      FROM cheque q WHERE q.carnet_id = c.id)),
              md5('write-off:' || c.id)::uuid::text
       FROM carnet c LEFT JOIN bench_holder_label l ON l.id = c.last_holder_id
       WHERE c.serial >= $1 AND c.status = 'CANCELLED'`,
      [bench.firstSerial, ...actor],
    );
    // A cheque cancelled on its own (ChequesService.cancelCheque).
    await q(
      `INSERT INTO bench_audit_stage
       SELECT q.status_changed_at, 'USER', $2, $3, $4, 'cheque.cancelled', 'cheque', q.number,
              '{"status": "ISSUED"}'::jsonb,
              jsonb_build_object('status', 'CANCELLED', 'reason', q.cancellation_reason, 'comment', 'Carnet abîmé'),
              md5('cheque:' || q.number)::uuid::text
       FROM cheque q JOIN carnet c ON c.id = q.carnet_id
       WHERE c.serial >= $1 AND c.status = 'ACTIVE' AND q.position = 3 AND q.status = 'CANCELLED'`,
      [bench.firstSerial, ...actor],
    );
    // The runs: requested, started, printing, completed, and the print file downloaded twice.
    await stage(
      runs.flatMap((run) => {
        const last = run.firstSerial + run.count - 1;
        const description = {
          serials: `${run.firstSerial}-${last}`,
          validUntil: run.plan.validityEndDate,
          carnetCount: run.count,
          programmeId: run.plan.id,
          chequeNumbers: `${domain.chequeNumber(run.firstSequence)}-${domain.chequeNumber(run.firstSequence + run.count * CHEQUES_PER_CARNET - 1)}`,
          faceValueCents: run.plan.faceValueCents,
          chequesPerCarnet: CHEQUES_PER_CARNET,
        };
        const later = (minutes) => new Date(Date.parse(run.at) + minutes * 60_000).toISOString();
        return [
          userEvent(run.at, 'issuance.requested', 'issuance', run.id, null, {
            status: 'QUEUED',
            ...description,
          }),
          systemEvent(
            later(0.1),
            'issuance',
            'issuance.started',
            'issuance',
            run.id,
            { status: 'QUEUED' },
            { status: 'RUNNING', carnetsDone: 0 },
          ),
          systemEvent(
            later(24),
            'issuance',
            'issuance.printing',
            'issuance',
            run.id,
            { status: 'RUNNING' },
            { status: 'PRINTING', carnetsDone: run.count },
          ),
          systemEvent(later(25), 'issuance', 'issuance.completed', 'issuance', run.id, null, {
            status: 'DONE',
            ...description,
          }),
          ...[60, 2 * 24 * 60].map((m) =>
            userEvent(later(m), 'issuance.print-downloaded', 'issuance', run.id, null, {
              format: 'csv',
              generation: 1,
            }),
          ),
        ];
      }),
    );
    // The CLOSED programme's expiry so far: one entry per batch of 20,000 cheques, as
    // ExpiryService.expire writes it, with the exact serial ranges of the carnets it touched.
    for (const plan of plans.filter((p) => p.expiredBelow > 0)) {
      await q(
        `WITH e AS (
           SELECT c.serial, (c.serial - $2) / $4 AS batch, c.serial - row_number() OVER (ORDER BY c.serial) AS island
           FROM carnet c WHERE c.programme_id = $1 AND c.serial BETWEEN $2 AND $2 + $3 - 1 AND c.status = 'ACTIVE'),
         r AS (SELECT batch, island, min(serial) AS a, max(serial) AS b, count(*) AS n FROM e GROUP BY batch, island)
         INSERT INTO bench_audit_stage
         SELECT $5::timestamptz + batch * interval '3 seconds', 'SYSTEM', NULL, 'system:expiry', NULL,
                'cheques.expired', 'expiry', $1::text, NULL,
                jsonb_build_object('status', 'EXPIRED', 'on', $6::text, 'count', sum(n) * ${CHEQUES_PER_CARNET},
                                   'carnets', sum(n),
                                   'serials', string_agg(CASE WHEN a = b THEN a::text ELSE a || '-' || b END, ', ' ORDER BY a)),
                NULL
         FROM r GROUP BY batch`,
        [
          plan.id,
          plan.firstSerial,
          plan.expiredBelow,
          EXPIRY_BATCH_CHEQUES / CHEQUES_PER_CARNET,
          expiryNight(plan),
          expiryNight(plan).slice(0, 10),
        ],
      );
    }
    const staged = Number((await one(`SELECT count(*) AS n FROM bench_audit_stage`)).n);
    const filler = Math.max(0, auditEvents - staged);
    // Everyday entries up to the size asked, with the log's real actions and JSON shapes, spread
    // over 2026 and over pools of entity ids (accounts, venues, prescribers…), then the whole log
    // in time order, so that ids grow with occurred_at as in a real log.
    await q('BEGIN');
    await q(`SET LOCAL work_mem = '256MB'`);
    const { rowCount } = await q(
      `INSERT INTO audit_event (occurred_at, actor_type, actor_id, actor_label, organisation_id, action,
         entity_type, entity_id, before, after, request_id)
       SELECT * FROM (
         SELECT * FROM bench_audit_stage
         UNION ALL
         SELECT timestamptz '2026-01-05 08:00+01' + (i::float8 / $1::int) * interval '324 days'
                  + ((i::bigint * 7919) % 36000) * interval '1 second',
                CASE WHEN f.system THEN 'SYSTEM' ELSE 'USER' END,
                CASE WHEN f.system THEN NULL WHEN i % 7 = 0 THEN $3::uuid ELSE $2::uuid END,
                CASE WHEN f.system THEN 'system:auth' WHEN i % 7 = 0 THEN 'admin@demo.carnet.fr' ELSE 'manager@demo.carnet.fr' END,
                CASE WHEN f.system THEN NULL ELSE $4::uuid END,
                f.action, f.entity_type, f.entity_id, f.before, f.after,
                CASE WHEN f.system THEN NULL ELSE md5('request:' || i)::uuid::text END
         FROM generate_series(1, $1::int) AS i
         CROSS JOIN LATERAL (SELECT i % 20 AS kind, (i::bigint * 7919) % 1000003 AS h) s
         CROSS JOIN LATERAL (
           SELECT CASE WHEN s.kind <= 7 THEN 'user' WHEN s.kind <= 10 THEN 'venue' WHEN s.kind <= 12 THEN 'prescriber'
                       WHEN s.kind = 13 THEN 'enrolment' WHEN s.kind <= 15 THEN 'bank-account'
                       WHEN s.kind = 16 THEN 'funder' WHEN s.kind = 17 THEN 'api-client' ELSE 'user' END AS entity_type,
                  CASE WHEN s.kind <= 5 THEN 'user.updated' WHEN s.kind <= 6 THEN 'auth.refresh-replayed'
                       WHEN s.kind = 7 THEN 'auth.login-locked' WHEN s.kind <= 10 THEN 'venue.updated'
                       WHEN s.kind <= 12 THEN 'prescriber.updated' WHEN s.kind = 13 THEN 'enrolment.updated'
                       WHEN s.kind <= 15 THEN 'bank-account.entered' WHEN s.kind = 16 THEN 'funder.updated'
                       WHEN s.kind = 17 THEN 'api-client.created' ELSE 'user.created' END AS action,
                  s.kind = 7 AS system
         ) a
         CROSS JOIN LATERAL (
           SELECT a.action, a.entity_type, a.system,
                  md5(a.entity_type || ':' || (s.h % CASE a.entity_type WHEN 'user' THEN 20000 WHEN 'venue' THEN 2000
                        WHEN 'prescriber' THEN 1000 WHEN 'enrolment' THEN 500 WHEN 'bank-account' THEN 2000
                        WHEN 'funder' THEN 200 ELSE 300 END))::uuid::text AS entity_id,
                  CASE a.action
                    WHEN 'user.updated' THEN jsonb_build_object('displayName', 'Agent ' || s.h % 20000, 'active', true)
                    WHEN 'venue.updated' THEN jsonb_build_object('horaires', 'Lun-Ven 9h-12h, 14h-17h', 'phone', NULL)
                    WHEN 'prescriber.updated' THEN jsonb_build_object('email', NULL)
                    WHEN 'enrolment.updated' THEN jsonb_build_object('conventionSignedOn', NULL)
                    WHEN 'funder.updated' THEN jsonb_build_object('contactName', 'Service instructeur')
                  END AS before,
                  CASE a.action
                    WHEN 'user.updated' THEN jsonb_build_object('displayName', 'Agent ' || s.h % 20000, 'active', s.h % 9 <> 0)
                    WHEN 'auth.refresh-replayed' THEN jsonb_build_object('familyId', md5('family:' || s.h)::uuid, 'graceSeconds', 5)
                    WHEN 'auth.login-locked' THEN jsonb_build_object('email', 'agent' || s.h % 20000 || '@mairie.example.fr', 'attempts', 6 + s.h % 5, 'waitSeconds', 2 << (s.h % 6)::int)
                    WHEN 'venue.updated' THEN jsonb_build_object('horaires', 'Lun-Sam 9h-18h', 'phone', '03 21 ' || lpad((s.h % 1000000)::text, 6, '0'))
                    WHEN 'prescriber.updated' THEN jsonb_build_object('email', 'accueil' || s.h % 1000 || '@ccas.example.fr')
                    WHEN 'enrolment.updated' THEN jsonb_build_object('conventionSignedOn', '2026-02-' || lpad((1 + s.h % 28)::text, 2, '0'))
                    WHEN 'bank-account.entered' THEN jsonb_build_object('holderName', 'Association numérique ' || s.h % 2000,
                         'iban', 'FR76 •••• •••• •••• •••• •••' || lpad((s.h % 10000)::text, 4, '0'), 'bic', 'CMCIFR2A', 'status', 'PENDING')
                    WHEN 'funder.updated' THEN jsonb_build_object('contactName', 'Direction de la cohésion sociale')
                    WHEN 'api-client.created' THEN jsonb_build_object('name', 'Logiciel de caisse ' || s.h % 300, 'scopes', jsonb_build_array('cheques:check'))
                    ELSE jsonb_build_object('email', 'agent' || s.h % 20000 || '@mairie.example.fr', 'role', 'COMMUNE_REFERENT')
                  END AS after
         ) f
       ) e
       ORDER BY occurred_at`,
      [filler, manager.id, admin.id, manager.organisation_id],
    );
    await q('COMMIT');
    return rowCount;
  });

  return {
    steps,
    benchFirstSerial: bench.firstSerial,
    programmes: plans.map((p) => ({
      key: p.key,
      id: p.id,
      name: p.name,
      status: p.status,
      carnets: p.carnets,
      cheques: p.carnets * CHEQUES_PER_CARNET,
      firstSerial: p.firstSerial,
      validityEndDate: p.validityEndDate,
      graceDays: p.graceDays,
      expiredCarnets: p.expiredBelow,
    })),
    runs: runs.length,
    auditRows,
  };
}

/** The night the CLOSED programme's first expiry ran: the day after validity end + grace. */
function expiryNight(plan) {
  const day = new Date(`${plan.validityEndDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + plan.graceDays + 1);
  return `${day.toISOString().slice(0, 10)}T02:00:00+01:00`;
}

/** Row counts (estimates after ANALYZE) and sizes of the big tables, and of the database. */
export async function tableFacts(client) {
  const { rows } = await client.query(
    `SELECT c.relname, c.reltuples::bigint AS rows, pg_table_size(c.oid) AS table_bytes,
            pg_indexes_size(c.oid) AS index_bytes
     FROM pg_class c WHERE c.relkind = 'r' AND c.relname = ANY($1) ORDER BY c.relname`,
    [BIG_TABLES],
  );
  const {
    rows: [db],
  } = await client.query(`SELECT pg_database_size(current_database()) AS bytes`);
  const MiB = 1024 * 1024;
  return {
    tables: Object.fromEntries(
      rows.map((r) => [
        r.relname,
        {
          rows: Number(r.rows),
          tableMiB: Math.round(Number(r.table_bytes) / MiB),
          indexesMiB: Math.round(Number(r.index_bytes) / MiB),
        },
      ]),
    ),
    databaseMiB: Math.round(Number(db.bytes) / MiB),
  };
}
