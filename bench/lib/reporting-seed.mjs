// The data of bench/reporting.mjs: the scale seed (bench/lib/scale-seed.mjs) with two years of
// activity planned before its carnets are written and written after its ledger, all with
// set-based SQL: venues, structures' agents, beneficiaries with their diagnostics and custody
// rows, hand-outs, redemptions at venues with seasonality, monthly reimbursement batches with
// their lines, links and funder splits, a few redemption and carnet cancellations, the closed
// programme's expiry. Then `checkActivity` checks the rows against each other, and
// `simulateDay` writes a day of activity (hand-outs, redemptions, cancellations) as the API would,
// through the same triggers. See bench/README.md ("Reporting").
import { randomUUID } from 'node:crypto';
import { fmt, log } from './common.mjs';
import { frenchIban, siret } from './reimbursement-seed.mjs';
import {
  CHEQUES_PER_CARNET,
  DEMO_PROGRAMME,
  PRESCRIBER_DELIVERY_DAYS,
  RUN_CARNETS,
  RUN_INTERVAL_DAYS,
  cancelledSql,
} from './scale-seed.mjs';

/** Venues the redemptions are made at (besides the demo's), over the 36 communes. */
export const VENUES = 300;
/** Venues suspended last month: their last batch line is ON_HOLD, they redeem no more. */
const HELD_VENUES = 2;
/** One carnet in this many (in a structure's hand-outs) goes to a household that has one. */
const SECOND_CARNET_EVERY = 29;
/** Patterns of redemption sizes (1 to 3 cheques each, summing to a carnet's 10). */
const PATTERNS = 97;
/** One redemption in this many is first made and cancelled by its venue, then made again. */
const CANCELLED_TWIN_PER_MILLE = 5;
/** Activity of each month (January first) and weekday (Monday first; Sunday closed). */
const MONTH_ACTIVITY = [1.1, 1.05, 1.15, 1.0, 0.9, 0.95, 0.6, 0.35, 1.15, 1.2, 1.1, 0.75];
const WEEKDAY_ACTIVITY = [1.0, 1.1, 1.1, 1.0, 0.9, 0.35, 0];
/** Opening hours of structures and venues, in France: hand-outs and redemptions happen then. */
const OPENS_AT_MINUTES = 8 * 60 + 30;
const OPEN_MINUTES = 9.5 * 60;
const FINANCE = 'finance@demo.carnet.fr';
const FINANCE2 = 'finance2@demo.carnet.fr';
const MANAGER = 'manager@demo.carnet.fr';

/** Combinations of a diagnostic's needs (services of the national list, online procedures). */
const NEEDED_SERVICES = [
  'Aide aux démarches administratives',
  'Aide aux démarches administratives',
  'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien',
  'Maîtrise des outils numériques du quotidien',
  'Maîtrise des outils numériques du quotidien|Utilisation sécurisée du numérique',
  'Utilisation sécurisée du numérique',
  'Aide aux démarches administratives|Utilisation sécurisée du numérique',
  'Insertion professionnelle via le numérique',
  'Parentalité et éducation avec le numérique',
  'Compréhension du monde numérique|Maîtrise des outils numériques du quotidien',
  'Acquisition de matériel informatique à prix solidaire',
  '',
];
const PROCEDURES = [
  'CAF',
  'CAF|IMPOTS',
  'ASSURANCE_MALADIE',
  'FRANCE_TRAVAIL',
  'FRANCE_TRAVAIL|CAF',
  'RETRAITE',
  'RETRAITE|SANTE',
  'IMPOTS',
  'ANTS',
  'ENERGIE|BANQUE',
  'BANQUE',
  'OTHER',
  '',
  '',
];
const EQUIPMENT = ['PHONE', 'PHONE|INTERNET', 'NONE', 'COMPUTER|INTERNET', 'TABLET', 'PHONE'];
/** Situations and age bands drawn for each programme's public (repeats weigh). */
const PUBLICS = {
  seniors: {
    situations: ['RETRAITE', 'RETRAITE', 'RETRAITE', 'RETRAITE', 'MINIMA_SOCIAUX', 'AUTRE'],
    ages: ['60_74', '60_74', '60_74', '75_PLUS', '75_PLUS'],
  },
  jeunes: {
    situations: ['JEUNE', 'JEUNE', 'JEUNE', 'DEMANDEUR_EMPLOI', 'DEMANDEUR_EMPLOI', 'SALARIE'],
    ages: ['UNDER_26', 'UNDER_26', 'UNDER_26', 'UNDER_26', '26_44'],
  },
  all: {
    situations: [
      'MINIMA_SOCIAUX',
      'MINIMA_SOCIAUX',
      'MINIMA_SOCIAUX',
      'RETRAITE',
      'RETRAITE',
      'DEMANDEUR_EMPLOI',
      'DEMANDEUR_EMPLOI',
      'SALARIE',
      'JEUNE',
      'AUTRE',
    ],
    ages: ['UNDER_26', '26_44', '26_44', '45_59', '45_59', '60_74', '60_74', '75_PLUS'],
  },
};
/** The middle birth year of an age band, `year` being the hand-out's. */
const BIRTH_OFFSET = { UNDER_26: 21, '26_44': 35, '45_59': 52, '60_74': 67, '75_PLUS': 80 };

