import {
  AGE_BANDS,
  type AgeBand,
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  FUNDER_KINDS,
  type FunderKind,
  HOLDER_KINDS,
  type HolderKind,
  PRESCRIBER_TYPES,
  type PrescriberType,
} from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';

// What every report answers. The words are the contract's (README, « Reports »): a handed-out
// carnet is one a beneficiary holds or held when cancelled; used cheques are REDEEMED, IN_BATCH
// and REIMBURSED; months are France's.

export const REPORT_SCOPE_KINDS = ['PROGRAMME', 'COMMUNE', 'VENUE'] as const;
export type ReportScopeKind = (typeof REPORT_SCOPE_KINDS)[number];

/** Whose figures these are: the whole programme, one commune, or one venue. */
export class ReportScopeDto {
  /**
   * PROGRAMME for the programme owner's staff and its funders; COMMUNE for a commune's référents
   * (carnets handed out to its residents, the stock of the commune and of its structures, the
   * venues located in it); VENUE for a venue's staff (its own activity).
   */
  @ApiProperty({ enum: REPORT_SCOPE_KINDS, enumName: 'ReportScopeKind' })
  kind!: ReportScopeKind;
  /** COMMUNE scope: its INSEE code. @example "62498" */
  inseeCode?: string;
  /** COMMUNE scope: its name. @example "Lens" */
  communeName?: string;
  /** VENUE scope: the venue. */
  venueId?: string;
  /** VENUE scope: its name. @example "Espace public numérique de Liévin" */
  venueName?: string;
}

/** The head of every report: which programme, as of when, for whom. */
export class ReportHeaderDto {
  programmeId!: string;
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  programmeName!: string;
  /**
   * The instant the figures of the reporting store reflect (its last refresh, every 5 minutes by
   * default); null before the first refresh. Custody stocks, allocations, issuance, cancelled
   * and expired cheques and payments are read live.
   */
  asOf!: Date | null;
  scope!: ReportScopeDto;
}

// ---------------------------------------------------------------------------------------------
// Summary

export class SummaryCarnetsDto {
  /** Carnets of every issuance run asked for (null in COMMUNE scope). @example 4000 */
  issued!: number | null;
  /**
   * Carnets of the allocation in force: to every commune, or to the commune in COMMUNE scope.
   * @example 3800
   */
  allocated!: number | null;
  /** Carnets in the programme's own stock now (null in COMMUNE scope). @example 1200 */
  atProgramme!: number | null;
  /** Carnets the communes hold now (in COMMUNE scope: the commune itself). @example 900 */
  atCommunes!: number;
  /** Carnets the structures hold now (in COMMUNE scope: the structures of the commune). @example 400 */
  atPrescribers!: number;
  /** Carnets a beneficiary holds, or held when cancelled (COMMUNE: its residents). @example 1500 */
  handedOut!: number;
  /** Handed-out carnets with at least one used cheque. @example 900 */
  started!: number;
  /** Handed-out carnets whose every cheque is used. @example 250 */
  completed!: number;
}

export class SummaryChequesDto {
  /**
   * Cheques issued: of every issuance run (PROGRAMME), of the residents' handed-out carnets
   * (COMMUNE). @example 40000
   */
  issued!: number;
  /** ISSUED or DISTRIBUTED. @example 25000 */
  unused!: number;
  /** REDEEMED: spent at a venue, not in a reimbursement batch yet. @example 2100 */
  redeemed!: number;
  /** In a reimbursement batch not paid yet. @example 800 */
  inBatch!: number;
  /** Paid to the venue. @example 5000 */
  reimbursed!: number;
  /** @example 3000 */
  expired!: number;
  /** @example 4100 */
  cancelled!: number;
  /** redeemed + inBatch + reimbursed. @example 7900 */
  used!: number;
  /**
   * Used cheques ÷ cheques of handed-out carnets, 0..1 (null before any hand-out).
   * @example 0.5267
   */
  redemptionRate!: number | null;
}

export class SituationHouseholdsDto {
  @ApiProperty({ enum: BENEFICIARY_SITUATIONS, enumName: 'BeneficiarySituation' })
  situation!: BeneficiarySituation;
  /** @example 420 */
  households!: number;
}

export class AgeBandHouseholdsDto {
  @ApiProperty({ enum: AGE_BANDS, enumName: 'AgeBand' })
  ageBand!: AgeBand;
  /** @example 380 */
  households!: number;
}

export class SummaryHouseholdsDto {
  /** Beneficiaries with at least one handed-out carnet. @example 1480 */
  total!: number;
  bySituation!: SituationHouseholdsDto[];
  byAgeBand!: AgeBandHouseholdsDto[];
}

