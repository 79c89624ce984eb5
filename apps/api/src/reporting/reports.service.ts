import { Injectable } from '@nestjs/common';
import {
  AGE_BANDS,
  type AgeBand,
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  periodOf,
  todayInParis,
} from '@carnet/domain';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { funderParts } from '#src/funders/funder-parts.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import type { FundingShare } from '#src/funders/funding-share.entity.js';
import { ProgrammesRepository } from '#src/funders/programmes.repository.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import type {
  CommuneReportDto,
  ExpiryBucketDto,
  ExpiryOutlookReportDto,
  ExpiryOutlookRowDto,
  FirstUseDto,
  FunderReportDto,
  FunderReportRowDto,
  NeedReportDto,
  PrescriberReportDto,
  PrescriberReportRowDto,
  ReportHeaderDto,
  ReportScopeDto,
  ReportScopeKind,
  ServiceReportDto,
  SummaryFunderDto,
  SummaryReportDto,
  TimeseriesReportDto,
  VenueReportDto,
} from './dto/report.dto.js';
import { EXPIRY_HORIZONS } from './dto/report.dto.js';
import { type Bar, nearestRank, per1000, periodsBetween, ratio } from './figures.js';
import {
  type ExpiryRow,
  type FirstUseRow,
  type HandoutSums,
  ReportsRepository,
} from './reports.repository.js';

/** The name of the row summing the structures a commune's référents do not see. */
export const OTHER_STRUCTURES = 'Autres structures';

/** A report's programme and whose figures the caller reads. */
interface Scoped {
  programme: { id: string; name: string; startDate: string; budgetCents: number };
  scope: ReportScopeDto;
  /** The commune of a COMMUNE scope (its residents, its stock), else null. */
  insee: string | null;
  /** The venue of a VENUE scope, else null. */
  venue: string | null;
}

/** Which scopes may read each report; any other is answered as an unknown programme (404). */
const ALLOWED: Record<string, readonly ReportScopeKind[]> = {
  summary: ['PROGRAMME', 'COMMUNE'],
  byCommune: ['PROGRAMME', 'COMMUNE'],
  byPrescriber: ['PROGRAMME', 'COMMUNE'],
  byVenue: ['PROGRAMME', 'COMMUNE', 'VENUE'],
  byService: ['PROGRAMME', 'COMMUNE', 'VENUE'],
  byNeed: ['PROGRAMME', 'COMMUNE'],
  byFunder: ['PROGRAMME'],
  timeseries: ['PROGRAMME', 'COMMUNE', 'VENUE'],
  expiryOutlook: ['PROGRAMME', 'COMMUNE'],
};