/** A uniform number in [0, 1) from a bigint SQL expression and a salt: the same on every run. */
const u = (expr, salt) =>
  `((hashint8((${expr})::bigint * 1000003 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;

// ── calendar ─────────────────────────────────────────────────────────────────────────────────────

const addMonths = (period, n) => {
  const [y, m] = period.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const firstDay = (period) => `${period}-01`;
const lastDay = (period) => {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const addDays = (day, n) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The programmes of the reporting seed, dated from today (France) so that a run at any date has
 * two years of activity up to now: the big one (the demo's, half of the cheques) started 23
 * months ago; a CLOSED one ran a year over the first part of that time and expired since; a
 * seniors' one started 17 months ago (€15 cheques); a youth one 8 months ago, whose cheques are
 * valid until the end of the month after next (the expiry outlook has something to show).
 * `handedOut`: the part of each structure's carnets handed out to beneficiaries.
 */
export function reportingProgrammes(today) {
  const month = today.slice(0, 7);
  const year = (period) => period.slice(0, 4);
  const closedStart = addMonths(month, -23);
  const closedEnd = addMonths(month, -12);
  const seniorsStart = addMonths(month, -17);
  const jeunesStart = addMonths(month, -8);
  const territoryLabel = "Communauté d'agglomération de Lens-Liévin (36 communes)";
  const runAt = (day, daysBefore) => `${addDays(day, -daysBefore)}T09:30:00+01:00`;
  return [
    {
      key: 'closed',
      name: `Pass numérique Lens-Liévin ${year(closedStart)}-${year(closedEnd)}`,
      territoryLabel,
      status: 'CLOSED',
      startDate: firstDay(closedStart),
      endDate: lastDay(closedEnd),
      validityEndDate: lastDay(addMonths(month, -7)),
      graceDays: 30,
      faceValueCents: 1000,
      firstRunAt: runAt(firstDay(closedStart), 12),
      share: 0.15,
      communes: 0.9,
      prescribers: 0.9,
      handedOut: 0.92,
      expired: 1,
    },
    {
      key: 'demo',
      name: DEMO_PROGRAMME,
      startDate: firstDay(addMonths(month, -23)),
      firstRunAt: runAt(firstDay(addMonths(month, -23)), 10),
      share: 0.5,
      communes: 0.85,
      prescribers: 0.85,
      handedOut: 0.85,
      expired: 0,
    },
    {
      key: 'seniors',
      name: `Pass numérique seniors Lens-Liévin ${year(seniorsStart)}-${year(addMonths(month, 6))}`,
      territoryLabel,
      status: 'ACTIVE',
      startDate: firstDay(seniorsStart),
      endDate: lastDay(addMonths(month, 6)),
      validityEndDate: lastDay(addMonths(month, 12)),
      graceDays: 30,
      faceValueCents: 1500,
      firstRunAt: runAt(firstDay(seniorsStart), 8),
      share: 0.2,
      communes: 0.8,
      prescribers: 0.8,
      handedOut: 0.75,
      expired: 0,
    },
    {
      key: 'jeunes',
      name: `Pass numérique jeunes Lens-Liévin ${year(jeunesStart)}-${year(addMonths(month, 2))}`,
      territoryLabel,
      status: 'ACTIVE',
      startDate: firstDay(jeunesStart),
      endDate: lastDay(addMonths(month, 1)),
      validityEndDate: lastDay(addMonths(month, 2)),
      graceDays: 15,
      faceValueCents: 1000,
      firstRunAt: runAt(firstDay(jeunesStart), 8),
      share: 0.15,
      communes: 0.7,
      prescribers: 0.75,
      handedOut: 0.6,
      expired: 0,
    },
  ];
}

/**
 * The days structures and venues open, from `from` to `to` (YYYY-MM-DD), with their activity
 * (month × weekday) and its running total before each day: a point of "activity time" x falls
 * on the day whose [c0, c0 + w) holds it, at the same fraction of its opening hours. Hand-outs
 * spread evenly in activity time, and delays counted in it, follow the seasons and the week.
 */
function activityDays(from, to) {
  const days = [];
  const c0 = [];
  const w = [];
  let total = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const date = new Date(`${day}T12:00:00Z`);
    const weight =
      MONTH_ACTIVITY[date.getUTCMonth()] * WEEKDAY_ACTIVITY[(date.getUTCDay() + 6) % 7];
    if (weight === 0) continue;
    days.push(day);
    c0.push(total);
    w.push(weight);
    total += weight;
  }
  const mean = total / days.length;
  /** The activity time at the start of `day` (the next open day's, if closed). */
  const at = (day) => {
    const i = days.findIndex((d) => d >= day);
    return i < 0 ? total : c0[i];
  };
  return { days, c0, w, mean, at };
}

/** SQL of the instant at activity time `x` ($days date[], $c0 float8[], $w float8[]). */
const instantSql = (x, days, c0, w) => `(
  SELECT ((${days})[day_.i] + make_interval(mins => ${OPENS_AT_MINUTES}) +
          ((${x}) - (${c0})[day_.i]) / (${w})[day_.i] * make_interval(mins => ${OPEN_MINUTES}))
         AT TIME ZONE 'Europe/Paris'
  FROM (SELECT GREATEST(1, width_bucket((${x})::float8, ${c0})) AS i) day_)`;

// ── the plan: before the carnets are written ────────────────────────────────────────────────────

/**
 * The activity hooks of seedScale for `today` (YYYY-MM-DD in France). `plan` writes the venues,
 * the structures' agents, the beneficiaries (custody rows, diagnostics, households' exceptions)
 * and plans the hand-outs (`bench_fate`), redemptions and batches, and the used cheques
 * (`bench_slot`); `afterLedger` writes the hand-outs, redemptions and batches. `summary` is filled
 * with what was written.
 */
export function reportingActivity({ today, domain }) {
  const summary = {};
  const month = today.slice(0, 7);
  const heldFrom = addMonths(month, -1);
  let calendar;
  let users;
  let programmes;

  async function plan(ctx) {
    const { q, one, step, plans } = ctx;
    await q(`SET work_mem = '256MB'`);
    users = await one(
      `SELECT (SELECT id FROM user_account WHERE email = $1) AS manager,
              (SELECT id FROM user_account WHERE email = $2) AS finance,
              (SELECT id FROM user_account WHERE email = $3) AS finance2,
              (SELECT password_hash FROM user_account WHERE email = 'prescriber@demo.carnet.fr') AS hash`,
      [MANAGER, FINANCE, FINANCE2],
    );
    const first = plans.reduce((a, p) => (p.startDate < a ? p.startDate : a), today);
    calendar = activityDays(addDays(first, -60), addDays(today, 400));
    programmes = plans;
    for (const p of plans) {
      const row = await one(
        `SELECT start_date::text AS start, end_date::text AS "end", validity_end_date::text AS validity,
                grace_days AS grace, face_value_cents AS face, payable_services AS services
         FROM programme WHERE id = $1`,
        [p.id],
      );
      Object.assign(p, {
        startDate: row.start,
        endDate: row.end,
        validityEndDate: row.validity,
        graceDays: row.grace,
        faceValueCents: row.face,
        services: row.services,
      });
    }

    // ── venues: 300 over the communes by population, verified bank details, two suspended ──────
    const { rows: communes } = await q(
      `SELECT insee_code, name, population, postal_codes[1] AS postal_code,
              latitude::float8 AS latitude, longitude::float8 AS longitude
       FROM commune ORDER BY population DESC, insee_code`,
    );
    const perCommune = domain.largestRemainder(
      VENUES - communes.length,
      communes.map((c) => c.population ** 0.8),
    );
    const venues = [];
    for (const [i, c] of communes.entries()) {
      for (let j = 0; j <= perCommune[i]; j++) {
        const n = venues.length;
        venues.push({
          n,
          insee: c.insee_code,
          name: `${['Espace numérique', 'Médiathèque', 'Tiers-lieu', 'Association numérique', 'Point numérique'][n % 5]} ${c.name}${j > 0 ? ` n° ${j + 1}` : ''}`,
          commune: c.name,
          postal_code: c.postal_code,
          latitude: c.latitude == null ? null : c.latitude + (((n * 37) % 21) - 10) / 1000,
          longitude: c.longitude == null ? null : c.longitude + (((n * 53) % 21) - 10) / 1000,
          pivot: siret(6_300_000_000_000 + n * 11),
          iban: frenchIban(
            String(30000 + (n % 60000)).padStart(5, '0'),
            String(n % 100000).padStart(5, '0'),
            String(8_000_000_000 + n).padStart(11, '0'),
          ),
          bic: ['CEPAFRPP627', 'AGRIFRPP867', 'CCBPFRPPLIL', 'SOGEFRPPXXX', 'BNPAFRPPXXX'][n % 5],
          // Two of the venues with most activity (the first of the second and third communes).
          held: false,
        });
      }
    }
    const held = [1, 2].map((i) => venues.find((v) => v.insee === communes[i].insee_code));
    for (const [i, v] of held.slice(0, HELD_VENUES).entries()) {
      v.held = true;
      v.alt =
        venues.find((o) => o.insee === v.insee && o !== v && !o.held)?.n ??
        (v.n + 1 + i) % venues.length;
    }
    const heldAt = `${firstDay(heldFrom).slice(0, 8)}10T10:00:00+01:00`;
    await step('venues (organisations, venues, verified bank details)', async () => {
      await q(`CREATE TEMP TABLE bench_venue (n int PRIMARY KEY, id uuid NOT NULL, org uuid NOT NULL,
        insee varchar(5) NOT NULL, name text NOT NULL, held boolean NOT NULL, alt int,
        account uuid NOT NULL, staff uuid NOT NULL, staff_label text NOT NULL)`);
      await q(
        `INSERT INTO bench_venue (n, id, org, insee, name, held, alt, account, staff, staff_label)
         SELECT v.n, gen_random_uuid(), gen_random_uuid(), v.insee, v.name, v.held, v.alt, gen_random_uuid(),
                md5('bench-venue-staff:' || v.n)::uuid, 'accueil.' || (v.n + 1) || '@lieux.bench.carnet.fr'
         FROM jsonb_to_recordset($1::jsonb) AS v(n int, insee varchar, name text, held boolean, alt int)`,
        [JSON.stringify(venues)],
      );
      await q(
        `INSERT INTO organisation (id, kind, name) SELECT org, 'VENUE', name FROM bench_venue`,
      );
      await q(
        `INSERT INTO venue (id, organisation_id, pivot, name, address, postal_code, commune_name, insee_code,
                            latitude, longitude, typologies, served_insee_codes, services, qualification_status,
                            created_at, updated_at)
         SELECT b.id, b.org, v.pivot, v.name, (1 + v.n % 120) || ' rue Jean Jaurès', v.postal_code, v.commune,
                v.insee, v.latitude, v.longitude,
                ARRAY[(ARRAY['TIERS_LIEUX', 'BIB', 'CCAS', 'ASSO', 'MAIRIE'])[1 + v.n % 5]], ARRAY[v.insee],
                ARRAY['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien',
                      'Utilisation sécurisée du numérique']
                  || (ARRAY['Insertion professionnelle via le numérique', 'Parentalité et éducation avec le numérique',
                            'Loisirs et créations numériques', 'Compréhension du monde numérique'])[1:1 + v.n % 4],
                CASE WHEN v.held THEN 'SUSPENDED' ELSE 'QUALIFIED' END, $2::date - 60, $2::date - 60
         FROM jsonb_to_recordset($1::jsonb) AS v(n int, pivot text, name text, postal_code text, commune text,
                                                 insee varchar, latitude numeric, longitude numeric, held boolean)
         JOIN bench_venue b ON b.n = v.n`,
        [JSON.stringify(venues), first],
      );
      await q(
        `INSERT INTO venue_bank_account (id, venue_id, holder_name, iban, bic, status, entered_by, entered_at,
                                         decided_by, decided_at, valid_from)
         SELECT b.account, b.id, upper(unaccent_name), v.iban, v.bic, 'VERIFIED', $2, $4::date - 50,
                $3, $4::date - 49, $4::date - 50
         FROM jsonb_to_recordset($1::jsonb) AS v(n int, iban text, bic text)
         JOIN bench_venue b ON b.n = v.n
         CROSS JOIN LATERAL (SELECT translate(b.name, 'éèêàâîôûçÉ°', 'eeeaaioucE ') AS unaccent_name) x`,
        [JSON.stringify(venues), users.finance, users.finance2, first],
      );
      await q(
        `INSERT INTO venue_qualification_decision (venue_id, from_status, to_status, checklist, reason, decided_by,
                                                   decided_by_label, decided_at)
         SELECT id, 'QUALIFIED', 'SUSPENDED', '{}'::jsonb, 'Activité suspendue pendant un contrôle', $1, $2,
                $3::timestamptz
         FROM bench_venue WHERE held`,
        [users.manager, MANAGER, heldAt],
      );
      await q(`CREATE TEMP TABLE bench_commune_venues AS
        SELECT insee, array_agg(n ORDER BY n) AS ns FROM bench_venue GROUP BY insee`);
      await q('ANALYZE bench_venue, bench_commune_venues');
      return venues.length * 4;
    });
    summary.venues = venues.length;
    summary.heldVenues = held.map((v) => v.name);

    // ── the structures' agents: one per structure that has none ──────────────────────────────────
    await step('structures’ agents (user accounts)', async () => {
      const { rowCount } = await q(
        `INSERT INTO user_account (email, display_name, password_hash, role, organisation_id, created_at, updated_at)
         SELECT 'agent.' || row_number() OVER (ORDER BY p.insee_code, p.name) || '@structures.bench.carnet.fr',
                'Agent — ' || p.name, $1, 'PRESCRIBER_AGENT', p.organisation_id, $2::date - 90, $2::date - 90
         FROM prescriber p
         WHERE NOT EXISTS (SELECT 1 FROM user_account a WHERE a.organisation_id = p.organisation_id
                             AND a.role = 'PRESCRIBER_AGENT')`,
        [users.hash, first],
      );
      return rowCount;
    });
    const { rows: agents } = await q(
      `SELECT DISTINCT ON (p.id) p.id AS prescriber, a.id, a.email
       FROM prescriber p JOIN user_account a ON a.organisation_id = p.organisation_id AND a.role = 'PRESCRIBER_AGENT'
       ORDER BY p.id, a.email`,
    );
    const agentOf = new Map(agents.map((a) => [a.prescriber, a]));
    const { rows: structures } = await q(`SELECT id, insee_code FROM prescriber`);
    const structureInsee = new Map(structures.map((s) => [s.id, s.insee_code]));

    // ── the hand-outs: the first part of each structure's carnets, spread over the programme's
    // life in activity time, from the day after its box arrived ────────────────────────────────
    const lagging = communes[4].insee_code;
    summary.laggingCommune = communes[4].name;
    const segments = [];
    for (const p of plans) {
      const last = addDays(p.endDate, 1) < today ? addDays(p.endDate, 1) : today;
      for (const [s, seg] of p.segments.entries()) {
        if (!seg.prescriber) continue;
        const factor =
          (0.75 + 0.25 * (((s * 7919 + p.carnets) % 101) / 100)) *
          (structureInsee.get(seg.prescriber) === lagging ? 0.45 : 1);
        const handed = Math.floor((seg.end - seg.start) * p.handedOut * factor);
        if (handed === 0) continue;
        const lastK = seg.start + handed - 1;
        const arrival = addDays(
          p.firstRunAt.slice(0, 10),
          Math.floor(lastK / RUN_CARNETS) * RUN_INTERVAL_DAYS + PRESCRIBER_DELIVERY_DAYS + 1,
        );
        const from = arrival > p.startDate ? arrival : p.startDate;
        if (from >= last) continue;
        const agent = agentOf.get(seg.prescriber);
        segments.push({
          programme_id: p.id,
          key: p.key,
          first_serial: p.firstSerial,
          serial0: p.firstSerial + seg.start,
          handed,
          prescriber_holder: seg.holder,
          prescriber_id: seg.prescriber,
          structure_insee: structureInsee.get(seg.prescriber),
          agent_id: agent.id,
          agent_label: agent.email,
          x_a: calendar.at(from),
          x_b: calendar.at(last),
        });
      }
    }
    const cal = [calendar.days, calendar.c0, calendar.w];
    await step('hand-outs planned (temporary table)', async () => {
      await q(
        `CREATE TEMP TABLE bench_given AS
         SELECT s.programme_id, s.key, s.serial0 + j AS serial, (s.serial0 + j - s.first_serial)::bigint AS k, j,
                s.prescriber_holder, s.prescriber_id, s.structure_insee, s.agent_id, s.agent_label,
                s.x_a + (j + ${u('s.serial0 + j', 1)}) / s.handed * (s.x_b - s.x_a) AS x_h,
                j % ${SECOND_CARNET_EVERY} = ${SECOND_CARNET_EVERY - 1} AS second
         FROM jsonb_to_recordset($1::jsonb) AS s(programme_id uuid, key text, first_serial bigint, serial0 bigint,
              handed int, prescriber_holder uuid, prescriber_id uuid, structure_insee varchar, agent_id uuid,
              agent_label text, x_a float8, x_b float8)
         CROSS JOIN generate_series(0, s.handed - 1) AS j`,
        [JSON.stringify(segments)],
      );
      await q(
        `ALTER TABLE bench_given ADD PRIMARY KEY (serial),
           ADD COLUMN handed_out_at timestamptz, ADD COLUMN owner_serial bigint,
           ADD COLUMN beneficiary uuid, ADD COLUMN holder uuid, ADD COLUMN cancelled_at timestamptz`,
      );
      const { rowCount } = await q(
        `UPDATE bench_given g SET
           handed_out_at = ${instantSql('g.x_h', '$1::date[]', '$2::float8[]', '$3::float8[]')},
           owner_serial = CASE WHEN g.second THEN g.serial - 1 ELSE g.serial END`,
        cal,
      );
      await q(
        `UPDATE bench_given g SET
           beneficiary = md5('bench-beneficiary:' || g.owner_serial)::uuid,
           holder = md5('bench-holder:' || g.owner_serial)::uuid,
           cancelled_at = CASE WHEN ${cancelledSql('g.k')}
             THEN g.handed_out_at + (LEAST(now(), (p.validity_end_date + p.grace_days)::timestamptz) - g.handed_out_at)
                                    * (0.15 + 0.7 * ${u('g.serial', 2)})
           END
         FROM programme p WHERE p.id = g.programme_id`,
      );
      await q('ANALYZE bench_given');
      return rowCount;
    });
    summary.handedOut = Number((await one(`SELECT count(*) AS n FROM bench_given`)).n);

    // ── beneficiaries, their custody rows, diagnostics, the households' second carnets ─────────
    const communeCodes = communes.map((c) => c.insee_code);
    await step('beneficiaries (with their custody rows)', async () => {
      const publics = (field) =>
        `CASE g.key WHEN 'seniors' THEN $${field === 'situations' ? 3 : 5}::text[]
                    WHEN 'jeunes' THEN $${field === 'situations' ? 4 : 6}::text[]
                    ELSE $${field === 'situations' ? 2 : 7}::text[] END`;
      const { rowCount } = await q(
        `INSERT INTO beneficiary (id, programme_id, prescriber_id, insee_code, age_band, birth_year, situation,
                                  household_key, created_by, created_at, updated_at)
         SELECT g.beneficiary, g.programme_id, g.prescriber_id,
                CASE WHEN ${u('g.serial', 3)} < 0.88 THEN g.structure_insee
                     ELSE ($1::text[])[1 + floor(${u('g.serial', 4)} * cardinality($1::text[]))::int] END,
                CASE WHEN ${u('g.serial', 5)} < 0.7 THEN a.band END,
                CASE WHEN ${u('g.serial', 5)} >= 0.7
                     THEN extract(year FROM g.handed_out_at)::int - ('${JSON.stringify(BIRTH_OFFSET)}'::jsonb ->> a.band)::int END,
                (${publics('situations')})[1 + floor(${u('g.serial', 6)} * cardinality(${publics('situations')}))::int],
                sha256(('bench-household:' || g.serial)::bytea), g.agent_id,
                g.handed_out_at - interval '20 minutes', g.handed_out_at - interval '20 minutes'
         FROM bench_given g
         CROSS JOIN LATERAL (
           SELECT (${publics('ages')})[1 + floor(${u('g.serial', 7)} * cardinality(${publics('ages')}))::int] AS band
         ) a
         WHERE NOT g.second`,
        [
          communeCodes,
          PUBLICS.all.situations,
          PUBLICS.seniors.situations,
          PUBLICS.jeunes.situations,
          PUBLICS.seniors.ages,
          PUBLICS.jeunes.ages,
          PUBLICS.all.ages,
        ],
      );
      await q(
        `INSERT INTO custody_holder (id, programme_id, kind, beneficiary_id, prescriber_id)
         SELECT g.holder, g.programme_id, 'BENEFICIARY', g.beneficiary, g.prescriber_id
         FROM bench_given g WHERE NOT g.second`,
      );
      return rowCount * 2;
    });
    await step('diagnostics, and the households’ permissions for a second carnet', async () => {
      const { rowCount } = await q(
        `INSERT INTO diagnostic (id, beneficiary_id, services, procedures, autonomy, equipment, created_by, created_at)
         SELECT md5('bench-diagnostic:' || g.serial)::uuid, g.beneficiary,
                string_to_array(($1::text[])[1 + floor(${u('g.serial', 8)} * cardinality($1::text[]))::int], '|'),
                string_to_array(($2::text[])[1 + floor(${u('g.serial', 9)} * cardinality($2::text[]))::int], '|'),
                1 + floor(${u('g.serial', 10)} * 4)::int,
                string_to_array(($3::text[])[1 + floor(${u('g.serial', 11)} * cardinality($3::text[]))::int], '|'),
                g.agent_id, g.handed_out_at - interval '10 minutes'
         FROM bench_given g`,
        [NEEDED_SERVICES, PROCEDURES, EQUIPMENT],
      );
      const exceptions = await q(
        `INSERT INTO household_exception (id, programme_id, beneficiary_id, household_key, justification,
                                          granted_by, created_at)
         SELECT md5('bench-exception:' || g.serial)::uuid, g.programme_id, g.beneficiary,
                sha256(('bench-household:' || g.owner_serial)::bytea),
                'Foyer recomposé : un second carnet pour le conjoint', $1, g.handed_out_at - interval '1 day'
         FROM bench_given g WHERE g.second`,
        [users.manager],
      );
      return rowCount + exceptions.rowCount;
    });

    // ── the carnets' fates for seedScale ────────────────────────────────────────────────────────
    await q(
      `INSERT INTO bench_fate (serial, holder, from_holder, handed_out_at, transfer_id, agent_id, agent_label, cancelled_at)
       SELECT serial, holder, prescriber_holder, handed_out_at, md5('bench-hand-out:' || serial)::uuid,
              agent_id, agent_label, cancelled_at
       FROM bench_given`,
    );
    await q('ANALYZE bench_fate');

    // ── redemptions: each handed-out carnet is used in groups of 1 to 3 cheques (a pattern), the
    // first after a delay, the next after gaps, in activity time, until the holder drops out,
    // the carnet is cancelled, the cheques expire or today ────────────────────────────────────
    await step('redemptions planned (temporary table)', async () => {
      const patterns = [];
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let p = 0; p < PATTERNS; p++) {
        let start = 1;
        for (let g = 1; start <= CHEQUES_PER_CARNET; g++) {
          const r = random();
          const size = Math.min(CHEQUES_PER_CARNET - start + 1, r < 0.4 ? 1 : r < 0.8 ? 2 : 3);
          patterns.push({ p, g, start, size });
          start += size;
        }
      }
      await q(
        `CREATE TEMP TABLE bench_pattern AS
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(p int, g int, start int, size int)`,
        [JSON.stringify(patterns)],
      );
      const face = Object.fromEntries(plans.map((p) => [p.id, p.faceValueCents]));
      const limit = Object.fromEntries(
        plans.map((p) => [p.id, addDays(p.validityEndDate, p.graceDays + 1)]),
      );
      // A carnet's group g happens at x_h + (first delay + gaps) in activity days; 12 % of the
      // carnets are never used (20 % of the youth programme's), the others go on after each
      // group with a chance of 88 %.
      await q(
        `CREATE TEMP TABLE bench_group AS
         SELECT g.serial, g.programme_id, g.k, t.g, t.start, t.size,
                g.x_h + sum(CASE WHEN t.g = 1
                                 THEN CASE WHEN ${u('g.serial', 12)} < 0.8 THEN -ln(1 - ${u('g.serial', 13)}) * 9
                                           ELSE 20 - ln(1 - ${u('g.serial', 13)}) * 50 END
                                 ELSE 1 - ln(1 - ${u('g.serial * 16 + t.g', 14)}) * 18 END)
                          OVER (PARTITION BY g.serial ORDER BY t.g) * $1::float8 AS x
         FROM bench_given g
         JOIN bench_pattern t ON t.p = floor(${u('g.serial', 15)} * ${PATTERNS})::int
         WHERE ${u('g.serial', 16)} >= CASE g.key WHEN 'jeunes' THEN 0.2 ELSE 0.12 END
           AND t.g <= 1 + floor(ln(1 - ${u('g.serial', 17)}) / ln(0.88))`,
        [calendar.mean],
      );
      // The venue: the carnet's usual one (a venue of the beneficiary's commune, or of Lens or
      // Liévin for 12 %) four times in five, otherwise one drawn with a skew; a suspended venue's
      // redemptions after its suspension went to another venue of its commune. `held`: at a
      // venue suspended by the time its month's batch was made.
      await q(
        `CREATE TEMP TABLE bench_redemption AS
         SELECT md5('bench-redemption:' || r.serial || ':' || r.g)::uuid AS id, r.serial, r.programme_id, r.g,
                r.start, r.size, r.at, false AS cancelled, ($2::jsonb ->> r.programme_id::text)::int AS face,
                x.venue, x.held AND to_char(r.at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') >= $8 AS held,
                CASE WHEN ${u('r.serial * 16 + r.g', 21)} < 0.45 THEN p.payable_services[1]
                     WHEN ${u('r.serial * 16 + r.g', 21)} < 0.8 THEN p.payable_services[LEAST(2, cardinality(p.payable_services))]
                     ELSE p.payable_services[LEAST(3, cardinality(p.payable_services))] END AS service,
                (CASE WHEN ${u('r.serial * 16 + r.g', 22)} < 0.85 THEN 1
                      WHEN ${u('r.serial * 16 + r.g', 22)} < 0.97 THEN 2 + floor(${u('r.serial', 23)} * 3)
                      ELSE 5 + floor(${u('r.serial', 23)} * 8) END)::smallint AS participants,
                ((ARRAY[60, 60, 60, 90, 120, 30])[1 + floor(${u('r.serial * 16 + r.g', 24)} * 6)::int])::smallint AS duration,
                to_char(r.at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')::char(7) AS period
         FROM (SELECT b.*, ${instantSql('b.x', '$3::date[]', '$4::float8[]', '$5::float8[]')} AS at FROM bench_group b) r
         JOIN bench_given g ON g.serial = r.serial
         JOIN beneficiary bn ON bn.id = g.beneficiary
         JOIN programme p ON p.id = g.programme_id
         JOIN bench_commune_venues home ON home.insee = CASE WHEN ${u('g.serial', 18)} < 0.12
                                                             THEN ($6::text[])[1 + (g.serial % 2)::int] ELSE bn.insee_code END
         JOIN bench_venue v ON v.n = CASE WHEN ${u('r.serial * 16 + r.g', 19)} < 0.8
                                          THEN home.ns[1 + floor(cardinality(home.ns) * power(${u('g.serial', 20)}, 1.5))::int]
                                          ELSE floor(${VENUES} * power(${u('r.serial * 16 + r.g', 25)}, 1.8))::int END
         CROSS JOIN LATERAL (
           SELECT CASE WHEN v.held AND r.at >= $7::timestamptz THEN v.alt ELSE v.n END AS venue,
                  v.held AND r.at < $7::timestamptz AS held
         ) x
         WHERE r.at < LEAST(now() - interval '10 minutes',
                            (($1::jsonb ->> r.programme_id::text)::date)::timestamp AT TIME ZONE 'Europe/Paris',
                            COALESCE(g.cancelled_at, 'infinity'))`,
        [
          JSON.stringify(limit),
          JSON.stringify(face),
          ...cal,
          communeCodes.slice(0, 2),
          heldAt,
          heldFrom,
        ],
      );
      // A few redemptions were first made, then cancelled by the venue within the quarter hour,
      // and made again: the cancelled one keeps its cheques, inactive.
      await q(
        `INSERT INTO bench_redemption (id, serial, programme_id, g, start, size, at, cancelled, face, venue,
                                       held, service, participants, duration, period)
         SELECT md5('bench-redemption-cancelled:' || serial || ':' || g)::uuid, serial, programme_id, g, start,
                size, at - interval '25 minutes', true, face, venue, false, service, participants, duration,
                to_char((at - interval '25 minutes') AT TIME ZONE 'Europe/Paris', 'YYYY-MM')
         FROM bench_redemption WHERE ${u('serial * 16 + g', 26)} < ${CANCELLED_TWIN_PER_MILLE / 1000}`,
      );
      await q('ALTER TABLE bench_redemption ADD PRIMARY KEY (id)');
      await q('ANALYZE bench_redemption');
      return Number((await one(`SELECT count(*) AS n FROM bench_redemption`)).n);
    });

    // ── batches: one per programme and month up to last month, PAID but last month's (EXPORTED);
    // the months of a batch the demo already has join it; after the demo's last batch, none ───
    await step('reimbursement batches planned', async () => {
      const { rows: periods } = await q(
        `SELECT DISTINCT programme_id, period FROM bench_redemption WHERE NOT cancelled AND period < $1
         ORDER BY 1, 2`,
        [month],
      );
      const { rows: existing } = await q(
        `SELECT id, programme_id, period, status, generated_at, closed_at, requested_execution_date::text AS paid_on
         FROM reimbursement_batch`,
      );
      const batches = [];
      for (const { programme_id: programmeId, period } of periods) {
        const own = existing.filter((b) => b.programme_id === programmeId);
        const found = own.find((b) => b.period === period);
        const lastOwn = own.reduce((a, b) => (b.period > a ? b.period : a), '');
        if (found) {
          batches.push({
            programme_id: programmeId,
            period,
            id: found.id,
            existing: true,
            state: ['PAID', 'PARTIALLY_PAID'].includes(found.status) ? 'PAID' : 'OPEN',
            generated_at: found.generated_at,
            closed_at: found.closed_at ?? found.generated_at,
            paid_on: found.paid_on,
          });
        } else if (!lastOwn || period < lastOwn) {
          const next = addMonths(period, 1);
          const at = (day, time) => `${next}-${day}T${time}+01:00`;
          batches.push({
            programme_id: programmeId,
            period,
            id: randomUUID(),
            existing: false,
            state: period < heldFrom ? 'PAID' : 'OPEN',
            generated_at: at('01', '04:00:00.01'),
            closed_at: at('07', '09:00:00'),
            paid_on: `${next}-04`,
            created_at: at('01', '04:00:00'),
            approved_at: at('02', '09:40:00'),
            export_requested_at: at('02', '14:00:00'),
            exported_at: at('02', '14:02:00'),
            cutoff: domain.periodCutoff(period).toISOString(),
          });
        }
      }
      for (const b of batches) if (!b.existing) b.message_id = domain.sepaMessageId(b.id, b.period);
      await q(
        `CREATE TEMP TABLE bench_batch AS
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(programme_id uuid, period char(7), id uuid, existing boolean,
           state text, generated_at timestamptz, closed_at timestamptz, paid_on date, created_at timestamptz,
           approved_at timestamptz, export_requested_at timestamptz, exported_at timestamptz, cutoff timestamptz,
           message_id text)`,
        [JSON.stringify(batches)],
      );
      await q('ALTER TABLE bench_batch ADD PRIMARY KEY (programme_id, period)');
      // A redemption is taken by its month's batch, unless its venue was suspended by then (its
      // line is ON_HOLD: the redemption waits, its cheques stay REDEEMED).
      await q(
        `CREATE TEMP VIEW bench_taken AS
         SELECT r.*, b.id AS batch, b.state FROM bench_redemption r
         JOIN bench_batch b ON b.programme_id = r.programme_id AND b.period = r.period
         WHERE NOT r.cancelled`,
      );
      summary.batches = {
        created: batches.filter((b) => !b.existing).length,
        joined: batches.filter((b) => b.existing).length,
      };
      return batches.length;
    });

    // ── the used cheques, with the status their redemption's batch gave them ────────────────────
    await step('used cheques planned (bench_slot)', async () => {
      const { rowCount } = await q(
        `INSERT INTO bench_slot (serial, position, status, changed_at)
         SELECT r.serial, r.start + i, x.status, x.changed_at
         FROM bench_redemption r
         LEFT JOIN bench_batch b ON b.programme_id = r.programme_id AND b.period = r.period AND NOT r.held
         CROSS JOIN generate_series(0, r.size - 1) AS i
         CROSS JOIN LATERAL (
           SELECT CASE WHEN b.state = 'PAID' THEN 'REIMBURSED' WHEN b.state = 'OPEN' THEN 'IN_BATCH'
                       ELSE 'REDEEMED' END AS status,
                  CASE WHEN b.state = 'PAID' THEN b.closed_at WHEN b.state = 'OPEN' THEN b.generated_at
                       ELSE r.at END AS changed_at
         ) x
         WHERE NOT r.cancelled`,
      );
      await q('ANALYZE bench_slot');
      return rowCount;
    });
  }

  // ── after the ledger: hand-outs, redemptions, batches ─────────────────────────────────────────

  async function afterLedger(ctx) {
    const { q, one, step } = ctx;
    await step('hand_out rows', async () => {
      const { rowCount } = await q(
        `INSERT INTO hand_out (id, programme_id, beneficiary_id, household_key, carnet_id, prescriber_id, agent_id,
                               diagnostic_id, exception_id, status, transfer_id, slot, created_at)
         SELECT md5('bench-hand-out-row:' || g.serial)::uuid, g.programme_id, g.beneficiary,
                sha256(('bench-household:' || g.owner_serial)::bytea), c.id, g.prescriber_id, g.agent_id,
                md5('bench-diagnostic:' || g.serial)::uuid,
                CASE WHEN g.second THEN md5('bench-exception:' || g.serial)::uuid END,
                'ACTIVE', md5('bench-hand-out:' || g.serial)::uuid, 1, g.handed_out_at
         FROM bench_given g JOIN carnet c ON c.serial = g.serial`,
      );
      return rowCount;
    });
    await step('reimbursement batches (created ones)', async () => {
      const { rowCount } = await q(
        `INSERT INTO reimbursement_batch (id, programme_id, period, cutoff, status, created_by, created_by_label,
           generated_at, approved_by, approved_by_label, approved_at, sepa_format, requested_execution_date,
           message_id, export_requested_by, export_requested_by_label, export_requested_at, exported_at, closed_at,
           version, created_at, updated_at)
         SELECT b.id, b.programme_id, b.period, b.cutoff, CASE b.state WHEN 'PAID' THEN 'PAID' ELSE 'EXPORTED' END,
                $1, $2, b.generated_at, $3, $4, b.approved_at, 'pain.001.001.09', b.paid_on, b.message_id,
                $1, $2, b.export_requested_at, b.exported_at, CASE WHEN b.state = 'PAID' THEN b.closed_at END,
                CASE b.state WHEN 'PAID' THEN 6 ELSE 4 END, b.created_at,
                CASE WHEN b.state = 'PAID' THEN b.closed_at ELSE b.exported_at END
         FROM bench_batch b WHERE NOT b.existing`,
        [users.finance, FINANCE, users.finance2, FINANCE2],
      );
      return rowCount;
    });
    await step('redemptions', async () => {
      const { rowCount } = await q(
        `INSERT INTO redemption (id, venue_id, programme_id, service, service_date, duration_minutes, participants,
                                 cheque_count, amount_cents, period, status, actor_type, actor_id, actor_label,
                                 created_at, cancelled_at, cancelled_by, cancelled_by_label, reimbursement_batch_id)
         SELECT r.id, v.id, r.programme_id, r.service, (r.at AT TIME ZONE 'Europe/Paris')::date, r.duration,
                r.participants, r.size, r.size * r.face, r.period,
                CASE WHEN r.cancelled THEN 'CANCELLED' ELSE 'ACTIVE' END, 'USER', v.staff, v.staff_label, r.at,
                CASE WHEN r.cancelled THEN r.at + interval '10 minutes' END,
                CASE WHEN r.cancelled THEN v.staff END, CASE WHEN r.cancelled THEN v.staff_label END,
                CASE WHEN NOT r.held AND NOT r.cancelled THEN b.id END
         FROM bench_redemption r JOIN bench_venue v ON v.n = r.venue
         LEFT JOIN bench_batch b ON b.programme_id = r.programme_id AND b.period = r.period
         ORDER BY r.at`,
      );
      return rowCount;
    });
    await step('redemption cheques', async () => {
      const { rowCount } = await q(
        `INSERT INTO redemption_cheque (redemption_id, cheque_number, position, face_value_cents, active)
         SELECT r.id, q.number, i + 1, q.face_value_cents, NOT r.cancelled
         FROM bench_redemption r
         JOIN carnet c ON c.serial = r.serial
         CROSS JOIN generate_series(0, r.size - 1) AS i
         JOIN cheque q ON q.carnet_id = c.id AND q.position = r.start + i`,
      );
      return rowCount;
    });
    await step('reimbursement lines, their redemptions and funder splits', async () => {
      // The lines: per batch and venue, the redemptions taken (PAID or PAYABLE as their batch)
      // or held (ON_HOLD: a venue suspended since), with the amounts of their cheques.
      const { rows: planned } = await q(
        `SELECT r.batch AS "batchId", v.id AS "venueId", r.state, r.held,
                count(*)::int AS redemptions, sum(r.size)::int AS cheques, sum(r.size * r.face)::float8 AS cents
         FROM bench_taken r JOIN bench_venue v ON v.n = r.venue
         GROUP BY r.batch, v.id, r.state, r.held ORDER BY r.batch, v.id`,
      );
      const lines = planned.map((l) => ({
        ...l,
        id: randomUUID(),
        status: l.held ? 'ON_HOLD' : l.state === 'PAID' ? 'PAID' : 'PAYABLE',
        endToEndId: l.held ? null : domain.sepaEndToEndId(l.batchId, l.venueId),
      }));
      await q(
        `CREATE TEMP TABLE bench_line AS
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS l(id uuid, "batchId" uuid, "venueId" uuid, status text,
           redemptions int, cheques int, cents bigint, "endToEndId" text)`,
        [JSON.stringify(lines)],
      );
      await q(
        `INSERT INTO reimbursement_line (id, batch_id, venue_id, status, hold_reasons, redemption_count, cheque_count,
           amount_cents, venue_name, venue_pivot, venue_typologies, bank_account_id, holder_name, iban, bic,
           end_to_end_id, paid_on, outcome_by, outcome_by_label, outcome_at)
         SELECT l.id, l."batchId", l."venueId", l.status,
                CASE WHEN l.status = 'ON_HOLD' THEN ARRAY['VENUE_SUSPENDED'] ELSE '{}' END,
                l.redemptions, l.cheques, l.cents, v.name, v.pivot, v.typologies,
                CASE WHEN l.status <> 'ON_HOLD' THEN a.id END, CASE WHEN l.status <> 'ON_HOLD' THEN a.holder_name END,
                CASE WHEN l.status <> 'ON_HOLD' THEN a.iban END, CASE WHEN l.status <> 'ON_HOLD' THEN a.bic END,
                l."endToEndId", CASE WHEN l.status = 'PAID' THEN b.paid_on END,
                CASE WHEN l.status = 'PAID' THEN $1::uuid END, CASE WHEN l.status = 'PAID' THEN $2 END,
                CASE WHEN l.status = 'PAID' THEN b.closed_at END
         FROM bench_line l JOIN bench_batch b ON b.id = l."batchId" JOIN venue v ON v.id = l."venueId"
         LEFT JOIN venue_bank_account a ON a.venue_id = v.id AND a.valid_to IS NULL`,
        [users.finance, FINANCE],
      );
      const links = await q(
        `INSERT INTO reimbursement_line_redemption (line_id, redemption_id, active)
         SELECT l.id, r.id, NOT r.held
         FROM bench_taken r JOIN bench_venue v ON v.n = r.venue
         JOIN bench_line l ON l."batchId" = r.batch AND l."venueId" = v.id`,
      );
      // Each batch's payable total split between the programme's funders (the domain's
      // splitBatchByFunders, as the generation does), batch and lines alike; the batches of the
      // demo that took lines here are split again over all their lines.
      const batchIds = [...new Set(lines.map((l) => l.batchId))];
      const { rows: all } = await q(
        `SELECT l.id, l.batch_id AS "batchId", l.amount_cents::float8 AS cents
         FROM reimbursement_line l WHERE l.batch_id = ANY($1::uuid[]) AND l.end_to_end_id IS NOT NULL
         ORDER BY l.batch_id, l.venue_id`,
        [batchIds],
      );
      const { rows: shares } = await q(
        `SELECT b.id AS "batchId", s.funder_id AS "funderId", s.basis_points AS "basisPoints"
         FROM reimbursement_batch b JOIN funding_share s ON s.programme_id = b.programme_id
         WHERE b.id = ANY($1::uuid[]) ORDER BY s.basis_points DESC, s.funder_id`,
        [batchIds],
      );
      const batchFunders = [];
      const lineFunders = [];
      for (const batchId of batchIds) {
        const own = all.filter((l) => l.batchId === batchId);
        const funders = shares.filter((s) => s.batchId === batchId);
        if (own.length === 0 || funders.length === 0) continue;
        const split = domain.splitBatchByFunders(
          own.map((l) => ({ key: l.id, cents: l.cents })),
          funders.map((f) => ({ key: f.funderId, basisPoints: f.basisPoints })),
        );
        for (const f of split.funders) {
          const bp = funders.find((s) => s.funderId === f.key).basisPoints;
          batchFunders.push({ batch: batchId, funder: f.key, bp, cents: f.cents });
        }
        for (const line of split.lines) {
          for (const f of line.funders)
            lineFunders.push({ line: line.key, funder: f.key, cents: f.cents });
        }
      }
      await q(
        `DELETE FROM reimbursement_line_funder WHERE line_id IN (
           SELECT id FROM reimbursement_line WHERE batch_id = ANY($1::uuid[]))`,
        [batchIds],
      );
      await q(`DELETE FROM reimbursement_batch_funder WHERE batch_id = ANY($1::uuid[])`, [
        batchIds,
      ]);
      await q(
        `INSERT INTO reimbursement_batch_funder (batch_id, funder_id, basis_points, cents)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(batch uuid, funder uuid, bp int, cents bigint)`,
        [JSON.stringify(batchFunders)],
      );
      await q(
        `INSERT INTO reimbursement_line_funder (line_id, funder_id, cents)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(line uuid, funder uuid, cents bigint)`,
        [JSON.stringify(lineFunders)],
      );
      // The batches' totals, from their lines.
      await q(
        `UPDATE reimbursement_batch b SET line_count = t.lines, redemption_count = t.redemptions,
                cheque_count = t.cheques, payable_cents = t.payable, on_hold_cents = t.held
         FROM (SELECT batch_id, count(*)::int AS lines, sum(redemption_count)::int AS redemptions,
                      sum(cheque_count)::int AS cheques,
                      COALESCE(sum(amount_cents) FILTER (WHERE end_to_end_id IS NOT NULL), 0) AS payable,
                      COALESCE(sum(amount_cents) FILTER (WHERE status = 'ON_HOLD'), 0) AS held
               FROM reimbursement_line WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id) t
         WHERE t.batch_id = b.id`,
        [batchIds],
      );
      summary.lines = lines.length;
      return lines.length + links.rowCount + batchFunders.length + lineFunders.length;
    });
    await q(`UPDATE programme SET open_data = true WHERE name = $1`, [DEMO_PROGRAMME]);
    const counts = await one(
      `SELECT (SELECT count(*) FROM bench_redemption WHERE NOT cancelled)::int AS redemptions,
              (SELECT count(*) FROM bench_redemption WHERE cancelled)::int AS cancelled,
              (SELECT count(*) FROM bench_slot)::int AS "usedCheques"`,
    );
    Object.assign(summary, counts);
    await q(`RESET work_mem`);
    await q('DROP VIEW bench_taken');
    for (const table of [
      'bench_group',
      'bench_pattern',
      'bench_line',
      'bench_redemption',
      'bench_batch',
      'bench_given',
      'bench_commune_venues',
      'bench_venue',
    ]) {
      await q(`DROP TABLE ${table}`);
    }
  }

  return { plan, afterLedger, summary, programmes: () => programmes };
}

// ── the rows against each other ─────────────────────────────────────────────────────────────────

/**
 * What the API's rules and triggers keep, checked on the rows (every programme): each holder's
 * stock and each structure's hand-out tallies against the carnets; each used cheque against its
 * one active redemption and that redemption's batch line (REDEEMED: in no batch, IN_BATCH: a
 * PAYABLE line, REIMBURSED: a PAID one); redemptions, lines and batches against their cheques,
 * redemptions and lines; funder splits against their totals; periods against the redemptions'
 * instants in France; hand-outs against the ledger; the programmes' expired totals. Answers the
 * number of rows breaking each rule (all zero when the data holds).
 */
export async function checkActivity(client) {
  const used = `('REDEEMED', 'IN_BATCH', 'REIMBURSED')`;
  const checks = {
    stocks: `SELECT count(*) FROM custody_holder h
             FULL JOIN (SELECT holder_id, count(*) AS n FROM carnet WHERE holder_id IS NOT NULL GROUP BY holder_id) c
               ON c.holder_id = h.id
             WHERE COALESCE(h.carnets, -1) <> COALESCE(c.n, 0)`,
    structureTallies: `WITH held AS (
               SELECT bh.programme_id, bh.prescriber_id, count(*) AS handed,
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = c.id AND q.status IN ${used})) AS started
               FROM carnet c JOIN custody_holder bh ON bh.id = c.holder_id AND bh.kind = 'BENEFICIARY'
               GROUP BY 1, 2)
             SELECT count(*) FROM custody_holder p
             LEFT JOIN held ON held.programme_id = p.programme_id AND held.prescriber_id = p.prescriber_id
             WHERE p.kind = 'PRESCRIBER' AND (p.handed_out <> COALESCE(held.handed, 0) OR p.started <> COALESCE(held.started, 0))`,
    usedWithoutRedemption: `SELECT count(*) FROM cheque q
             WHERE q.status IN ${used} AND NOT EXISTS (
               SELECT 1 FROM redemption_cheque rc JOIN redemption r ON r.id = rc.redemption_id AND r.status = 'ACTIVE'
               WHERE rc.cheque_number = q.number AND rc.active)`,
    chequeVersusBatch: `SELECT count(*) FROM redemption_cheque rc
             JOIN cheque q ON q.number = rc.cheque_number
             JOIN redemption r ON r.id = rc.redemption_id
             LEFT JOIN reimbursement_line_redemption lr ON lr.redemption_id = r.id AND lr.active
             LEFT JOIN reimbursement_line l ON l.id = lr.line_id
             WHERE rc.active AND (r.status <> 'ACTIVE'
                OR q.status IS DISTINCT FROM CASE WHEN r.reimbursement_batch_id IS NULL THEN 'REDEEMED'
                                                  WHEN l.status = 'PAID' THEN 'REIMBURSED'
                                                  WHEN l.status = 'PAYABLE' THEN 'IN_BATCH' END
                OR (r.reimbursement_batch_id IS NOT NULL AND l.batch_id IS DISTINCT FROM r.reimbursement_batch_id))`,
    redemptionTotals: `SELECT count(*) FROM redemption r
             LEFT JOIN (SELECT redemption_id, count(*) FILTER (WHERE active) AS active, count(*) AS n,
                               sum(face_value_cents) AS cents FROM redemption_cheque GROUP BY redemption_id) rc
               ON rc.redemption_id = r.id
             WHERE r.cheque_count <> COALESCE(rc.n, 0) OR r.amount_cents <> COALESCE(rc.cents, 0)
                OR COALESCE(rc.active, 0) <> CASE WHEN r.status = 'ACTIVE' THEN r.cheque_count ELSE 0 END
                OR r.period <> to_char(r.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')
                OR r.service_date <> (r.created_at AT TIME ZONE 'Europe/Paris')::date`,
    lineTotals: `SELECT count(*) FROM reimbursement_line l
             LEFT JOIN (SELECT lr.line_id, count(*) AS redemptions, sum(r.cheque_count) AS cheques,
                               sum(r.amount_cents) AS cents, bool_and(lr.active = (r.reimbursement_batch_id IS NOT NULL)) AS linked
                        FROM reimbursement_line_redemption lr JOIN redemption r ON r.id = lr.redemption_id
                        GROUP BY lr.line_id) t ON t.line_id = l.id
             WHERE l.redemption_count <> COALESCE(t.redemptions, 0) OR l.cheque_count <> COALESCE(t.cheques, 0)
                OR l.amount_cents <> COALESCE(t.cents, 0) OR NOT COALESCE(t.linked, false)`,
    batchTotals: `SELECT count(*) FROM reimbursement_batch b
             LEFT JOIN (SELECT batch_id, count(*) AS lines, sum(redemption_count) AS redemptions,
                               sum(cheque_count) AS cheques,
                               COALESCE(sum(amount_cents) FILTER (WHERE end_to_end_id IS NOT NULL), 0) AS payable
                        FROM reimbursement_line GROUP BY batch_id) l ON l.batch_id = b.id
             LEFT JOIN (SELECT batch_id, sum(cents) AS cents FROM reimbursement_batch_funder GROUP BY batch_id) f
               ON f.batch_id = b.id
             WHERE b.status <> 'GENERATING' AND (b.line_count <> COALESCE(l.lines, 0)
                OR b.redemption_count <> COALESCE(l.redemptions, 0) OR b.cheque_count <> COALESCE(l.cheques, 0)
                OR b.payable_cents <> COALESCE(l.payable, 0) OR COALESCE(f.cents, 0) <> b.payable_cents)`,
    lineFunders: `SELECT count(*) FROM reimbursement_line l
             LEFT JOIN (SELECT line_id, sum(cents) AS cents FROM reimbursement_line_funder GROUP BY line_id) f
               ON f.line_id = l.id
             WHERE COALESCE(f.cents, 0) <> CASE WHEN l.end_to_end_id IS NOT NULL THEN l.amount_cents ELSE 0 END`,
    handOuts: `SELECT count(*) FROM carnet c
             JOIN custody_holder bh ON bh.id = COALESCE(c.holder_id, c.last_holder_id) AND bh.kind = 'BENEFICIARY'
             LEFT JOIN hand_out h ON h.carnet_id = c.id AND h.status = 'ACTIVE'
             LEFT JOIN custody_movement m ON m.transfer_id = h.transfer_id AND m.carnet_id = c.id AND m.kind = 'HAND_OUT'
             WHERE h.id IS NULL OR h.beneficiary_id <> bh.beneficiary_id OR m.id IS NULL`,
    expiredTotals: `SELECT count(*) FROM programme p
             WHERE (p.expired_cheques, p.expired_cents) <> (
               SELECT count(*), COALESCE(sum(face_value_cents), 0) FROM cheque q
               WHERE q.programme_id = p.id AND q.status = 'EXPIRED')`,
    statusDates: `SELECT count(*) FROM cheque WHERE status_changed_at > now()`,
  };
  const broken = {};
  for (const [name, sql] of Object.entries(checks)) {
    broken[name] = Number((await client.query(sql)).rows[0].count);
  }
  return broken;
}

// ── a day of activity ─────────────────────────────────────────────────────────────────────────

/**
 * About `events` new events stamped now, as the API would write them (one transaction per kind,
 * set-based, through the same triggers): hand-outs of carnets from the structures' stocks to new
 * beneficiaries (20 %), redemptions of 1 to 3 cheques of carnets held by beneficiaries (the
 * next unused ones), a few of them then cancelled by their venue (1.5 %), and carnets cancelled
 * (0.5 %: lost or stolen, at a beneficiary's or in a structure's stock), each with its audit
 * entry. Answers what was written.
 */
export async function simulateDay(client, { events }) {
  const q = (text, params) => client.query(text, params);
  const one = async (text, params) => (await q(text, params)).rows[0];
  const handOuts = Math.round(events * 0.2);
  const cancellations = Math.round(events * 0.015);
  const carnetCancellations = Math.round(events * 0.005);
  const redemptions = events - handOuts - cancellations - carnetCancellations;
  const written = {};
  const transaction = async (name, fn) => {
    const t0 = Date.now();
    await q('BEGIN');
    try {
      written[name] = await fn();
      await q('COMMIT');
    } catch (error) {
      await q('ROLLBACK');
      throw error;
    }
    log(`day: ${name}: ${fmt(written[name])} in ${fmt((Date.now() - t0) / 1000, 1)} s`);
  };
  const manager = await one(`SELECT id, organisation_id FROM user_account WHERE email = $1`, [
    MANAGER,
  ]);

  // Hand-outs: the first carnets of each structure's stock in the ACTIVE programmes whose cheques
  // are still valid, to new beneficiaries of the structure's commune.
  await transaction('hand-outs', async () => {
    await q(
      `CREATE TEMP TABLE day_given ON COMMIT DROP AS
       SELECT c.id AS carnet, c.serial, h.programme_id, h.id AS structure, h.prescriber_id, p.insee_code,
              gen_random_uuid() AS beneficiary, gen_random_uuid() AS holder, gen_random_uuid() AS diagnostic,
              gen_random_uuid() AS transfer, a.id AS agent, a.email AS agent_label, a.organisation_id AS org
       FROM (SELECT h.*, row_number() OVER (ORDER BY h.id) AS n FROM custody_holder h
             JOIN programme g ON g.id = h.programme_id AND g.status = 'ACTIVE' AND g.end_date >= CURRENT_DATE
                             AND g.validity_end_date >= CURRENT_DATE
             WHERE h.kind = 'PRESCRIBER' AND h.carnets > 0) h
       JOIN prescriber p ON p.id = h.prescriber_id
       JOIN LATERAL (SELECT u.id, u.email, u.organisation_id FROM user_account u
                     WHERE u.organisation_id = p.organisation_id AND u.role = 'PRESCRIBER_AGENT'
                     ORDER BY u.email LIMIT 1) a ON true
       CROSS JOIN LATERAL (SELECT c.id, c.serial FROM carnet c WHERE c.holder_id = h.id AND c.status = 'ACTIVE'
                           ORDER BY c.serial LIMIT $2) c
       ORDER BY c.serial % 97, c.serial LIMIT $1`,
      [handOuts, Math.ceil(handOuts / 40)],
    );
    await q(
      `INSERT INTO beneficiary (id, programme_id, prescriber_id, insee_code, age_band, situation, household_key,
                                created_by)
       SELECT beneficiary, programme_id, prescriber_id, insee_code,
              (ARRAY['UNDER_26', '26_44', '45_59', '60_74', '75_PLUS'])[1 + serial % 5],
              (ARRAY['MINIMA_SOCIAUX', 'RETRAITE', 'DEMANDEUR_EMPLOI', 'JEUNE', 'SALARIE', 'AUTRE'])[1 + serial % 6],
              sha256(('bench-day-household:' || beneficiary)::bytea), agent
       FROM day_given`,
    );
    await q(
      `INSERT INTO custody_holder (id, programme_id, kind, beneficiary_id, prescriber_id)
       SELECT holder, programme_id, 'BENEFICIARY', beneficiary, prescriber_id FROM day_given`,
    );
    await q(
      `INSERT INTO diagnostic (id, beneficiary_id, services, procedures, autonomy, equipment, created_by)
       SELECT diagnostic, beneficiary, ARRAY['Aide aux démarches administratives'],
              CASE serial % 4 WHEN 0 THEN ARRAY['CAF'] WHEN 1 THEN ARRAY['IMPOTS']
                              WHEN 2 THEN ARRAY['FRANCE_TRAVAIL'] ELSE '{}'::text[] END,
              1 + serial % 4, ARRAY['PHONE'], agent
       FROM day_given`,
    );
    await q(`UPDATE carnet c SET holder_id = g.holder FROM day_given g WHERE c.id = g.carnet`);
    await q(
      `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id,
                                     actor_id, actor_label)
       SELECT transfer, programme_id, carnet, 'HAND_OUT', structure, holder, agent, agent_label FROM day_given`,
    );
    await q(
      `UPDATE cheque q SET status = 'DISTRIBUTED', status_changed_at = now()
       FROM day_given g WHERE q.carnet_id = g.carnet AND q.status = 'ISSUED'`,
    );
    await q(
      `INSERT INTO hand_out (programme_id, beneficiary_id, household_key, carnet_id, prescriber_id, agent_id,
                             diagnostic_id, transfer_id, slot)
       SELECT programme_id, beneficiary, sha256(('bench-day-household:' || beneficiary)::bytea), carnet,
              prescriber_id, agent, diagnostic, transfer, 1
       FROM day_given`,
    );
    await q(
      `INSERT INTO audit_event (actor_type, actor_id, actor_label, organisation_id, action, entity_type, entity_id,
                                before, after)
       SELECT 'USER', agent, agent_label, org, e.action, e.type, e.id, e.before, e.after
       FROM day_given g CROSS JOIN LATERAL (VALUES
         ('beneficiary.created', 'beneficiary', g.beneficiary::text, NULL::jsonb,
          jsonb_build_object('prescriberId', g.prescriber_id, 'inseeCode', g.insee_code)),
         ('diagnostic.created', 'diagnostic', g.diagnostic::text, NULL, jsonb_build_object('beneficiaryId', g.beneficiary)),
         ('carnet.hand-out', 'transfer', g.transfer::text, jsonb_build_object('holderId', g.structure),
          jsonb_build_object('holderId', g.holder, 'transferId', g.transfer, 'count', 1, 'serials', g.serial::text,
                             'carnetIds', jsonb_build_array(g.carnet), 'beneficiaryId', g.beneficiary))
       ) AS e(action, type, id, before, after)`,
    );
    return Number((await one(`SELECT count(*) AS n FROM day_given`)).n);
  });

  // Redemptions: carnets held by beneficiaries, drawn at random, each redeeming its next 1 to 3
  // DISTRIBUTED cheques at a qualified venue of the beneficiary's commune (or any).
  await transaction('redemptions', async () => {
    await q(
      `CREATE TEMP TABLE day_redemption ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, x.carnet, x.programme_id, x.numbers, x.cents, x.venue, x.staff,
              p.payable_services[1 + abs(hashtext(x.carnet::text)) % cardinality(p.payable_services)] AS service
       FROM (
         SELECT h.carnet_id AS carnet, h.programme_id,
                (array_agg(q.number ORDER BY q.position))[1:1 + abs(hashtext(h.carnet_id::text)) % 3] AS numbers,
                min(q.face_value_cents) AS cents,
                (SELECT v.id FROM venue v WHERE v.qualification_status = 'QUALIFIED'
                 ORDER BY (v.insee_code = b.insee_code) DESC, md5(v.id::text || h.carnet_id::text) LIMIT 1) AS venue,
                md5('bench-day-staff:' || h.carnet_id)::uuid AS staff
         FROM (SELECT h.* FROM hand_out h JOIN programme g ON g.id = h.programme_id AND g.status = 'ACTIVE'
               WHERE h.status = 'ACTIVE' AND EXISTS (
                 SELECT 1 FROM cheque q WHERE q.carnet_id = h.carnet_id AND q.status = 'DISTRIBUTED'
                   AND q.valid_until >= CURRENT_DATE)
               ORDER BY md5(h.id::text || CURRENT_DATE::text) LIMIT $1) h
         JOIN carnet c ON c.id = h.carnet_id AND c.status = 'ACTIVE'
         JOIN beneficiary b ON b.id = h.beneficiary_id
         JOIN cheque q ON q.carnet_id = c.id AND q.status = 'DISTRIBUTED' AND q.locked_at IS NULL
                      AND q.valid_until >= CURRENT_DATE
         GROUP BY h.carnet_id, h.programme_id, b.insee_code
       ) x JOIN programme p ON p.id = x.programme_id AND p.status = 'ACTIVE'`,
      [redemptions],
    );
    const { rowCount: cheques } = await q(
      `UPDATE cheque q SET status = 'REDEEMED', status_changed_at = now()
       FROM day_redemption r WHERE q.number = ANY(r.numbers) AND q.status = 'DISTRIBUTED'`,
    );
    await q(
      `INSERT INTO redemption (id, venue_id, programme_id, service, service_date, duration_minutes, participants,
                               cheque_count, amount_cents, period, actor_type, actor_id, actor_label)
       SELECT id, venue, programme_id, service, (now() AT TIME ZONE 'Europe/Paris')::date, 60, 1,
              cardinality(numbers), cardinality(numbers) * cents,
              to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM'), 'USER', staff, 'accueil@lieux.bench.carnet.fr'
       FROM day_redemption`,
    );
    await q(
      `INSERT INTO redemption_cheque (redemption_id, cheque_number, position, face_value_cents)
       SELECT r.id, n.number, n.i, r.cents FROM day_redemption r
       CROSS JOIN unnest(r.numbers) WITH ORDINALITY AS n(number, i)`,
    );
    await q(
      `INSERT INTO audit_event (actor_type, actor_id, actor_label, action, entity_type, entity_id, after)
       SELECT 'USER', staff, 'accueil@lieux.bench.carnet.fr', 'redemption.created', 'redemption', id::text,
              jsonb_build_object('venueId', venue, 'programmeId', programme_id, 'cheques', to_jsonb(numbers),
                                 'amountCents', cardinality(numbers) * cents, 'service', service)
       FROM day_redemption`,
    );
    written.redeemedCheques = cheques;
    return Number((await one(`SELECT count(*) AS n FROM day_redemption`)).n);
  });

  // Cancellations by the venue of some of today's redemptions: their cheques are DISTRIBUTED again.
  await transaction('redemption cancellations', async () => {
    await q(
      `CREATE TEMP TABLE day_cancelled ON COMMIT DROP AS
       SELECT id, actor_id FROM redemption
       WHERE created_at >= CURRENT_DATE AND status = 'ACTIVE' AND reimbursement_batch_id IS NULL
       ORDER BY md5(id::text) LIMIT $1`,
      [cancellations],
    );
    await q(
      `UPDATE redemption r SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = d.actor_id,
              cancelled_by_label = 'accueil@lieux.bench.carnet.fr'
       FROM day_cancelled d WHERE r.id = d.id`,
    );
    await q(
      `UPDATE cheque q SET status = 'DISTRIBUTED', status_changed_at = now()
       FROM redemption_cheque rc JOIN day_cancelled d ON d.id = rc.redemption_id
       WHERE rc.active AND q.number = rc.cheque_number AND q.status = 'REDEEMED'`,
    );
    await q(
      `UPDATE redemption_cheque rc SET active = false FROM day_cancelled d
       WHERE rc.redemption_id = d.id AND rc.active`,
    );
    await q(
      `INSERT INTO audit_event (actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after)
       SELECT 'USER', actor_id, 'accueil@lieux.bench.carnet.fr', 'redemption.cancelled', 'redemption', id::text,
              '{"status": "ACTIVE"}'::jsonb, '{"status": "CANCELLED"}'::jsonb
       FROM day_cancelled`,
    );
    return Number((await one(`SELECT count(*) AS n FROM day_cancelled`)).n);
  });

  // Carnets cancelled (lost, stolen): two in three at a beneficiary's, the others in a structure's
  // stock; their unused cheques CANCELLED, a WRITE_OFF in the ledger.
  await transaction('carnet cancellations', async () => {
    await q(
      `CREATE TEMP TABLE day_lost ON COMMIT DROP AS
       SELECT c.id, c.holder_id FROM (
         (SELECT c.id, c.holder_id FROM hand_out h JOIN carnet c ON c.id = h.carnet_id AND c.status = 'ACTIVE'
          WHERE h.status = 'ACTIVE' ORDER BY md5(h.id::text || 'lost') LIMIT $1)
         UNION ALL
         (SELECT c.id, c.holder_id FROM carnet c JOIN custody_holder s ON s.id = c.holder_id AND s.kind = 'PRESCRIBER'
          WHERE c.status = 'ACTIVE' ORDER BY c.serial DESC LIMIT $2)) c`,
      [Math.ceil((carnetCancellations * 2) / 3), Math.floor(carnetCancellations / 3)],
    );
    await q(
      `UPDATE carnet c SET holder_id = NULL, last_holder_id = l.holder_id, status = 'CANCELLED',
              cancellation_reason = 'LOST', cancellation_comment = 'Déclaré perdu', cancelled_at = now()
       FROM day_lost l WHERE c.id = l.id`,
    );
    await q(
      `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, actor_id,
                                     actor_label, note)
       SELECT gen_random_uuid(), c.programme_id, c.id, 'WRITE_OFF', l.holder_id, $1, $2, 'LOST'
       FROM day_lost l JOIN carnet c ON c.id = l.id`,
      [manager.id, MANAGER],
    );
    await q(
      `UPDATE cheque q SET status = 'CANCELLED', cancellation_reason = 'LOST', status_changed_at = now()
       FROM day_lost l WHERE q.carnet_id = l.id AND q.status IN ('ISSUED', 'DISTRIBUTED')`,
    );
    await q(
      `INSERT INTO audit_event (actor_type, actor_id, actor_label, organisation_id, action, entity_type, entity_id,
                                before, after)
       SELECT 'USER', $1, $2, $3, 'carnet.cancelled', 'carnet', id::text, '{"status": "ACTIVE"}'::jsonb,
              '{"status": "CANCELLED", "reason": "LOST"}'::jsonb
       FROM day_lost`,
      [manager.id, MANAGER, manager.organisation_id],
    );
    return Number((await one(`SELECT count(*) AS n FROM day_lost`)).n);
  });
  written.events =
    written['hand-outs'] +
    written.redemptions +
    written['redemption cancellations'] +
    written['carnet cancellations'];
  return written;
}