export class SummaryAmountsDto {
  /** @example 48000000 */
  budgetCents!: number;
  /** Value of the cheques issued and neither cancelled nor expired. @example 32900000 */
  committedCents!: number;
  /** Value of the used cheques (budget consumed). @example 7900000 */
  redeemedCents!: number;
  /** Amounts of the PAID reimbursement lines. @example 5000000 */
  paidCents!: number;
  /** Budget − committed: what can still be issued. @example 15100000 */
  remainingCents!: number;
}

export class SummaryFunderDto {
  funderId!: string;
  /** @example "État — Préfecture du Pas-de-Calais" */
  funderName!: string;
  /** Its share now (10000 = 100 %). @example 6500 */
  basisPoints!: number;
  /** Its part of committed, by its share (largest remainder). @example 21385000 */
  committedCents!: number;
  /** Its part of redeemed, by its share. @example 5135000 */
  redeemedCents!: number;
  /** What the PAID lines' funder split charged it. @example 3250000 */
  paidCents!: number;
}

export class FirstUseDto {
  /** Carnets used at least once, whose delay is counted. @example 900 */
  carnets!: number;
  /**
   * Days (France) from hand-out to first use: the median (nearest rank), null when none.
   * @example 9
   */
  medianDays!: number | null;
  /** …and the 90th percentile (nearest rank). @example 34 */
  p90Days!: number | null;
}

export const EXPIRY_HORIZONS = [30, 60, 90] as const;
export type ExpiryHorizon = (typeof EXPIRY_HORIZONS)[number];

export class ExpiryBucketDto {
  /**
   * 30: validity ends in 0–30 days from today (France); 60: in 31–60 days; 90: in 61–90 days.
   */
  @ApiProperty({ enum: EXPIRY_HORIZONS, enumName: 'ExpiryHorizon' })
  withinDays!: ExpiryHorizon;
  /** Unused cheques of active carnets. @example 1200 */
  cheques!: number;
  /** @example 1200000 */
  cents!: number;
}

export class SummaryReportDto extends ReportHeaderDto {
  carnets!: SummaryCarnetsDto;
  cheques!: SummaryChequesDto;
  households!: SummaryHouseholdsDto;
  /** Null in COMMUNE scope: budgets and payments are the programme's. */
  amounts!: SummaryAmountsDto | null;
  /** Per funder, reconciling to the cent with `amounts`; null in COMMUNE scope. */
  byFunder!: SummaryFunderDto[] | null;
  firstUse!: FirstUseDto;
  expiry!: ExpiryBucketDto[];
}

// ---------------------------------------------------------------------------------------------
// Breakdowns

export class CommuneReportRowDto {
  /** @example "62498" */
  inseeCode!: string;
  /** @example "Lens" */
  communeName!: string;
  /** @example 31415 */
  population!: number;
  /** @example 50.4322 */
  latitude!: number | null;
  /** @example 2.8333 */
  longitude!: number | null;
  /** Carnets of the allocation in force. @example 420 */
  allocated!: number;
  /** Received from the programme stock, net of returns. @example 400 */
  received!: number;
  /** Held now by the commune and the structures located in it. @example 120 */
  stock!: number;
  /** Carnets handed out to its residents. @example 280 */
  handedOut!: number;
  /** @example 275 */
  households!: number;
  /** @example 170 */
  started!: number;
  /** @example 45 */
  completed!: number;
  /** Used cheques of its residents' carnets. @example 980 */
  usedCheques!: number;
  /** @example 980000 */
  usedCents!: number;
  /** @example 8.91 */
  handedOutPer1000!: number | null;
  /** @example 31.2 */
  usedChequesPer1000!: number | null;
  /** @example 0.35 */
  redemptionRate!: number | null;
  /** @example 8 */
  firstUseMedianDays!: number | null;
}

export class CommuneReportDto extends ReportHeaderDto {
  rows!: CommuneReportRowDto[];
}

export class PrescriberReportRowDto {
  /** Null: the structures a commune's référents do not see, summed in one row. */
  prescriberId!: string | null;
  /** @example "CCAS de Lens" */
  name!: string;
  @ApiProperty({ enum: PRESCRIBER_TYPES, enumName: 'PrescriberType', nullable: true })
  type!: PrescriberType | null;
  /** The structure's own commune. @example "62498" */
  inseeCode!: string | null;
  /** @example "Lens" */
  communeName!: string | null;
  /** Carnets it holds now (null in COMMUNE scope for a structure of another commune). @example 25 */
  stock!: number | null;
  /** @example 60 */
  handedOut!: number;
  /** @example 58 */
  households!: number;
  /** @example 35 */
  started!: number;
  /** @example 10 */
  completed!: number;
  /** @example 210 */
  usedCheques!: number;
  /** @example 210000 */
  usedCents!: number;
  /** @example 0.35 */
  redemptionRate!: number | null;
  /** @example 7 */
  firstUseMedianDays!: number | null;
  /** @example 30 */
  firstUseP90Days!: number | null;
}

export class PrescriberReportDto extends ReportHeaderDto {
  rows!: PrescriberReportRowDto[];
}