/**
 * The programme reports (issue 14), each within the caller's scope: the programme owner's staff
 * and its funders read the whole programme; a commune's référents their commune (its residents'
 * carnets, its stock and its structures', the venues located in it); a venue's staff their venue.
 * Figures come from the reporting store (`asOf`) and small live tables; out of scope is 404
 * PROGRAMME_NOT_FOUND, as for a programme that does not exist.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly programmes: ProgrammesService,
    private readonly programmeRows: ProgrammesRepository,
  ) {}

  async summary(
    principal: Principal,
    programmeId: string,
    now = new Date(),
  ): Promise<SummaryReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'summary');
    const { insee } = scoped;
    const id = programmeId;
    const [head, handouts, custody, allocated, firstUse, expiry] = await Promise.all([
      this.head(scoped),
      this.reports.handoutSummary(id, insee),
      this.reports.custody(id, insee),
      this.reports.allocated(id, insee),
      this.reports.firstUse(id, insee, 'programme'),
      this.reports.expiry(id, todayInParis(now), insee),
    ]);
    const bySituation = new Map<BeneficiarySituation, number>();
    const byAgeBand = new Map<AgeBand, number>();
    for (const row of handouts) {
      bySituation.set(row.situation, (bySituation.get(row.situation) ?? 0) + row.households);
      byAgeBand.set(row.ageBand, (byAgeBand.get(row.ageBand) ?? 0) + row.households);
    }
    const totals = sumHandouts(handouts);
    const usedCents = Number(totals.usedCents);
    const carnets = {
      issued: null as number | null,
      allocated: insee ? allocated.commune : allocated.total,
      atProgramme: null as number | null,
      atCommunes: custody.atCommunes,
      atPrescribers: custody.atPrescribers,
      handedOut: totals.carnets,
      started: totals.started,
      completed: totals.completed,
    };
    // A commune's cheques are its residents' (the store); the programme's are every cheque
    // issued, those neither used, expired nor cancelled being unused (stock included).
    const cheques = {
      issued: totals.cheques,
      unused: totals.unused,
      redeemed: totals.redeemed,
      inBatch: totals.inBatch,
      reimbursed: totals.reimbursed,
      expired: totals.expired,
      cancelled: totals.cancelled,
      used: totals.used,
      redemptionRate: ratio(totals.used, totals.cheques),
    };
    let amounts: SummaryReportDto['amounts'] = null;
    let byFunder: SummaryFunderDto[] | null = null;
    if (!insee) {
      const money = await this.money(scoped.programme, usedCents);
      carnets.issued = money.issued.carnets;
      carnets.atProgramme = custody.atProgramme;
      cheques.issued = money.issued.cheques;
      cheques.expired = money.expired.cheques;
      cheques.cancelled = money.cancelled;
      cheques.unused = Math.max(
        0,
        cheques.issued - totals.used - money.expired.cheques - money.cancelled,
      );
      amounts = money.amounts;
      byFunder = money.funders.map((f) => ({
        funderId: f.funderId,
        funderName: f.funderName,
        basisPoints: f.basisPoints,
        committedCents: f.committedCents,
        redeemedCents: f.redeemedCents,
        paidCents: f.paidCents,
      }));
    }
    return {
      ...head,
      carnets,
      cheques,
      households: {
        total: totals.households,
        // Situations from the most households down, age bands from the youngest up.
        bySituation: BENEFICIARY_SITUATIONS.filter((s) => bySituation.has(s))
          .map((situation) => ({ situation, households: bySituation.get(situation)! }))
          .sort((a, b) => b.households - a.households),
        byAgeBand: AGE_BANDS.filter((a) => byAgeBand.has(a)).map((ageBand) => ({
          ageBand,
          households: byAgeBand.get(ageBand)!,
        })),
      },
      amounts,
      byFunder,
      firstUse: firstUseOf(firstUse),
      expiry: expiryBuckets(expiry),
    };
  }

  async byCommune(principal: Principal, programmeId: string): Promise<CommuneReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byCommune');
    const [head, rows, firstUse] = await Promise.all([
      this.head(scoped),
      this.reports.byCommune(programmeId, scoped.insee),
      this.reports.firstUse(programmeId, scoped.insee, 'commune'),
    ]);
    const delays = histograms(firstUse, (r) => r.inseeCode);
    return {
      ...head,
      rows: rows.map((r) => ({
        inseeCode: r.inseeCode,
        communeName: r.communeName,
        population: r.population,
        latitude: r.latitude,
        longitude: r.longitude,
        allocated: r.allocated,
        received: r.received,
        stock: r.stock,
        handedOut: r.handedOut,
        households: r.households,
        started: r.started,
        completed: r.completed,
        usedCheques: r.used,
        usedCents: Number(r.usedCents),
        handedOutPer1000: per1000(r.handedOut, r.population),
        usedChequesPer1000: per1000(r.used, r.population),
        redemptionRate: ratio(r.used, r.cheques),
        firstUseMedianDays: nearestRank(delays.get(r.inseeCode) ?? [], 0.5),
      })),
    };
  }

  async byPrescriber(principal: Principal, programmeId: string): Promise<PrescriberReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byPrescriber');
    const { insee } = scoped;
    const [head, rows, firstUse, visible] = await Promise.all([
      this.head(scoped),
      this.reports.byPrescriber(programmeId, insee),
      this.reports.firstUse(programmeId, insee, 'prescriber'),
      insee ? this.reports.visibleStructures(insee) : Promise.resolve(null),
    ]);
    const shown = (id: string) => !visible || visible.has(id);
    const delays = histograms(firstUse, (r) => (shown(r.prescriberId) ? r.prescriberId : ''));
    const out: PrescriberReportRowDto[] = [];
    // Structures of other communes that handed carnets out to the commune's residents: their
    // figures count, in one row, their names are not the référents' to see.
    const others = { handedOut: 0, households: 0, started: 0, completed: 0, used: 0, cheques: 0 };
    let othersCents = 0;
    for (const r of rows) {
      if (!shown(r.prescriberId)) {
        for (const key of Object.keys(others) as (keyof typeof others)[]) others[key] += r[key];
        othersCents += Number(r.usedCents);
        continue;
      }
      const bars = delays.get(r.prescriberId) ?? [];
      out.push({
        prescriberId: r.prescriberId,
        name: r.name,
        type: r.type,
        inseeCode: r.inseeCode,
        communeName: r.communeName,
        // A commune's référents see the stock of the structures located in it only.
        stock: insee && r.inseeCode !== insee ? null : (r.stock ?? 0),
        handedOut: r.handedOut,
        households: r.households,
        started: r.started,
        completed: r.completed,
        usedCheques: r.used,
        usedCents: Number(r.usedCents),
        redemptionRate: ratio(r.used, r.cheques),
        firstUseMedianDays: nearestRank(bars, 0.5),
        firstUseP90Days: nearestRank(bars, 0.9),
      });
    }
    if (others.handedOut > 0) {
      const bars = delays.get('') ?? [];
      out.push({
        prescriberId: null,
        name: OTHER_STRUCTURES,
        type: null,
        inseeCode: null,
        communeName: null,
        stock: null,
        handedOut: others.handedOut,
        households: others.households,
        started: others.started,
        completed: others.completed,
        usedCheques: others.used,
        usedCents: othersCents,
        redemptionRate: ratio(others.used, others.cheques),
        firstUseMedianDays: nearestRank(bars, 0.5),
        firstUseP90Days: nearestRank(bars, 0.9),
      });
    }
    return { ...head, rows: out };
  }

  async byVenue(principal: Principal, programmeId: string): Promise<VenueReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byVenue');
    const [head, rows] = await Promise.all([
      this.head(scoped),
      this.reports.byVenue(programmeId, scoped.insee, scoped.venue),
    ]);
    // A commune's venues are paid for every resident they serve: their amounts are not the
    // commune's business (a référent sees no money).
    return {
      ...head,
      rows: rows.map((r) => ({
        ...r,
        amountCents: scoped.insee ? null : Number(r.amountCents),
        paidCents: scoped.insee ? null : Number(r.paidCents),
      })),
    };
  }

  async byService(principal: Principal, programmeId: string): Promise<ServiceReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byService');
    const head = await this.head(scoped);
    if (scoped.insee) {
      const rows = await this.reports.byServiceOfOrigin(programmeId, scoped.insee);
      return {
        ...head,
        rows: rows.map((r) => ({
          service: r.service,
          redemptions: null,
          cheques: r.cheques,
          amountCents: Number(r.amountCents),
          venues: null,
        })),
      };
    }
    const rows = await this.reports.byService(programmeId, scoped.venue);
    return { ...head, rows: rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) })) };
  }

  async byNeed(principal: Principal, programmeId: string): Promise<NeedReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byNeed');
    const [head, rows] = await Promise.all([
      this.head(scoped),
      this.reports.byNeed(programmeId, scoped.insee),
    ]);
    return { ...head, rows: rows.map((r) => ({ ...r, usedCents: Number(r.usedCents) })) };
  }

  async byFunder(principal: Principal, programmeId: string): Promise<FunderReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'byFunder');
    const [head, totals] = await Promise.all([
      this.head(scoped),
      this.reports.handoutTotals(programmeId, null),
    ]);
    const money = await this.money(scoped.programme, Number(totals.usedCents));
    const budgets = funderParts(scoped.programme.budgetCents, money.shares);
    const rows: FunderReportRowDto[] = money.funders.map((f) => ({
      funderId: f.funderId,
      funderName: f.funderName,
      kind: f.kind,
      basisPoints: f.basisPoints,
      budgetCents: budgets.get(f.funderId) ?? 0,
      committedCents: f.committedCents,
      redeemedCents: f.redeemedCents,
      paidCents: f.paidCents,
    }));
    return { ...head, rows };
  }

  async timeseries(
    principal: Principal,
    programmeId: string,
    now = new Date(),
  ): Promise<TimeseriesReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'timeseries');
    const { insee, venue } = scoped;
    const [head, handouts, redemptions, origin, paid] = await Promise.all([
      this.head(scoped),
      venue ? Promise.resolve([]) : this.reports.handoutsByMonth(programmeId, insee),
      insee ? Promise.resolve([]) : this.reports.redemptionsByMonth(programmeId, venue),
      insee ? this.reports.useOfOriginByMonth(programmeId, insee) : Promise.resolve([]),
      insee ? Promise.resolve([]) : this.reports.paidByMonth(programmeId, venue),
    ]);
    // From the programme's start (or an earlier month with figures) to this month (or a later
    // one with figures): nothing before a programme starts.
    const data = [
      ...handouts.map((r) => r.period),
      ...redemptions.map((r) => r.period),
      ...origin.map((r) => r.period),
      ...paid.map((r) => r.period),
    ].sort();
    const start = scoped.programme.startDate.slice(0, 7);
    const first = data.length > 0 && data[0] < start ? data[0] : start;
    const current = periodOf(now);
    const last =
      data.length > 0 && data[data.length - 1] > current ? data[data.length - 1] : current;
    const byPeriod = <T extends { period: string }>(rows: T[]) =>
      new Map(rows.map((r) => [r.period, r]));
    const h = byPeriod(handouts);
    const r = byPeriod(redemptions);
    const o = byPeriod(origin);
    const p = byPeriod(paid);
    return {
      ...head,
      rows: periodsBetween(first, last).map((period) => ({
        period,
        handedOut: venue ? null : (h.get(period)?.carnets ?? 0),
        usedCheques: insee ? (o.get(period)?.cheques ?? 0) : (r.get(period)?.cheques ?? 0),
        redemptions: insee ? null : (r.get(period)?.redemptions ?? 0),
        amountCents: Number((insee ? o.get(period)?.amountCents : r.get(period)?.amountCents) ?? 0),
        paidCents: insee ? null : Number(p.get(period)?.cents ?? 0),
      })),
    };
  }

  async expiryOutlook(
    principal: Principal,
    programmeId: string,
    now = new Date(),
  ): Promise<ExpiryOutlookReportDto> {
    const scoped = await this.resolve(principal, programmeId, 'expiryOutlook');
    const { insee } = scoped;
    const [head, rows, visible] = await Promise.all([
      this.head(scoped),
      this.reports.expiry(programmeId, todayInParis(now), insee),
      insee ? this.reports.visibleStructures(insee) : Promise.resolve(null),
    ]);
    // The structure that handed a resident's carnet out is named only if the référents see it.
    const out = new Map<string, ExpiryOutlookRowDto>();
    for (const row of rows) {
      const hidden =
        visible !== null && row.prescriberId !== null && !visible.has(row.prescriberId);
      const shown: ExpiryOutlookRowDto = {
        withinDays: row.withinDays,
        holderKind: row.holderKind,
        inseeCode: row.inseeCode,
        communeName: row.communeName,
        prescriberId: hidden ? null : row.prescriberId,
        prescriberName: hidden ? OTHER_STRUCTURES : row.prescriberName,
        cheques: row.cheques,
        cents: Number(row.cents),
      };
      const key = [shown.withinDays, shown.holderKind, shown.inseeCode, shown.prescriberId].join(
        '|',
      );
      const seen = out.get(key);
      if (seen) {
        seen.cheques += shown.cheques;
        seen.cents += shown.cents;
      } else out.set(key, shown);
    }
    return { ...head, rows: [...out.values()] };
  }

  /**
   * The money of the whole programme: committed (issued value, cancelled cheques freed, expired
   * ones lost), redeemed, paid, remaining, and each funder's part of them. Funders are the shares
   * in force, and any funder an earlier PAID line charged that has no share any more.
   */
  private async money(programme: Scoped['programme'], redeemedCents: number) {
    const programmeId = programme.id;
    const [shares, issued, issuedValue, expired, cancelled, paid, paidByFunder] = await Promise.all(
      [
        this.programmeRows.shares(programmeId),
        this.reports.issued(programmeId),
        this.reports.issuedValueCents(programmeId),
        this.reports.expired(programmeId),
        this.reports.cancelledCheques(programmeId),
        this.reports.paid(programmeId),
        this.reports.paidByFunder(programmeId),
      ],
    );
    const committedCents = issuedValue - expired.cents;
    const committed = funderParts(committedCents, shares);
    const redeemed = funderParts(redeemedCents, shares);
    const paidCents = new Map(paidByFunder.map((f) => [f.funderId, Number(f.cents)]));
    const funders = [
      ...shares.map((s: FundingShare) => ({
        funderId: s.funderId,
        funderName: s.funder?.name ?? '',
        kind: s.funder!.kind,
        basisPoints: s.basisPoints,
        committedCents: committed.get(s.funderId) ?? 0,
        redeemedCents: redeemed.get(s.funderId) ?? 0,
        paidCents: paidCents.get(s.funderId) ?? 0,
      })),
      ...paidByFunder
        .filter((f) => !shares.some((s) => s.funderId === f.funderId))
        .map((f) => ({
          funderId: f.funderId,
          funderName: f.funderName,
          kind: f.kind,
          basisPoints: 0,
          committedCents: 0,
          redeemedCents: 0,
          paidCents: Number(f.cents),
        })),
    ];
    return {
      shares,
      issued,
      expired,
      cancelled,
      funders,
      amounts: {
        budgetCents: programme.budgetCents,
        committedCents,
        redeemedCents,
        paidCents: paid,
        remainingCents: programme.budgetCents - committedCents,
      },
    };
  }

  private async head(scoped: Scoped): Promise<ReportHeaderDto> {
    return {
      programmeId: scoped.programme.id,
      programmeName: scoped.programme.name,
      asOf: await this.reports.asOf(),
      scope: scoped.scope,
    };
  }

  /**
   * The programme and the caller's scope in it, or 404 PROGRAMME_NOT_FOUND: for a programme the
   * caller may not see (ProgrammesService's rule: its funders, its enrolled communes), for a
   * venue's staff a programme their venue does not serve, and for a report their scope does not
   * read.
   */
  private async resolve(
    principal: Principal,
    programmeId: string,
    report: keyof typeof ALLOWED,
  ): Promise<Scoped> {
    const scoped = await this.scopeOf(principal, programmeId);
    if (!scoped || !ALLOWED[report].includes(scoped.scope.kind)) throw notFound(programmeId);
    return scoped;
  }

  private async scopeOf(principal: Principal, programmeId: string): Promise<Scoped | null> {
    const organisation = OrganisationScope.of(principal);
    if (!organisation.all && principal.organisationKind === 'VENUE') {
      const venue = await this.reports.venueOfOrganisation(principal.organisationId);
      if (!venue) return null;
      const codes = [venue.inseeCode, ...venue.servedInseeCodes].filter((c): c is string => !!c);
      const programme = await this.reports.venueProgramme(programmeId, codes, venue.id);
      if (!programme) return null;
      return {
        programme: { ...programme, budgetCents: 0 },
        scope: { kind: 'VENUE', venueId: venue.id, venueName: venue.name },
        insee: null,
        venue: venue.id,
      };
    }
    if (!organisation.all && !['FUNDER', 'COMMUNE'].includes(principal.organisationKind)) {
      return null;
    }
    const programme = await this.programmes.get(principal, programmeId);
    const base = {
      id: programme.id,
      name: programme.name,
      startDate: programme.startDate,
      budgetCents: programme.budgetCents,
    };
    if (!organisation.all && principal.organisationKind === 'COMMUNE') {
      const commune = await this.reports.communeOfOrganisation(principal.organisationId);
      if (!commune) return null;
      return {
        programme: base,
        scope: { kind: 'COMMUNE', inseeCode: commune.inseeCode, communeName: commune.name },
        insee: commune.inseeCode,
        venue: null,
      };
    }
    return { programme: base, scope: { kind: 'PROGRAMME' }, insee: null, venue: null };
  }
}

