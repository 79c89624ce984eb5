import {
  addCalendarDays,
  type AgeBand,
  type BeneficiarySituation,
  type OnlineProcedure,
  periodOf,
  shiftPeriod,
  todayInParis,
} from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import type { Principal } from '#src/access/principal.js';
import { UsersService } from '#src/auth/users.service.js';
import { BeneficiariesService } from '#src/beneficiaries/beneficiaries.service.js';
import { DiagnosticsService } from '#src/beneficiaries/diagnostics.service.js';
import { HandOutsService } from '#src/beneficiaries/hand-outs.service.js';
import { ChequesService } from '#src/cheques/cheques.service.js';
import { AllocationsService } from '#src/communes/allocations.service.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { ExpiryService } from '#src/expiry/expiry.service.js';
import { PrintStore } from '#src/files/print-store.service.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { IssuanceService } from '#src/issuance/issuance.service.js';
import { RedemptionsService } from '#src/redemptions/redemptions.service.js';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { BatchGenerationService } from '#src/reimbursements/batch-generation.service.js';
import { BatchPaymentsService } from '#src/reimbursements/batch-payments.service.js';
import { BatchesService } from '#src/reimbursements/batches.service.js';
import { ReportRefreshService } from '#src/reporting/refresh/report-refresh.service.js';
import { DemoHistoryRepository } from '#src/seed/demo-history.repository.js';
import { createProgramme, issueCarnets, LENS, LIEVIN, principalOf } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * The programme reports (issue 14) on a scenario built here through the real services, then
 * dated in the past as the demo dates its own (every timestamp of a step moved to its day): two
 * communes, three structures, two venues, three months. Every expected figure is computed below
 * from the scenario's own definition (a model of each cheque's status, each carnet's holder, each
 * hand-out's and redemption's day), never from the reporting code or the store. Then: the store
 * follows a change at the next refresh; each role reads its scope; CSV and XLSX.
 */

const SERVICE_A = 'Aide aux démarches administratives';
const SERVICE_B = 'Maîtrise des outils numériques du quotidien';
const SERVICE_C = 'Utilisation sécurisée du numérique';
/** Amounts that leave remainders when split between the funders' shares. */
const FACE = 1037;
const BUDGET = 1_000_003;
const SHARES = { feder: 3333, agglo: 6667 };

type Structure = 'ccasLens' | 'jaures' | 'ccasLievin';
type Venue = 'epn' | 'mediatheque';
type Status = 'UNUSED' | 'REDEEMED' | 'IN_BATCH' | 'REIMBURSED' | 'EXPIRED' | 'CANCELLED';
type Holder =
  | { kind: 'PROGRAMME' }
  | { kind: 'COMMUNE'; insee: string }
  | { kind: 'PRESCRIBER'; structure: Structure }
  | { kind: 'BENEFICIARY'; person: number };

const STRUCTURE_COMMUNE: Record<Structure, string> = {
  ccasLens: LENS,
  jaures: LENS,
  ccasLievin: LIEVIN,
};