export class VenueReportRowDto {
  venueId!: string;
  /** @example "Espace public numérique de Liévin" */
  name!: string;
  /** @example "62510" */
  inseeCode!: string | null;
  /** @example "Liévin" */
  communeName!: string;
  /** @example 50.4228 */
  latitude!: number | null;
  /** @example 2.7786 */
  longitude!: number | null;
  /** Active redemptions. @example 310 */
  redemptions!: number;
  /** Their cheques. @example 540 */
  cheques!: number;
  /** Its redemptions' amount (null in COMMUNE scope). @example 540000 */
  amountCents!: number | null;
  /** People who attended the sessions redeemed. @example 380 */
  participants!: number;
  /** Distinct services redeemed. @example 3 */
  services!: number;
  /** Amounts of its PAID reimbursement lines (null in COMMUNE scope). @example 400000 */
  paidCents!: number | null;
}

export class VenueReportDto extends ReportHeaderDto {
  rows!: VenueReportRowDto[];
}

export class ServiceReportRowDto {
  /** A service of the national schema. @example "Aide aux démarches administratives" */
  service!: string;
  /** Active redemptions (null in COMMUNE scope, read by the carnets' origin). @example 820 */
  redemptions!: number | null;
  /** Cheques redeemed for it (COMMUNE: of its residents' carnets). @example 1400 */
  cheques!: number;
  /** @example 1400000 */
  amountCents!: number;
  /** Venues that redeemed it (null in COMMUNE scope). @example 12 */
  venues!: number | null;
}

export class ServiceReportDto extends ReportHeaderDto {
  rows!: ServiceReportRowDto[];
}

export const NEED_KINDS = ['SERVICE', 'PROCEDURE', 'NONE'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export class NeedReportRowDto {
  /**
   * SERVICE: a service of the national list the diagnostic named; PROCEDURE: an online procedure
   * (CAF, IMPOTS…); NONE: no need recorded. A carnet counts once under each of its needs.
   */
  @ApiProperty({ enum: NEED_KINDS, enumName: 'NeedKind' })
  kind!: NeedKind;
  /**
   * The service's name, the procedure's code, or '' for NONE.
   * @example "Aide aux démarches administratives"
   */
  need!: string;
  /** @example 320 */
  carnets!: number;
  /** @example 1100 */
  usedCheques!: number;
  /** @example 1100000 */
  usedCents!: number;
}

export class NeedReportDto extends ReportHeaderDto {
  rows!: NeedReportRowDto[];
}

export class FunderReportRowDto {
  funderId!: string;
  /** @example "État — Préfecture du Pas-de-Calais" */
  funderName!: string;
  @ApiProperty({ enum: FUNDER_KINDS, enumName: 'FunderKind' })
  kind!: FunderKind;
  /** Its share now; 0 for a funder no longer sharing that was paid by an earlier batch. @example 6500 */
  basisPoints!: number;
  /** Its part of the budget. @example 31200000 */
  budgetCents!: number;
  /** @example 21385000 */
  committedCents!: number;
  /** @example 5135000 */
  redeemedCents!: number;
  /** @example 3250000 */
  paidCents!: number;
}

export class FunderReportDto extends ReportHeaderDto {
  rows!: FunderReportRowDto[];
}

export class TimeseriesRowDto {
  /** A month in France. @example "2026-11" */
  period!: string;
  /** Carnets handed out that month (null in VENUE scope). @example 140 */
  handedOut!: number | null;
  /** Cheques of the redemptions of the month (COMMUNE: of its residents' carnets). @example 520 */
  usedCheques!: number;
  /** Active redemptions of the month (null in COMMUNE scope). @example 300 */
  redemptions!: number | null;
  /** @example 520000 */
  amountCents!: number;
  /**
   * Reimbursement lines paid that month (by their paid day), null in COMMUNE scope.
   * @example 410000
   */
  paidCents!: number | null;
}

export class TimeseriesReportDto extends ReportHeaderDto {
  rows!: TimeseriesRowDto[];
}

export class ExpiryOutlookRowDto {
  @ApiProperty({ enum: EXPIRY_HORIZONS, enumName: 'ExpiryHorizon' })
  withinDays!: ExpiryHorizon;
  /** Where the cheques sit: the programme stock, a commune, a structure, a beneficiary. */
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'HolderKind' })
  holderKind!: HolderKind;
  /**
   * The commune holding them, the structure's commune, or the beneficiary's; null for the
   * programme stock. @example "62498"
   */
  inseeCode!: string | null;
  /** @example "Lens" */
  communeName!: string | null;
  /** The structure holding them, or that handed the carnet out. */
  prescriberId!: string | null;
  /** @example "CCAS de Lens" */
  prescriberName!: string | null;
  /** @example 40 */
  cheques!: number;
  /** @example 40000 */
  cents!: number;
}

export class ExpiryOutlookReportDto extends ReportHeaderDto {
  rows!: ExpiryOutlookRowDto[];
}