/** Sums of report_handout_origin groups, added up (every one of them is additive). */
function sumHandouts(rows: HandoutSums[]): HandoutSums {
  const total: HandoutSums = {
    carnets: 0,
    households: 0,
    started: 0,
    completed: 0,
    unused: 0,
    redeemed: 0,
    inBatch: 0,
    reimbursed: 0,
    expired: 0,
    cancelled: 0,
    used: 0,
    cheques: 0,
    usedCents: '0',
  };
  let cents = 0;
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof HandoutSums)[]) {
      if (key !== 'usedCents') total[key] += row[key];
    }
    cents += Number(row.usedCents);
  }
  return { ...total, usedCents: String(cents) };
}

function notFound(id: string): FundingException {
  return new FundingException(FundingExceptionCode.PROGRAMME_NOT_FOUND, `No programme ${id}.`);
}

/** Histograms of first-use delays, one per key (a commune, a structure). */
function histograms(rows: FirstUseRow[], key: (row: FirstUseRow) => string): Map<string, Bar[]> {
  const out = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const k = key(row);
    const bars = out.get(k) ?? new Map<number, number>();
    bars.set(row.days, (bars.get(row.days) ?? 0) + row.carnets);
    out.set(k, bars);
  }
  return new Map(
    [...out].map(([k, bars]) => [k, [...bars].map(([value, count]) => ({ value, count }))]),
  );
}

function firstUseOf(rows: FirstUseRow[]): FirstUseDto {
  const bars = histograms(rows, () => '').get('') ?? [];
  return {
    carnets: bars.reduce((sum, b) => sum + b.count, 0),
    medianDays: nearestRank(bars, 0.5),
    p90Days: nearestRank(bars, 0.9),
  };
}

function expiryBuckets(rows: ExpiryRow[]): ExpiryBucketDto[] {
  return EXPIRY_HORIZONS.map((withinDays) => {
    const mine = rows.filter((r) => r.withinDays === withinDays);
    return {
      withinDays,
      cheques: mine.reduce((sum, r) => sum + r.cheques, 0),
      cents: mine.reduce((sum, r) => sum + Number(r.cents), 0),
    };
  });
}