const today = todayInParis();
const M0 = periodOf(new Date());
const M1 = shiftPeriod(M0, -2);
const M2 = shiftPeriod(M0, -1);
const START = shiftPeriod(M0, -3);
const on = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}`;
const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** The people: where they live, who handed them a carnet, when, and what their diagnostic says. */
interface Person {
  carnet: number;
  structure: Structure;
  insee: string;
  situation: BeneficiarySituation;
  ageBand: AgeBand;
  services: string[];
  procedures: OnlineProcedure[];
  handedOutOn: string;
}
const PEOPLE: Person[] = [
  {
    carnet: 0,
    structure: 'ccasLens',
    insee: LENS,
    situation: 'RETRAITE',
    ageBand: '60_74',
    services: [SERVICE_A],
    procedures: ['CAF'],
    handedOutOn: on(M1, 5),
  },
  {
    carnet: 1,
    structure: 'ccasLens',
    insee: LENS,
    situation: 'MINIMA_SOCIAUX',
    ageBand: '26_44',
    services: [SERVICE_A, SERVICE_B],
    procedures: ['CAF', 'IMPOTS'],
    handedOutOn: on(M1, 5),
  },
  {
    carnet: 2,
    structure: 'ccasLens',
    insee: LENS,
    situation: 'DEMANDEUR_EMPLOI',
    ageBand: '45_59',
    services: [SERVICE_B],
    procedures: ['FRANCE_TRAVAIL'],
    handedOutOn: on(M1, 6),
  },
  {
    carnet: 3,
    structure: 'ccasLens',
    insee: LENS,
    situation: 'RETRAITE',
    ageBand: '75_PLUS',
    services: [],
    procedures: [],
    handedOutOn: on(M1, 6),
  },
  {
    carnet: 4,
    structure: 'ccasLens',
    insee: LIEVIN,
    situation: 'JEUNE',
    ageBand: 'UNDER_26',
    services: [SERVICE_B],
    procedures: [],
    handedOutOn: on(M2, 3),
  },
  {
    carnet: 6,
    structure: 'jaures',
    insee: LENS,
    situation: 'SALARIE',
    ageBand: '26_44',
    services: [SERVICE_C],
    procedures: ['ANTS'],
    handedOutOn: on(M2, 10),
  },
  {
    carnet: 10,
    structure: 'ccasLievin',
    insee: LIEVIN,
    situation: 'RETRAITE',
    ageBand: '60_74',
    services: [SERVICE_A],
    procedures: ['RETRAITE'],
    handedOutOn: on(M1, 7),
  },
  {
    carnet: 11,
    structure: 'ccasLievin',
    insee: LIEVIN,
    situation: 'MINIMA_SOCIAUX',
    ageBand: '45_59',
    services: [SERVICE_A],
    procedures: ['CAF'],
    handedOutOn: on(M2, 2),
  },
  {
    carnet: 12,
    structure: 'ccasLievin',
    insee: LIEVIN,
    situation: 'AUTRE',
    ageBand: '60_74',
    services: [],
    procedures: ['ENERGIE'],
    handedOutOn: on(M2, 2),
  },
  {
    carnet: 13,
    structure: 'ccasLievin',
    insee: LENS,
    situation: 'RETRAITE',
    ageBand: '60_74',
    services: [SERVICE_A],
    procedures: [],
    handedOutOn: on(M1, 8),
  },
];
/** Carnet 2 is lost and replaced by carnet 18, from the programme stock, on this day. */
const REPLACEMENT = { lost: 2, by: 18, on: on(M2, 20) };

/** Redemptions: the carnet, its cheques (positions 1..10), where, for what, when. */
interface Use {
  carnet: number;
  positions: number[];
  venue: Venue;
  service: string;
  participants: number;
  on: string;
  cancelled?: boolean;
}
const USES: Use[] = [
  {
    carnet: 0,
    positions: [1, 2, 3],
    venue: 'epn',
    service: SERVICE_A,
    participants: 1,
    on: on(M1, 12),
  },
  {
    carnet: 10,
    positions: [1, 2],
    venue: 'mediatheque',
    service: SERVICE_B,
    participants: 3,
    on: on(M1, 14),
  },
  { carnet: 13, positions: [1], venue: 'epn', service: SERVICE_A, participants: 1, on: on(M1, 20) },
  {
    carnet: 1,
    positions: [1],
    venue: 'mediatheque',
    service: SERVICE_A,
    participants: 1,
    on: on(M1, 25),
  },
  {
    carnet: 0,
    positions: [4, 5, 6, 7, 8, 9, 10],
    venue: 'epn',
    service: SERVICE_B,
    participants: 2,
    on: on(M2, 4),
  },
  {
    carnet: 4,
    positions: [1, 2],
    venue: 'mediatheque',
    service: SERVICE_B,
    participants: 1,
    on: on(M2, 9),
  },
  {
    carnet: 11,
    positions: [1],
    venue: 'epn',
    service: SERVICE_A,
    participants: 1,
    on: on(M2, 11),
    cancelled: true,
  },
  {
    carnet: 11,
    positions: [1, 2],
    venue: 'epn',
    service: SERVICE_C,
    participants: 1,
    on: on(M2, 15),
  },
  { carnet: 6, positions: [1, 2], venue: 'epn', service: SERVICE_A, participants: 1, on: today },
];

/**
 * The model: every carnet of the scenario (run A: offsets 0–19; run B: 100, 101), its holder,
 * whether it is active, and each cheque's status, as the scenario's steps leave them.
 */
class Model {
  readonly holders = new Map<number, Holder>();
  readonly cheques = new Map<number, Status[]>();
  readonly active = new Map<number, boolean>();
  /** The run of each carnet: A (valid 45 more days) or B (20). */
  readonly run = new Map<number, 'A' | 'B'>();

  constructor() {
    for (const offset of [...Array.from({ length: 20 }, (_, i) => i), 100, 101]) {
      this.cheques.set(
        offset,
        Array.from({ length: 10 }, (): Status => 'UNUSED'),
      );
      this.active.set(offset, true);
      this.run.set(offset, offset >= 100 ? 'B' : 'A');
      this.holders.set(offset, { kind: 'PROGRAMME' });
    }
    const to = (from: number, upTo: number, holder: Holder) => {
      for (let k = from; k <= upTo; k++) this.holders.set(k, holder);
    };
    to(0, 9, { kind: 'COMMUNE', insee: LENS });
    to(10, 17, { kind: 'COMMUNE', insee: LIEVIN });
    to(0, 5, { kind: 'PRESCRIBER', structure: 'ccasLens' });
    to(6, 7, { kind: 'PRESCRIBER', structure: 'jaures' });
    to(10, 14, { kind: 'PRESCRIBER', structure: 'ccasLievin' });
    PEOPLE.forEach((p, i) => this.holders.set(p.carnet, { kind: 'BENEFICIARY', person: i }));
    // Carnet 7 cancelled in the Jaurès' stock; carnet 2 cancelled at its beneficiary, replaced.
    this.cancelCarnet(7);
    this.cancelCarnet(REPLACEMENT.lost);
    this.holders.set(REPLACEMENT.by, this.holders.get(REPLACEMENT.lost)!);
    this.cheques.get(1)![9] = 'CANCELLED';
    // Carnet 3's cheques were valid until yesterday: expired.
    this.cheques.set(
      3,
      this.cheques.get(3)!.map((s) => (s === 'UNUSED' ? 'EXPIRED' : s)),
    );
    for (const use of USES.filter((u) => !u.cancelled)) {
      // M1's batch is paid, M2's generated (DRAFT), this month's redemptions wait.
      const status: Status = use.on.startsWith(M1)
        ? 'REIMBURSED'
        : use.on.startsWith(M2)
          ? 'IN_BATCH'
          : 'REDEEMED';
      for (const p of use.positions) this.cheques.get(use.carnet)![p - 1] = status;
    }
  }

  private cancelCarnet(offset: number): void {
    this.active.set(offset, false);
    this.cheques.set(
      offset,
      this.cheques.get(offset)!.map((s) => (s === 'UNUSED' ? 'CANCELLED' : s)),
    );
  }

  /** Handed-out carnets (a beneficiary holds or last held them), with their person. */
  handedOut(): { offset: number; person: Person; index: number }[] {
    return [...this.holders]
      .filter(([, h]) => h.kind === 'BENEFICIARY')
      .map(([offset, h]) => {
        const index = (h as { person: number }).person;
        return { offset, person: PEOPLE[index], index };
      });
  }

  count(offsets: number[], statuses: Status[]): number {
    return offsets.reduce(
      (n, o) => n + this.cheques.get(o)!.filter((s) => statuses.includes(s)).length,
      0,
    );
  }
}

const USED: Status[] = ['REDEEMED', 'IN_BATCH', 'REIMBURSED'];

/** Nearest rank, written again here: the smallest value reached by ⌈p·N⌉ sorted observations. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

/**
 * Largest remainder, written again here: each funder gets its exact quota of the cents rounded
 * down, then the cents left over go one each to the largest remainders (ties: the larger share,
 * then the funder listed first).
 */
const split = (cents: number): Record<keyof typeof SHARES, number> => {
  const funders = Object.entries(SHARES) as [keyof typeof SHARES, number][];
  const whole = funders.reduce((n, [, share]) => n + share, 0);
  const parts = funders.map(([funder, share], order) => ({
    funder,
    share,
    order,
    cents: Math.floor((cents * share) / whole),
    remainder: (cents * share) % whole,
  }));
  let left = cents - parts.reduce((n, p) => n + p.cents, 0);
  const ranked = [...parts].sort(
    (a, b) => b.remainder - a.remainder || b.share - a.share || a.order - b.order,
  );
  for (const part of ranked) if (left-- > 0) part.cents += 1;
  return Object.fromEntries(parts.map((p) => [p.funder, p.cents])) as Record<
    keyof typeof SHARES,
    number
  >;
};

const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('programme reports (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let programmeId: string;
  let programmeName: string;
  let structures: Record<Structure, string>;
  let venues: Record<Venue, string>;
  let funders: { feder: string; agglo: string };
  let population: Record<string, number>;
  const model = new Model();
  /** Carnet offset → id and its cheque numbers by position. */
  const carnets = new Map<number, { id: string; numbers: string[] }>();
  const persons: string[] = [];
  let lastRedemption: string;
  let paidLines: number;

  const report = async (session: Session, name: string, id = programmeId) =>
    (await t.http.get(`/api/v1/reports/programmes/${id}/${name}`).set(session.auth).expect(200))
      .body;
  const refresh = () => t.app.get(ReportRefreshService).refresh();

  beforeAll(async () => {
    t = await bootApp({ demoBatches: false });
    manager = await login(t.http, 'manager@demo.carnet.fr');
    const history = new DemoHistoryRepository(t.dataSource);
    /** Runs `step`, then moves everything it wrote to `day` at `minute` (France). */
    const at = async <T>(day: string, minute: number, step: () => Promise<T>): Promise<T> => {
      const from = await history.now();
      const result = await step();
      await history.moveInTime([{ from, to: await history.now(), day, minute }]);
      return result;
    };
    const asManager = await principalOf(t, 'manager@demo.carnet.fr');
    const agents: Record<Structure, Principal> = {
      ccasLens: await principalOf(t, 'prescriber@demo.carnet.fr'),
      jaures: await principalOf(t, 'agent.jaures@demo.carnet.fr'),
      ccasLievin: await principalOf(t, 'agent.ccas-lievin@demo.carnet.fr'),
    };
    const staff: Record<Venue, Principal> = {
      epn: await principalOf(t, 'venue@demo.carnet.fr'),
      mediatheque: await principalOf(t, 'mediateur@demo.carnet.fr'),
    };
    const byName = async (table: string, names: string[]) => {
      const rows = await t.dataSource.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM ${table} WHERE name = ANY($1)`,
        [names],
      );
      return names.map((n) => rows.find((r) => r.name === n)!.id);
    };
    const [ccasLens, jaures, ccasLievin] = await byName('prescriber', [
      'CCAS de Lens',
      'Centre social Jean Jaurès',
      'CCAS de Liévin',
    ]);
    structures = { ccasLens, jaures, ccasLievin };
    const [epn, mediatheque] = await byName('venue', [
      'Espace public numérique de Liévin',
      'Médiathèque Robert Cousin',
    ]);
    venues = { epn, mediatheque };
    const [feder, agglo] = await byName('funder', [
      'Union européenne — FEDER',
      "Communauté d'agglomération de Lens-Liévin",
    ]);
    funders = { feder, agglo };
    population = Object.fromEntries(
      (
        await t.dataSource.query<{ insee: string; population: number }[]>(
          `SELECT insee_code AS insee, population FROM commune WHERE insee_code = ANY($1)`,
          [[LENS, LIEVIN]],
        )
      ).map((r) => [r.insee, r.population]),
    );

    // The programme: funded by the FEDER and the agglomeration (not the State: funder@'s), Lens
    // and Liévin enrolled, 15 carnets allocated to each, cheques valid 45 more days.
    programmeName = 'Programme des rapports';
    programmeId = (
      await createProgramme(t, {
        programme: {
          name: programmeName,
          startDate: `${START}-01`,
          endDate: addCalendarDays(today, 45),
          validityEndDate: addCalendarDays(today, 45),
          graceDays: 0,
          budgetCents: BUDGET,
          faceValueCents: FACE,
          payableServices: [SERVICE_A, SERVICE_B, SERVICE_C],
        },
        shares: [
          { funderId: feder, basisPoints: SHARES.feder },
          { funderId: agglo, basisPoints: SHARES.agglo },
        ],
        enrol: [LENS, LIEVIN],
      })
    ).id;
    const allocations = t.app.get(AllocationsService);
    await allocations.setCriteria(asManager, programmeId, [
      { inseeCode: LENS, criteria: { population: 1 } },
      { inseeCode: LIEVIN, criteria: { population: 1 } },
    ]);
    await allocations.allocate(
      asManager,
      programmeId,
      { totalCarnets: 30, fixedPerCommune: 15, weights: { population: 1 } },
      false,
    );
    const runA = await issueCarnets(t, programmeId, 20);
    await t.app
      .get(ProgrammesService)
      .update(asManager, programmeId, { validityEndDate: addCalendarDays(today, 20) });
    const runB = await issueCarnets(t, programmeId, 2);
    const serial = (offset: number) =>
      offset >= 100 ? runB.firstSerial + offset - 100 : runA.firstSerial + offset;

    // The security codes, from the runs' print files (as printed on paper).
    const codes = new Map<string, string>();
    for (const run of [runA, runB]) {
      const issued = await t.app.get(IssuanceService).get(asManager, run.id);
      const file = await t.app.get(PrintStore).find(run.id, issued.printGeneration, 'CSV');
      const chunks: Buffer[] = [];
      for await (const chunk of t.app.get(PrintStore).read(file!.id)) chunks.push(chunk);
      for (const row of parse<{ chequeNumber: string; securityCode: string }>(
        Buffer.concat(chunks),
        { columns: true },
      ))
        codes.set(row.chequeNumber, row.securityCode);
    }
    for (const offset of model.cheques.keys()) {
      const rows = await t.dataSource.query<{ id: string; number: string }[]>(
        `SELECT k.id, q.number FROM carnet k JOIN cheque q ON q.carnet_id = k.id
         WHERE k.serial = $1 ORDER BY q.position`,
        [serial(offset)],
      );
      carnets.set(offset, { id: rows[0].id, numbers: rows.map((r) => r.number) });
    }

    const custody = t.app.get(CustodyService);
    const move = (from: number, to: number, holder: object) =>
      custody.transfer(
        asManager,
        { serialFrom: serial(from), serialTo: serial(to) },
        holder as never,
        null,
      );
    await at(on(START, 20), 9 * 60, async () => {
      await move(0, 9, { kind: 'COMMUNE', inseeCode: LENS });
      await move(10, 17, { kind: 'COMMUNE', inseeCode: LIEVIN });
      await move(0, 5, { kind: 'PRESCRIBER', prescriberId: ccasLens });
      await move(6, 7, { kind: 'PRESCRIBER', prescriberId: jaures });
      await move(10, 14, { kind: 'PRESCRIBER', prescriberId: ccasLievin });
    });

    // The hand-outs, each on its day.
    for (const [i, person] of PEOPLE.entries()) {
      const agent = agents[person.structure];
      await at(person.handedOutOn, 10 * 60 + i, async () => {
        const created = await t.app.get(BeneficiariesService).create(agent, {
          programmeId,
          inseeCode: person.insee,
          ageBand: person.ageBand,
          situation: person.situation,
          address: `${i + 1} rue des Rapports, ${person.insee}`,
        });
        persons.push(created.id);
        const diagnostic = await t.app.get(DiagnosticsService).create(agent, created.id, {
          services: person.services,
          procedures: person.procedures,
          autonomy: 2,
          equipment: ['PHONE'],
        });
        await t.app
          .get(HandOutsService)
          .handOutOnce(
            agent,
            created.id,
            { carnetSerial: String(serial(person.carnet)), diagnosticId: diagnostic.id },
            null,
          );
      });
    }

    // The redemptions, each on its day (the cancelled one cancelled at once); today's stays.
    const redemptions = t.app.get(RedemptionsService);
    for (const use of USES) {
      const redeem = async () => {
        const { body } = await redemptions.redeemOnce(
          staff[use.venue],
          {
            venueId: venues[use.venue],
            cheques: use.positions.map((p) => {
              const number = carnets.get(use.carnet)!.numbers[p - 1];
              return { number, securityCode: codes.get(number)! };
            }),
            service: use.service,
            serviceDate: use.on,
            durationMinutes: 60,
            participants: use.participants,
          },
          null,
        );
        if (use.cancelled) await redemptions.cancel(staff[use.venue], body.id);
        lastRedemption = body.id;
      };
      if (use.on === today) await redeem();
      else await at(use.on, 16 * 60, redeem);
    }
    await history.realignPeriods(programmeId);

    // Carnet 2 lost and replaced; carnet 7 damaged in the Jaurès' stock; a cheque of carnet 1
    // lost; carnet 3's cheques valid until yesterday, expired by the nightly job.
    const cheques = t.app.get(ChequesService);
    await at(REPLACEMENT.on, 11 * 60, async () => {
      await cheques.cancelCarnet(asManager, carnets.get(REPLACEMENT.lost)!.id, {
        reason: 'LOST',
        comment: null,
      });
      await cheques.replace(asManager, carnets.get(REPLACEMENT.lost)!.id);
    });
    await cheques.cancelCarnet(asManager, carnets.get(7)!.id, { reason: 'DAMAGED', comment: null });
    await cheques.cancelCheque(asManager, carnets.get(1)!.numbers[9], {
      reason: 'LOST',
      comment: null,
    });
    await t.dataSource.query(`UPDATE cheque SET valid_until = $2 WHERE carnet_id = $1`, [
      carnets.get(3)!.id,
      addCalendarDays(today, -1),
    ]);
    await t.app.get(ExpiryService).expire();

    // M1's batch paid today, M2's generated and waiting for approval.
    const finance = await principalOf(t, 'finance@demo.carnet.fr');
    const finance2 = await principalOf(t, 'finance2@demo.carnet.fr');
    const batches = t.app.get(BatchesService);
    const paid = (await batches.createOnce(finance, { programmeId, period: M1 }, null)).body;
    await t.app.get(BatchGenerationService).generate(paid.id);
    await batches.approve(finance2, paid.id);
    await t.app.get(BatchExportService).request(finance, paid.id, today);
    await t.app.get(BatchExportService).export(paid.id);
    const lines = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM reimbursement_line WHERE batch_id = $1 AND status = 'PAYABLE'`,
      [paid.id],
    );
    paidLines = lines.length;
    await t.app.get(BatchPaymentsService).recordOnce(
      finance,
      paid.id,
      lines.map((l) => ({ lineId: l.id, status: 'PAID' as const, paidOn: today })),
      null,
    );
    const waiting = (await batches.createOnce(finance, { programmeId, period: M2 }, null)).body;
    await t.app.get(BatchGenerationService).generate(waiting.id);

    await refresh();
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  // ---------------------------------------------------------------------------------------------
  // What the model says

  const handedOut = () => model.handedOut();
  const offsetsOf = (rows: { offset: number }[]) => rows.map((r) => r.offset);
  /** The carnet's first active redemption day, if any. */
  const firstUse = (offset: number): string | undefined =>
    USES.filter((u) => u.carnet === offset && !u.cancelled)
      .map((u) => u.on)
      .sort()[0];
  /** Hand-out day of a handed-out carnet (the replacement: the day it was given). */
  const handOutDay = (offset: number, person: Person) =>
    offset === REPLACEMENT.by ? REPLACEMENT.on : person.handedOutOn;
  const delays = (rows: { offset: number; person: Person }[]) =>
    rows.flatMap(({ offset, person }) => {
      const first = firstUse(offset);
      return first ? [days(handOutDay(offset, person), first)] : [];
    });
  const originFigures = (rows: { offset: number; person: Person; index: number }[]) => {
    const offsets = offsetsOf(rows);
    const used = model.count(offsets, USED);
    return {
      handedOut: rows.length,
      households: new Set(rows.map((r) => r.index)).size,
      started: offsets.filter((o) => model.count([o], USED) > 0).length,
      completed: offsets.filter((o) => model.count([o], USED) === 10).length,
      usedCheques: used,
      usedCents: used * FACE,
      cheques: offsets.length * 10,
    };
  };
  const rate = (used: number, cheques: number) =>
    cheques === 0 ? null : Math.round((used / cheques) * 10_000) / 10_000;

  it('sums up the programme: carnets, cheques, households, amounts per funder, first use, expiry', async () => {
    const body = await report(manager, 'summary');
    const all = [...model.cheques.keys()];
    const out = handedOut();
    const used = model.count(all, USED);
    const expired = model.count(all, ['EXPIRED']);
    const cancelled = model.count(all, ['CANCELLED']);
    const holdersOf = (kind: Holder['kind']) =>
      [...model.holders].filter(([o, h]) => h.kind === kind && model.active.get(o)).length;
    expect(body).toMatchObject({
      programmeId,
      programmeName,
      scope: { kind: 'PROGRAMME' },
      carnets: {
        issued: 22,
        allocated: 30,
        atProgramme: holdersOf('PROGRAMME'),
        atCommunes: holdersOf('COMMUNE'),
        atPrescribers: holdersOf('PRESCRIBER'),
        handedOut: out.length,
        started: originFigures(out).started,
        completed: originFigures(out).completed,
      },
      cheques: {
        issued: 220,
        unused: model.count(all, ['UNUSED']),
        redeemed: model.count(all, ['REDEEMED']),
        inBatch: model.count(all, ['IN_BATCH']),
        reimbursed: model.count(all, ['REIMBURSED']),
        expired,
        cancelled,
        used,
        redemptionRate: rate(used, out.length * 10),
      },
    });
    // The figures of the scenario, by hand, so that the model itself is checked once.
    expect(body.carnets).toMatchObject({ atProgramme: 3, atCommunes: 5, atPrescribers: 2 });
    expect(body.cheques).toMatchObject({ used: 20, expired: 10, cancelled: 21, unused: 169 });
    expect(new Date(body.asOf).getTime()).toBeGreaterThan(Date.now() - 600_000);

    // Households: ten people, one with two carnets (the lost one and its replacement).
    expect(body.households.total).toBe(PEOPLE.length);
    const bySituation = new Map<string, number>();
    const byAge = new Map<string, number>();
    for (const p of PEOPLE) {
      bySituation.set(p.situation, (bySituation.get(p.situation) ?? 0) + 1);
      byAge.set(p.ageBand, (byAge.get(p.ageBand) ?? 0) + 1);
    }
    expect(
      Object.fromEntries(
        body.households.bySituation.map((s: { situation: string; households: number }) => [
          s.situation,
          s.households,
        ]),
      ),
    ).toEqual(Object.fromEntries(bySituation));
    expect(
      Object.fromEntries(
        body.households.byAgeBand.map((s: { ageBand: string; households: number }) => [
          s.ageBand,
          s.households,
        ]),
      ),
    ).toEqual(Object.fromEntries(byAge));

    // Money: committed is every cheque issued but the cancelled and expired ones.
    const committed = (220 - cancelled - expired) * FACE;
    const paidCents = USES.filter((u) => !u.cancelled && u.on.startsWith(M1)).reduce(
      (n, u) => n + u.positions.length * FACE,
      0,
    );
    expect(paidLines).toBe(2);
    expect(body.amounts).toEqual({
      budgetCents: BUDGET,
      committedCents: committed,
      redeemedCents: used * FACE,
      paidCents,
      remainingCents: BUDGET - committed,
    });
    // The larger share first.
    expect(body.byFunder).toEqual([
      {
        funderId: funders.agglo,
        funderName: "Communauté d'agglomération de Lens-Liévin",
        basisPoints: SHARES.agglo,
        committedCents: split(committed).agglo,
        redeemedCents: split(used * FACE).agglo,
        paidCents: split(paidCents).agglo,
      },
      {
        funderId: funders.feder,
        funderName: 'Union européenne — FEDER',
        basisPoints: SHARES.feder,
        committedCents: split(committed).feder,
        redeemedCents: split(used * FACE).feder,
        paidCents: split(paidCents).feder,
      },
    ]);
    for (const key of ['committedCents', 'redeemedCents', 'paidCents'] as const) {
      expect(body.byFunder.reduce((n: number, f: Record<string, number>) => n + f[key], 0)).toBe(
        body.amounts[key],
      );
    }

    // First use: days from hand-out to first active redemption, median and p90 by nearest rank.
    const observed = delays(out);
    expect(body.firstUse).toEqual({
      carnets: observed.length,
      medianDays: nearestRank(observed, 0.5),
      p90Days: nearestRank(observed, 0.9),
    });
    expect(observed).toHaveLength(7);

    // Expiry: run A's unused cheques of active carnets end in 45 days, run B's in 20.
    const unusedOfRun = (run: 'A' | 'B') =>
      model.count(
        all.filter((o) => model.run.get(o) === run && model.active.get(o)),
        ['UNUSED'],
      );
    expect(body.expiry).toEqual([
      { withinDays: 30, cheques: unusedOfRun('B'), cents: unusedOfRun('B') * FACE },
      { withinDays: 60, cheques: unusedOfRun('A'), cents: unusedOfRun('A') * FACE },
      { withinDays: 90, cheques: 0, cents: 0 },
    ]);
  });

  it('breaks the programme down by commune of residence, with stocks and rates per 1,000', async () => {
    const body = await report(manager, 'by-commune');
    const rows = new Map(body.rows.map((r: { inseeCode: string }) => [r.inseeCode, r]));
    expect([...rows.keys()].sort()).toEqual([LENS, LIEVIN].sort());
    for (const insee of [LENS, LIEVIN]) {
      const mine = handedOut().filter((h) => h.person.insee === insee);
      const figures = originFigures(mine);
      const stock = [...model.holders].filter(
        ([o, h]) =>
          model.active.get(o) &&
          ((h.kind === 'COMMUNE' && h.insee === insee) ||
            (h.kind === 'PRESCRIBER' && STRUCTURE_COMMUNE[h.structure] === insee)),
      ).length;
      const received = [...model.holders].filter(([o]) =>
        insee === LENS ? o >= 0 && o <= 9 : o >= 10 && o <= 17,
      ).length;
      const per1000 = (n: number) => Math.round((n * 1000 * 100) / population[insee]) / 100;
      expect(rows.get(insee)).toMatchObject({
        communeName: insee === LENS ? 'Lens' : 'Liévin',
        population: population[insee],
        allocated: 15,
        received,
        stock,
        handedOut: figures.handedOut,
        households: figures.households,
        started: figures.started,
        completed: figures.completed,
        usedCheques: figures.usedCheques,
        usedCents: figures.usedCents,
        handedOutPer1000: per1000(figures.handedOut),
        usedChequesPer1000: per1000(figures.usedCheques),
        redemptionRate: rate(figures.usedCheques, figures.cheques),
        firstUseMedianDays: nearestRank(delays(mine), 0.5),
      });
    }
    expect(rows.get(LENS)).toMatchObject({ handedOut: 7, households: 6, stock: 3, received: 10 });
  });

  it('breaks it down by structure that handed the carnets out', async () => {
    const body = await report(manager, 'by-prescriber');
    expect(body.rows).toHaveLength(3);
    for (const structure of ['ccasLens', 'jaures', 'ccasLievin'] as Structure[]) {
      const mine = handedOut().filter((h) => h.person.structure === structure);
      const figures = originFigures(mine);
      const row = body.rows.find(
        (r: { prescriberId: string }) => r.prescriberId === structures[structure],
      );
      expect(row).toMatchObject({
        inseeCode: STRUCTURE_COMMUNE[structure],
        stock: [...model.holders].filter(
          ([o, h]) => model.active.get(o) && h.kind === 'PRESCRIBER' && h.structure === structure,
        ).length,
        handedOut: figures.handedOut,
        households: figures.households,
        started: figures.started,
        completed: figures.completed,
        usedCheques: figures.usedCheques,
        usedCents: figures.usedCents,
        redemptionRate: rate(figures.usedCheques, figures.cheques),
        firstUseMedianDays: nearestRank(delays(mine), 0.5),
        firstUseP90Days: nearestRank(delays(mine), 0.9),
      });
    }
    const ccas = body.rows.find((r: { name: string }) => r.name === 'CCAS de Lens');
    expect(ccas).toMatchObject({ type: 'CCAS', communeName: 'Lens', handedOut: 6, households: 5 });
  });

  it('breaks it down by venue, service and need', async () => {
    const active = USES.filter((u) => !u.cancelled);
    const venueRows = (await report(manager, 'by-venue')).rows as Record<string, unknown>[];
    for (const venue of ['epn', 'mediatheque'] as Venue[]) {
      const mine = active.filter((u) => u.venue === venue);
      const cheques = mine.reduce((n, u) => n + u.positions.length, 0);
      expect(venueRows.find((r) => r.venueId === venues[venue])).toMatchObject({
        redemptions: mine.length,
        cheques,
        amountCents: cheques * FACE,
        participants: mine.reduce((n, u) => n + u.participants, 0),
        services: new Set(mine.map((u) => u.service)).size,
        paidCents: mine
          .filter((u) => u.on.startsWith(M1))
          .reduce((n, u) => n + u.positions.length * FACE, 0),
      });
    }
    // Other qualified venues serving Lens or Liévin are listed, without activity.
    const others = venueRows.filter(
      (r) => ![venues.epn, venues.mediatheque].includes(r.venueId as string),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(r).toMatchObject({ redemptions: 0, cheques: 0, paidCents: 0 });
    expect(venueRows.find((r) => r.venueId === venues.epn)).toMatchObject({
      name: 'Espace public numérique de Liévin',
      inseeCode: LIEVIN,
      communeName: 'Liévin',
      latitude: 50.4229,
    });

    const services = (await report(manager, 'by-service')).rows;
    const expected = [SERVICE_A, SERVICE_B, SERVICE_C].map((service) => {
      const mine = active.filter((u) => u.service === service);
      const cheques = mine.reduce((n, u) => n + u.positions.length, 0);
      return {
        service,
        redemptions: mine.length,
        cheques,
        amountCents: cheques * FACE,
        venues: new Set(mine.map((u) => u.venue)).size,
      };
    });
    expect(services).toEqual(
      expected.sort((a, b) => b.cheques - a.cheques || a.service.localeCompare(b.service)),
    );

    const needs = (await report(manager, 'by-need')).rows as {
      kind: string;
      need: string;
      carnets: number;
      usedCheques: number;
    }[];
    const expectedNeeds = new Map<string, { carnets: number; usedCheques: number }>();
    for (const { offset, person } of handedOut()) {
      const keys = [
        ...person.services.map((s) => `SERVICE|${s}`),
        ...person.procedures.map((p) => `PROCEDURE|${p}`),
      ];
      for (const key of keys.length ? keys : ['NONE|']) {
        const seen = expectedNeeds.get(key) ?? { carnets: 0, usedCheques: 0 };
        seen.carnets += 1;
        seen.usedCheques += model.count([offset], USED);
        expectedNeeds.set(key, seen);
      }
    }
    expect(
      Object.fromEntries(
        needs.map((n) => [
          `${n.kind}|${n.need}`,
          { carnets: n.carnets, usedCheques: n.usedCheques },
        ]),
      ),
    ).toEqual(Object.fromEntries(expectedNeeds));
    // Services first, then procedures, then none.
    expect(needs.map((n) => n.kind)).toEqual(
      [...needs.map((n) => n.kind)].sort(
        (a, b) =>
          ['SERVICE', 'PROCEDURE', 'NONE'].indexOf(a) - ['SERVICE', 'PROCEDURE', 'NONE'].indexOf(b),
      ),
    );
  });

  it('splits the money between funders, reconciling to the cent with the summary', async () => {
    const [summary, body] = await Promise.all([
      report(manager, 'summary'),
      report(manager, 'by-funder'),
    ]);
    expect(body.rows).toEqual([
      {
        funderId: funders.agglo,
        funderName: "Communauté d'agglomération de Lens-Liévin",
        kind: 'EPCI',
        basisPoints: SHARES.agglo,
        budgetCents: split(BUDGET).agglo,
        committedCents: split(summary.amounts.committedCents).agglo,
        redeemedCents: split(summary.amounts.redeemedCents).agglo,
        paidCents: split(summary.amounts.paidCents).agglo,
      },
      {
        funderId: funders.feder,
        funderName: 'Union européenne — FEDER',
        kind: 'EU_FUND',
        basisPoints: SHARES.feder,
        budgetCents: split(BUDGET).feder,
        committedCents: split(summary.amounts.committedCents).feder,
        redeemedCents: split(summary.amounts.redeemedCents).feder,
        paidCents: split(summary.amounts.paidCents).feder,
      },
    ]);
    for (const key of ['budgetCents', 'committedCents', 'redeemedCents', 'paidCents'] as const) {
      expect(body.rows.reduce((n: number, f: Record<string, number>) => n + f[key], 0)).toBe(
        summary.amounts[key],
      );
    }
  });

  it('lists every month from the start to this one, zeros included', async () => {
    const body = await report(manager, 'timeseries');
    const active = USES.filter((u) => !u.cancelled);
    const months = [START, M1, M2, M0];
    expect(body.rows.map((r: { period: string }) => r.period)).toEqual(months);
    for (const period of months) {
      const uses = active.filter((u) => u.on.startsWith(period));
      const cheques = uses.reduce((n, u) => n + u.positions.length, 0);
      expect(body.rows.find((r: { period: string }) => r.period === period)).toEqual({
        period,
        handedOut: handedOut().filter(({ offset, person }) =>
          handOutDay(offset, person).startsWith(period),
        ).length,
        usedCheques: cheques,
        redemptions: uses.length,
        amountCents: cheques * FACE,
        // M1's batch was paid today.
        paidCents:
          period === M0
            ? active
                .filter((u) => u.on.startsWith(M1))
                .reduce((n, u) => n + u.positions.length, 0) * FACE
            : 0,
      });
    }
  });

  it('lists no month for a programme that has not started', async () => {
    const next = shiftPeriod(M0, 2);
    const later = await createProgramme(t, {
      programme: { name: 'Programme à venir', startDate: `${next}-01`, endDate: `${next}-28` },
      shares: [{ funderId: funders.agglo, basisPoints: 10_000 }],
    });
    const body = await report(manager, 'timeseries', later.id);
    expect(body).toMatchObject({ programmeId: later.id, rows: [] });
  });

  it('shows what expires in the next 30, 60, 90 days and where it sits', async () => {
    const body = await report(manager, 'expiry-outlook');
    const expected = new Map<string, number>();
    for (const [offset, holder] of model.holders) {
      if (!model.active.get(offset)) continue;
      const unused = model.count([offset], ['UNUSED']);
      if (unused === 0) continue;
      const within = model.run.get(offset) === 'B' ? 30 : 60;
      const place =
        holder.kind === 'PROGRAMME'
          ? 'PROGRAMME||'
          : holder.kind === 'COMMUNE'
            ? `COMMUNE|${holder.insee}|`
            : holder.kind === 'PRESCRIBER'
              ? `PRESCRIBER|${STRUCTURE_COMMUNE[holder.structure]}|${structures[holder.structure]}`
              : `BENEFICIARY|${PEOPLE[holder.person].insee}|${structures[PEOPLE[holder.person].structure]}`;
      const key = `${within}|${place}`;
      expected.set(key, (expected.get(key) ?? 0) + unused);
    }
    const rows = body.rows as {
      withinDays: number;
      holderKind: string;
      inseeCode: string | null;
      prescriberId: string | null;
      cheques: number;
      cents: number;
    }[];
    expect(
      Object.fromEntries(
        rows.map((r) => [
          `${r.withinDays}|${r.holderKind}|${r.inseeCode ?? ''}|${r.prescriberId ?? ''}`,
          r.cheques,
        ]),
      ),
    ).toEqual(Object.fromEntries(expected));
    for (const r of rows) expect(r.cents).toBe(r.cheques * FACE);
    expect(rows.find((r) => r.holderKind === 'COMMUNE' && r.inseeCode === LENS)).toMatchObject({
      communeName: 'Lens',
      prescriberId: null,
    });
  });

  it('follows a change at the next refresh: a hand-out, redemptions, a cancellation; asOf moves', async () => {
    const before = await report(manager, 'summary');
    const agent = await principalOf(t, 'prescriber@demo.carnet.fr');
    const person = await t.app.get(BeneficiariesService).create(agent, {
      programmeId,
      inseeCode: LENS,
      ageBand: '45_59',
      situation: 'SALARIE',
      address: '99 rue des Rapports, 62300 Lens',
    });
    const diagnostic = await t.app.get(DiagnosticsService).create(agent, person.id, {
      services: [SERVICE_A],
      procedures: [],
      autonomy: 3,
      equipment: ['COMPUTER'],
    });
    const serialOf5 = (
      await t.dataSource.query<{ serial: number }[]>(
        `SELECT serial::int AS serial FROM carnet WHERE id = $1`,
        [carnets.get(5)!.id],
      )
    )[0].serial;
    await t.app
      .get(HandOutsService)
      .handOutOnce(
        agent,
        person.id,
        { carnetSerial: String(serialOf5), diagnosticId: diagnostic.id },
        null,
      );
    // Today's redemption of carnet 6 is cancelled by its venue.
    const epn = await principalOf(t, 'venue@demo.carnet.fr');
    await t.app.get(RedemptionsService).cancel(epn, lastRedemption);

    // Nothing moves until the store is refreshed.
    expect((await report(manager, 'summary')).carnets.handedOut).toBe(before.carnets.handedOut);
    await refresh();
    const after = await report(manager, 'summary');
    expect(new Date(after.asOf).getTime()).toBeGreaterThan(new Date(before.asOf).getTime());
    expect(after.carnets).toMatchObject({
      handedOut: before.carnets.handedOut + 1,
      started: before.carnets.started - 1,
      atPrescribers: before.carnets.atPrescribers - 1,
    });
    expect(after.cheques).toMatchObject({
      used: before.cheques.used - 2,
      redeemed: before.cheques.redeemed - 2,
      redemptionRate: rate(before.cheques.used - 2, (before.carnets.handedOut + 1) * 10),
    });
    expect(after.households.total).toBe(before.households.total + 1);
    expect(after.amounts.redeemedCents).toBe(before.amounts.redeemedCents - 2 * FACE);
    const series = (await report(manager, 'timeseries')).rows;
    expect(series.find((r: { period: string }) => r.period === M0)).toMatchObject({
      handedOut: 1,
      usedCheques: 0,
      redemptions: 0,
    });
    const lens = (await report(manager, 'by-commune')).rows.find(
      (r: { inseeCode: string }) => r.inseeCode === LENS,
    );
    expect(lens).toMatchObject({ handedOut: 8, households: 7 });
  });

  describe('scope', () => {
    it('lets the programme team read everything, as the programme', async () => {
      for (const email of ['admin', 'finance']) {
        const session = await login(t.http, `${email}@demo.carnet.fr`);
        const body = await report(session, 'by-funder');
        expect(body.scope).toEqual({ kind: 'PROGRAMME' });
        expect(body.rows).toHaveLength(2);
      }
    });

    it('lets a funder read the programmes it funds only, 404 for the others', async () => {
      const state = await login(t.http, 'funder@demo.carnet.fr');
      for (const name of ['summary', 'by-funder', 'by-commune']) {
        const refused = await t.http
          .get(`/api/v1/reports/programmes/${programmeId}/${name}`)
          .set(state.auth)
          .expect(404);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body.code).toBe('PROGRAMME_NOT_FOUND');
      }
      const demo = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data.find(
        (p: { name: string }) => p.name === 'Pass numérique Lens-Liévin 2026-2027',
      ).id as string;
      expect((await report(state, 'summary', demo)).scope).toEqual({ kind: 'PROGRAMME' });

      const [feder] = await t.dataSource.query<{ organisationId: string }[]>(
        `SELECT organisation_id AS "organisationId" FROM funder WHERE id = $1`,
        [funders.feder],
      );
      await t.app.get(UsersService).create(await principalOf(t, 'admin@demo.carnet.fr'), {
        email: 'feder.viewer@example.org',
        displayName: 'Chargée de mission FEDER',
        password: 'a-long-enough-password',
        role: 'FUNDER_VIEWER',
        organisationId: feder.organisationId,
      });
      const viewer = await login(t.http, 'feder.viewer@example.org', 'a-long-enough-password');
      const byFunder = await report(viewer, 'by-funder');
      expect(byFunder.rows.map((r: { funderId: string }) => r.funderId)).toEqual([
        funders.agglo,
        funders.feder,
      ]);
      expect((await report(viewer, 'summary')).amounts.budgetCents).toBe(BUDGET);
      // The FEDER funds the demo's programme too, not one funded by the agglomeration alone.
      expect((await report(viewer, 'summary', demo)).scope).toEqual({ kind: 'PROGRAMME' });
      const aggloOnly = await createProgramme(t, {
        programme: { name: 'Programme sans le FEDER' },
        shares: [{ funderId: funders.agglo, basisPoints: 10_000 }],
      });
      const refused = await t.http
        .get(`/api/v1/reports/programmes/${aggloOnly.id}/by-funder`)
        .set(viewer.auth)
        .expect(404);
      expect(refused.body.code).toBe('PROGRAMME_NOT_FOUND');
    });

    it("reads a commune's residents, stock and venues for its référent, 404 on by-funder", async () => {
      const referent = await login(t.http, 'commune@demo.carnet.fr');
      const residents = model.handedOut().filter((h) => h.person.insee === LENS);
      // Since the change test: carnet 5 handed out to a Lens resident, unused; carnet 6's two
      // cheques of today back to unused (its redemption cancelled).
      const figures = originFigures(residents);
      const summary = await report(referent, 'summary');
      expect(summary.scope).toEqual({ kind: 'COMMUNE', inseeCode: LENS, communeName: 'Lens' });
      expect(summary.amounts).toBeNull();
      expect(summary.byFunder).toBeNull();
      expect(summary.carnets).toMatchObject({
        issued: null,
        allocated: 15,
        atProgramme: null,
        atCommunes: 2,
        // The CCAS de Lens handed its last carnet out in the change test.
        atPrescribers: 0,
        handedOut: figures.handedOut + 1,
        started: figures.started - 1,
        completed: figures.completed,
      });
      const offsets = offsetsOf(residents);
      expect(summary.cheques).toEqual({
        issued: figures.cheques + 10,
        unused: model.count(offsets, ['UNUSED']) + 10 + 2,
        redeemed: model.count(offsets, ['REDEEMED']) - 2,
        inBatch: model.count(offsets, ['IN_BATCH']),
        reimbursed: model.count(offsets, ['REIMBURSED']),
        expired: model.count(offsets, ['EXPIRED']),
        cancelled: model.count(offsets, ['CANCELLED']),
        used: figures.usedCheques - 2,
        redemptionRate: rate(figures.usedCheques - 2, figures.cheques + 10),
      });

      const communes = (await report(referent, 'by-commune')).rows;
      expect(communes.map((r: { inseeCode: string }) => r.inseeCode)).toEqual([LENS]);

      // Structures: those it sees by name, the CCAS de Liévin (which does not serve Lens) in one
      // row of its own with the carnet it handed to a Lens resident.
      const byStructure = (await report(referent, 'by-prescriber')).rows as Record<
        string,
        unknown
      >[];
      expect(byStructure.map((r) => r.prescriberId)).toEqual(
        expect.arrayContaining([structures.ccasLens, structures.jaures, null]),
      );
      expect(JSON.stringify(byStructure)).not.toContain(structures.ccasLievin);
      expect(byStructure.find((r) => r.prescriberId === null)).toMatchObject({
        name: 'Autres structures',
        stock: null,
        handedOut: 1,
        usedCheques: model.count([13], USED),
      });
      const outlook = await report(referent, 'expiry-outlook');
      expect(JSON.stringify(outlook)).not.toContain(structures.ccasLievin);
      expect(outlook.rows.every((r: { inseeCode: string }) => r.inseeCode === LENS)).toBe(true);

      // Venues located in Lens only: the médiathèque, not the EPN of Liévin; their activity, not
      // their money (paid for the residents of every commune).
      const venueRows = (await report(referent, 'by-venue')).rows as Record<string, unknown>[];
      const venueIds = venueRows.map((r) => r.venueId);
      expect(venueIds).toContain(venues.mediatheque);
      expect(venueIds).not.toContain(venues.epn);
      const mediatheque = venueRows.find((r) => r.venueId === venues.mediatheque)!;
      expect(mediatheque.redemptions).toBeGreaterThan(0);
      for (const row of venueRows)
        expect(row).toMatchObject({ amountCents: null, paidCents: null });

      // What its residents' cheques paid for, by their carnets' origin.
      const services = (await report(referent, 'by-service')).rows;
      const lensUses = USES.filter(
        (u) => !u.cancelled && residents.some((h) => h.offset === u.carnet) && u.on !== today,
      );
      for (const row of services) {
        expect(row.redemptions).toBeNull();
        expect(row.cheques).toBe(
          lensUses
            .filter((u) => u.service === row.service)
            .reduce((n, u) => n + u.positions.length, 0),
        );
      }
      const series = (await report(referent, 'timeseries')).rows;
      expect(series.find((r: { period: string }) => r.period === M1)).toMatchObject({
        usedCheques: lensUses
          .filter((u) => u.on.startsWith(M1))
          .reduce((n, u) => n + u.positions.length, 0),
        redemptions: null,
        paidCents: null,
      });

      const refused = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/by-funder`)
        .set(referent.auth)
        .expect(404);
      expect(refused.body.code).toBe('PROGRAMME_NOT_FOUND');
    });

    it("reads a venue's own activity for its staff, 404 on every other report", async () => {
      const staff = await login(t.http, 'venue@demo.carnet.fr');
      const active = USES.filter((u) => !u.cancelled && u.venue === 'epn' && u.on !== today);
      const byVenue = await report(staff, 'by-venue');
      expect(byVenue.scope).toMatchObject({ kind: 'VENUE', venueId: venues.epn });
      expect(byVenue.rows).toHaveLength(1);
      expect(byVenue.rows[0]).toMatchObject({
        venueId: venues.epn,
        redemptions: active.length,
        cheques: active.reduce((n, u) => n + u.positions.length, 0),
      });
      const services = (await report(staff, 'by-service')).rows;
      expect(services.every((r: { venues: number }) => r.venues === 1)).toBe(true);
      expect(services.reduce((n: number, r: { cheques: number }) => n + r.cheques, 0)).toBe(
        active.reduce((n, u) => n + u.positions.length, 0),
      );
      const series = (await report(staff, 'timeseries')).rows;
      expect(series.every((r: { handedOut: unknown }) => r.handedOut === null)).toBe(true);
      expect(series.find((r: { period: string }) => r.period === M0).paidCents).toBe(
        USES.filter((u) => u.venue === 'epn' && u.on.startsWith(M1)).reduce(
          (n, u) => n + u.positions.length * FACE,
          0,
        ),
      );
      for (const name of [
        'summary',
        'by-commune',
        'by-prescriber',
        'by-need',
        'by-funder',
        'expiry-outlook',
      ]) {
        const refused = await t.http
          .get(`/api/v1/reports/programmes/${programmeId}/${name}`)
          .set(staff.auth)
          .expect(404);
        expect(refused.body.code).toBe('PROGRAMME_NOT_FOUND');
      }
    });

    it('refuses prescriber agents by role, and unknown programmes as out of scope', async () => {
      const agent = await login(t.http, 'prescriber@demo.carnet.fr');
      const refused = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/summary`)
        .set(agent.auth)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      const unknown = await t.http
        .get('/api/v1/reports/programmes/00000000-0000-4000-8000-000000000000/summary')
        .set(manager.auth)
        .expect(404);
      expect(unknown.body.code).toBe('PROGRAMME_NOT_FOUND');
      const malformed = await t.http
        .get('/api/v1/reports/programmes/not-a-uuid/summary')
        .set(manager.auth)
        .expect(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('formats', () => {
    const asOfDay = async () => todayInParis(new Date((await report(manager, 'summary')).asOf));

    it('writes CSV for French spreadsheets: BOM, semicolons, CRLF, French headers, decimal comma', async () => {
      const res = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/by-commune`)
        .set(manager.auth)
        .set('Accept', 'text/csv')
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="by-commune-programme-des-rapports-${await asOfDay()}.csv"`,
      );
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      expect(res.text).toContain('\r\n');
      const rows = parse(res.text, { delimiter: ';', bom: true });
      expect(rows[0]).toEqual([
        'Code INSEE',
        'Commune',
        'Population',
        'Latitude',
        'Longitude',
        'Carnets alloués',
        'Carnets reçus',
        'Carnets en stock',
        'Carnets remis',
        'Foyers',
        'Carnets entamés',
        'Carnets terminés',
        'Chèques utilisés',
        'Montant utilisé (€)',
        'Carnets remis pour 1 000 habitants',
        'Chèques utilisés pour 1 000 habitants',
        "Taux d'utilisation (%)",
        'Délai médian avant première utilisation (jours)',
      ]);
      const json = (await report(manager, 'by-commune')).rows;
      const lens = rows.find((r) => r[0] === LENS)!;
      const lensJson = json.find((r: { inseeCode: string }) => r.inseeCode === LENS);
      const euros = (cents: number) =>
        `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
      expect(lens[1]).toBe('Lens');
      expect(lens[13]).toBe(euros(lensJson.usedCents));
      expect(lens[13]).toMatch(/^\d+,\d\d$/);
      expect(lens[14]).toBe(String(lensJson.handedOutPer1000).replace('.', ','));
      expect(lens[16]).toBe((lensJson.redemptionRate * 100).toFixed(2).replace('.', ','));
      expect(rows).toHaveLength(json.length + 1);

      const summary = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/summary`)
        .set(manager.auth)
        .set('Accept', 'text/csv')
        .expect(200);
      const lines = parse(summary.text, { delimiter: ';', bom: true });
      expect(lines[0]).toEqual(['Indicateur', 'Valeur']);
      const value = (label: string) => lines.find((l) => l[0] === label)?.[1];
      const json2 = await report(manager, 'summary');
      expect(value('Programme')).toBe(programmeName);
      expect(value('Carnets remis')).toBe(String(json2.carnets.handedOut));
      expect(value('Montant engagé (€)')).toBe(euros(json2.amounts.committedCents));
      expect(value('Données au')).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      expect(value('Foyers : Retraité')).toBe(
        String(
          json2.households.bySituation.find(
            (s: { situation: string }) => s.situation === 'RETRAITE',
          ).households,
        ),
      );
    });

    it('writes XLSX: one sheet, bold French headers, numbers as numbers', async () => {
      const res = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/by-venue`)
        .set(manager.auth)
        .set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="by-venue-programme-des-rapports-${await asOfDay()}.xlsx"`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      expect(workbook.worksheets).toHaveLength(1);
      const sheet = workbook.worksheets[0];
      const header = sheet.getRow(1);
      expect(header.getCell(1).value).toBe('Lieu');
      expect(header.getCell(8).value).toBe('Montant (€)');
      expect(header.font?.bold ?? header.getCell(1).font?.bold).toBe(true);
      const json = (await report(manager, 'by-venue')).rows;
      let found = false;
      sheet.eachRow((row, n) => {
        if (n === 1 || row.getCell(1).value !== 'Espace public numérique de Liévin') return;
        found = true;
        const epn = json.find((r: { venueId: string }) => r.venueId === venues.epn);
        expect(row.getCell(6).value).toBe(epn.redemptions);
        expect(row.getCell(8).value).toBe(epn.amountCents / 100);
        expect(row.getCell(8).numFmt).toContain('€');
        expect(typeof row.getCell(4).value).toBe('number');
      });
      expect(found).toBe(true);

      const summary = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/summary`)
        .set(manager.auth)
        .set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .buffer(true)
        .parse(binary)
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(summary.body as ArrayBuffer);
      const values = new Map<string, unknown>();
      book.worksheets[0].eachRow((row) => values.set(row.getCell(1).text, row.getCell(2).value));
      const json2 = await report(manager, 'summary');
      expect(values.get('Carnets remis')).toBe(json2.carnets.handedOut);
      expect(values.get('Montant engagé (€)')).toBe(json2.amounts.committedCents / 100);
      expect(values.get('Données au')).toBeInstanceOf(Date);
    });

    it('negotiates on Accept: JSON by default and for any type, 406 for what it cannot write', async () => {
      for (const accept of ['*/*', 'application/json', 'application/*', 'text/html, */*;q=0.1']) {
        const res = await t.http
          .get(`/api/v1/reports/programmes/${programmeId}/timeseries`)
          .set(manager.auth)
          .set('Accept', accept)
          .expect(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
      const weighed = await t.http
        .get(`/api/v1/reports/programmes/${programmeId}/timeseries`)
        .set(manager.auth)
        .set('Accept', 'application/json;q=0.5, text/csv')
        .expect(200);
      expect(weighed.headers['content-type']).toMatch(/^text\/csv/);
      for (const accept of ['application/xml', 'text/html', 'application/pdf']) {
        const refused = await t.http
          .get(`/api/v1/reports/programmes/${programmeId}/summary`)
          .set(manager.auth)
          .set('Accept', accept)
          .expect(406);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.parse(refused.text)).toMatchObject({
          status: 406,
          code: 'REPORT_FORMAT_NOT_ACCEPTABLE',
        });
      }
    });
  });
});
