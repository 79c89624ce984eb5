import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The reporting store: figures pre-aggregated from the base tables by the refresh job
 * (ReportRefreshService), so that every report reads a few thousand rows at most, whatever the
 * number of cheques. Nothing else writes here; nothing here is a source of truth (the store can be
 * rebuilt from scratch at any time). Rows carry no personal data: a beneficiary appears only as its
 * internal id, its commune, situation and age band.
 */

/** One row: when the store was last refreshed and from when the next refresh reads changes. */
@Entity('report_state')
@Check('CHK_report_state_single', 'id = 1')
export class ReportState {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** The instant the figures reflect (the refresh's snapshot); null before the first refresh. */
  @Column({ name: 'as_of', type: 'timestamptz', nullable: true })
  asOf!: Date | null;

  /**
   * Changes stamped at or after this instant are read again by the next refresh: the start of the
   * oldest transaction still running at the last refresh's snapshot, minus a safety margin.
   */
  @Column({ type: 'timestamptz', nullable: true })
  watermark!: Date | null;

  @Column({ name: 'last_duration_ms', type: 'int', nullable: true })
  lastDurationMs!: number | null;

  /** Carnets and months the last refresh recomputed. */
  @Column({ name: 'last_carnets', type: 'int', nullable: true })
  lastCarnets!: number | null;

  @Column({ name: 'last_periods', type: 'int', nullable: true })
  lastPeriods!: number | null;
}

/**
 * One handed-out carnet (its holder, or its last holder if cancelled, is a beneficiary): where it
 * went (the beneficiary's commune, the structure that handed it out), to whom (situation, age band,
 * needs of the diagnostic) and what became of its cheques.
 */
@Entity('report_carnet')
@Check(
  'CHK_report_carnet_cheques',
  'cheques = unused + redeemed + in_batch + reimbursed + expired + cancelled',
)
@Index('IDX_report_carnet_origin', ['programmeId', 'inseeCode', 'prescriberId'])
@Index('IDX_report_carnet_beneficiary', ['beneficiaryId'])
@Index('IDX_report_carnet_household', ['householdCarnetId'])
export class ReportCarnet {
  @PrimaryColumn({ name: 'carnet_id', type: 'uuid' })
  carnetId!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId!: string;

  /** The beneficiary's commune. */
  @Column({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  /** The structure that handed it out. */
  @Column({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @Column({ type: 'varchar', length: 20 })
  situation!: string;

  /** Given, or from the birth year on the year the beneficiary was registered. */
  @Column({ name: 'age_band', type: 'varchar', length: 10 })
  ageBand!: string;

  /** The diagnostic's needs among the programme's services (national list), empty when none. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services!: string[];

  /** The diagnostic's online procedures (CAF, IMPOTS…), empty when none. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  procedures!: string[];

  @Column({ name: 'handed_out_at', type: 'timestamptz' })
  handedOutAt!: Date;

  /** The month of the hand-out, in France ('YYYY-MM'). */
  @Column({ type: 'char', length: 7 })
  period!: string;

  /**
   * The first carnet handed out to its household (the beneficiaries of the programme with the
   * same household key; a beneficiary whose key was purged is a household alone), earliest
   * hand-out first: this one when it counts its household.
   */
  @Column({ name: 'household_carnet_id', type: 'uuid', nullable: true })
  householdCarnetId!: string | null;

  /** The first carnet of its household in the store: counts the household once. */
  @Column({ name: 'household_first', type: 'boolean' })
  householdFirst!: boolean;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ type: 'smallint' })
  cheques!: number;

  /** ISSUED or DISTRIBUTED. */
  @Column({ type: 'smallint' })
  unused!: number;

  @Column({ type: 'smallint' })
  redeemed!: number;

  @Column({ name: 'in_batch', type: 'smallint' })
  inBatch!: number;

  @Column({ type: 'smallint' })
  reimbursed!: number;

  @Column({ type: 'smallint' })
  expired!: number;

  @Column({ type: 'smallint' })
  cancelled!: number;

  /** Face value of its REDEEMED, IN_BATCH and REIMBURSED cheques. */
  @Column({ name: 'used_cents', type: 'int' })
  usedCents!: number;

  /** Its first active redemption. */
  @Column({ name: 'first_used_at', type: 'timestamptz', nullable: true })
  firstUsedAt!: Date | null;
}

/** report_carnet summed by origin, hand-out month, situation and age band. */
@Entity('report_handout_month')
@Index('IDX_report_handout_month_commune', ['programmeId', 'inseeCode'])
export class ReportHandoutMonth {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  period!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  situation!: string;

  @PrimaryColumn({ name: 'age_band', type: 'varchar', length: 10 })
  ageBand!: string;

  @Column({ type: 'int' })
  carnets!: number;

  @Column({ type: 'int' })
  households!: number;

  /** Carnets with at least one used cheque. */
  @Column({ type: 'int' })
  started!: number;

  /** Carnets whose every cheque is used. */
  @Column({ type: 'int' })
  completed!: number;

  @Column({ type: 'int' })
  unused!: number;

  @Column({ type: 'int' })
  redeemed!: number;

  @Column({ name: 'in_batch', type: 'int' })
  inBatch!: number;

  @Column({ type: 'int' })
  reimbursed!: number;

  @Column({ type: 'int' })
  expired!: number;

  @Column({ type: 'int' })
  cancelled!: number;

  @Column({ name: 'used_cents', type: 'bigint' })
  usedCents!: string;
}

/**
 * report_handout_month without the month: the handed-out carnets of each origin (programme,
 * commune, structure) by situation and age band, whatever month they were handed out. What the
 * summary, by-commune, by-prescriber and by-funder read (a programme's few thousand rows instead
 * of report_handout_month's tens of thousands); the refresh sums it again from
 * report_handout_month for the touched origins.
 */
@Entity('report_handout_origin')
export class ReportHandoutOrigin {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  situation!: string;

  @PrimaryColumn({ name: 'age_band', type: 'varchar', length: 10 })
  ageBand!: string;

  @Column({ type: 'int' })
  carnets!: number;

  @Column({ type: 'int' })
  households!: number;

  @Column({ type: 'int' })
  started!: number;

  @Column({ type: 'int' })
  completed!: number;

  @Column({ type: 'int' })
  unused!: number;

  @Column({ type: 'int' })
  redeemed!: number;

  @Column({ name: 'in_batch', type: 'int' })
  inBatch!: number;

  @Column({ type: 'int' })
  reimbursed!: number;

  @Column({ type: 'int' })
  expired!: number;

  @Column({ type: 'int' })
  cancelled!: number;

  @Column({ name: 'used_cents', type: 'bigint' })
  usedCents!: string;
}

/**
 * Hand-outs per month and beneficiaries' commune (report_handout_month without the structure,
 * situation and age band): the timeseries' hand-outs. The key leads with the commune, so that a
 * commune's scope reads its own rows only.
 */
@Entity('report_handout_commune_month')
export class ReportHandoutCommuneMonth {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  period!: string;

  @Column({ type: 'int' })
  carnets!: number;
}

/** Days from hand-out to first use (France's calendar), counted per origin: medians and p90. */
@Entity('report_first_use')
export class ReportFirstUse {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @PrimaryColumn({ name: 'delay_days', type: 'int' })
  delayDays!: number;

  @Column({ type: 'int' })
  carnets!: number;
}

/**
 * Handed-out carnets per need of their diagnostic and commune: `kind` SERVICE (a service of the
 * national list, `need` its name), PROCEDURE (an online procedure, `need` its code), or NONE
 * (no need recorded, `need` ''). A carnet counts once under each of its needs.
 */
@Entity('report_need')
@Check('CHK_report_need_kind', `kind IN ('SERVICE', 'PROCEDURE', 'NONE')`)
export class ReportNeed {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  kind!: string;

  @PrimaryColumn({ type: 'text' })
  need!: string;

  @Column({ type: 'int' })
  carnets!: number;

  @Column({ name: 'used_cheques', type: 'int' })
  usedCheques!: number;

  @Column({ name: 'used_cents', type: 'bigint' })
  usedCents!: string;
}

/** Active redemptions per venue, month (the redemption's period) and service. */
@Entity('report_venue_month')
@Index('IDX_report_venue_month_venue', ['venueId', 'programmeId'])
export class ReportVenueMonth {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  period!: string;

  @PrimaryColumn({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @PrimaryColumn({ type: 'text' })
  service!: string;

  @Column({ type: 'int' })
  redemptions!: number;

  @Column({ type: 'int' })
  cheques!: number;

  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: string;

  @Column({ type: 'int' })
  participants!: number;

  @Column({ type: 'int' })
  minutes!: number;
}

/**
 * report_venue_month without the month: active redemptions per venue and service, what by-venue
 * and by-service read (a row per venue and service). The refresh sums it again from
 * report_venue_month for the programmes of the dirty months.
 */
@Entity('report_venue_service')
export class ReportVenueService {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @PrimaryColumn({ type: 'text' })
  service!: string;

  @Column({ type: 'int' })
  redemptions!: number;

  @Column({ type: 'int' })
  cheques!: number;

  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: string;

  @Column({ type: 'int' })
  participants!: number;

  @Column({ type: 'int' })
  minutes!: number;
}

/**
 * Cheques of active redemptions per month (the redemption's period), service and origin of their
 * carnet (the beneficiary's commune, the structure that handed it out).
 */
@Entity('report_origin_month')
@Index('IDX_report_origin_month_commune', ['programmeId', 'inseeCode'])
export class ReportOriginMonth {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  period!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @PrimaryColumn({ type: 'text' })
  service!: string;

  @Column({ type: 'int' })
  cheques!: number;

  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: string;
}

/**
 * Unused cheques of active carnets that expire within the outlook (EXPIRY_OUTLOOK_DAYS), per
 * validity end and where they sit: `holder_kind` PROGRAMME (stock), COMMUNE, PRESCRIBER, or
 * BENEFICIARY (then `insee_code` is the beneficiary's commune and `prescriber_id` the structure
 * that handed the carnet out). `location`: the key of the place ('' for the stock, the commune, the
 * structure's id, or for beneficiaries '<structure id>:<commune>'), so that the row has a primary
 * key without nulls.
 */
@Entity('report_expiry')
export class ReportExpiry {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @PrimaryColumn({ name: 'holder_kind', type: 'varchar', length: 12 })
  holderKind!: string;

  @PrimaryColumn({ type: 'text' })
  location!: string;

  @Column({ name: 'insee_code', type: 'varchar', length: 5, nullable: true })
  inseeCode!: string | null;

  @Column({ name: 'prescriber_id', type: 'uuid', nullable: true })
  prescriberId!: string | null;

  @Column({ type: 'int' })
  cheques!: number;

  @Column({ type: 'bigint' })
  cents!: string;
}

export const REPORT_ENTITIES = [
  ReportState,
  ReportCarnet,
  ReportHandoutMonth,
  ReportHandoutOrigin,
  ReportHandoutCommuneMonth,
  ReportFirstUse,
  ReportNeed,
  ReportVenueMonth,
  ReportVenueService,
  ReportOriginMonth,
  ReportExpiry,
];
