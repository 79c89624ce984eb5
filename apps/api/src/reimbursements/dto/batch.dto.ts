import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BATCH_LINE_STATUSES,
  BATCH_STATUSES,
  LINE_HOLD_REASONS,
  type BatchLineStatus,
  type BatchStatus,
  type LineHoldReason,
} from '@carnet/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto, PageQueryDto } from '#src/common/pagination.dto.js';
import { IsCalendarDate, Optional } from '#src/common/validators.js';
import { PENDING_JOB_STATES, type PendingJobState } from '../jobs/enqueue-once.js';
import { SEPA_FORMATS, type SepaFormat } from '../reimbursement-batch.entity.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateBatchDto {
  /** The programme whose redemptions the batch pays. */
  @IsUUID()
  programmeId!: string;

  /**
   * The month paid for (YYYY-MM, France): its redemptions made before the 1st of the next month,
   * midnight in Paris, and those of earlier months still waiting (on hold, rejected by the bank).
   * @example "2026-11"
   */
  @IsString()
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period!: string;
}

export class BatchFilterDto {
  @Optional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ enum: BATCH_STATUSES, enumName: 'BatchStatus' })
  @Optional()
  @IsIn(BATCH_STATUSES)
  status?: BatchStatus;

  /** @example "2026-11" */
  @Optional()
  @IsString()
  @Matches(PERIOD, { message: 'period must be YYYY-MM' })
  period?: string;
}

export class ListBatchesQueryDto extends ListQueryDto {
  /** `filter[programmeId]`, `filter[status]`, `filter[period]`. */
  @Optional()
  @ValidateNested()
  @Type(() => BatchFilterDto)
  filter?: BatchFilterDto;
}

export class BatchLineFilterDto {
  @ApiPropertyOptional({ enum: BATCH_LINE_STATUSES, enumName: 'BatchLineStatus' })
  @Optional()
  @IsIn(BATCH_LINE_STATUSES)
  status?: BatchLineStatus;
}

export class ListBatchLinesQueryDto extends PageQueryDto {
  /** `filter[status]`. Lines come by venue name. */
  @Optional()
  @ValidateNested()
  @Type(() => BatchLineFilterDto)
  filter?: BatchLineFilterDto;
}

/** A person who acted on a batch. */
export class BatchActorDto {
  id!: string;
  /** Their display name (their e-mail when the account is gone). @example "Sophie Lefebvre" */
  name!: string;
}

/** How far the worker is (generation steps, or files written at export). */
export class BatchProgressDto {
  /** @example 2 */
  done!: number;
  /** @example 4 */
  total!: number;
}

/** The worker's job for the batch's state (its generation, or its asked export). */
export class BatchJobDto {
  /**
   * waiting, active, delayed (backing off before another attempt), or failed: every attempt
   * failed, nothing runs it again until POST …/retry.
   */
  @ApiProperty({ enum: PENDING_JOB_STATES, enumName: 'BatchJobState' })
  state!: PendingJobState;
  /**
   * Why the last attempt failed, as the worker logged it (a technical message in English, not
   * for people to read; null for a venue). Null unless failed.
   * @example "Connection terminated unexpectedly"
   */
  @ApiProperty({ type: String, nullable: true })
  failedReason!: string | null;
}

export const APPROVAL_REFUSALS = ['NOT_DRAFT', 'FOUR_EYES_REQUIRED', 'ROLE'] as const;
export type ApprovalRefusal = (typeof APPROVAL_REFUSALS)[number];

/** Whether the caller may approve the batch now, and why not (the admin shows it). */
export class BatchApprovalDto {
  allowed!: boolean;
  /**
   * NOT_DRAFT (not waiting for approval), FOUR_EYES_REQUIRED (you created or generated it), ROLE
   * (only finance officers approve); null when allowed.
   */
  @ApiProperty({ enum: APPROVAL_REFUSALS, enumName: 'BatchApprovalRefusal', nullable: true })
  refusal!: ApprovalRefusal | null;
}

/** A funder's part of what the batch pays (of the caller's lines, for a venue). */
export class BatchFunderDto {
  funderId!: string;
  /** @example "État — Préfecture du Pas-de-Calais" */
  funderName!: string;
  /** Its share of the programme, in basis points (10,000 = 100 %). @example 6000 */
  basisPoints!: number;
  /** @example 72000 */
  cents!: number;
}

/** A file of an exported batch, complete (sealed with its SHA-256). */
export class BatchFileDto {
  /** @example "sepa.xml" */
  name!: string;
  /** @example "application/xml" */
  mediaType!: string;
  sizeBytes!: number;
  /** Hex SHA-256 of the bytes. */
  sha256!: string;
  /** The venue a statement is for; null for the batch's own files. */
  venueId!: string | null;
}

export class ReimbursementBatchDto {
  id!: string;
  programmeId!: string;
  programmeName!: string;
  /** @example "2026-11" */
  period!: string;
  /** The first instant no longer in the period (midnight in Paris): it takes what was before. */
  cutoff!: Date;
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' })
  status!: BatchStatus;
  /** The finance officer who asked for it; null when the monthly job made it. */
  @ApiProperty({ type: BatchActorDto, nullable: true })
  createdBy!: BatchActorDto | null;
  /** When it was sealed (GENERATING → DRAFT). */
  generatedAt!: Date | null;
  @ApiProperty({ type: BatchActorDto, nullable: true })
  approvedBy!: BatchActorDto | null;
  approvedAt!: Date | null;
  exportRequestedAt!: Date | null;
  /** YYYY-MM-DD */
  requestedExecutionDate!: string | null;
  exportedAt!: Date | null;
  closedAt!: Date | null;
  @ApiProperty({ enum: SEPA_FORMATS, enumName: 'SepaFormat', nullable: true })
  sepaFormat!: SepaFormat | null;
  lineCount!: number;
  redemptionCount!: number;
  chequeCount!: number;
  /** What the transfer pays: the lines PAYABLE at sealing (then PAID or REJECTED). */
  payableCents!: number;
  /** What waits for a later batch (ON_HOLD lines). */
  onHoldCents!: number;
  paidCents!: number;
  rejectedCents!: number;
  /**
   * Sealed with nothing to pay (for a venue: its line): no PAYABLE line, because no redemption
   * waited that month or every venue is on hold. Such a batch is approved and exported like any
   * other, but its export writes no sepa.xml, état liquidatif nor cheques.csv (synthese.pdf and
   * manifest.json only) and it closes PAID at once: there is no transfer to wait for. False while
   * GENERATING.
   * @example false
   */
  nothingToPay!: boolean;
  currency!: 'EUR';
  /** The worker's progress while it generates (or exports); null otherwise. */
  @ApiProperty({ type: BatchProgressDto, nullable: true })
  progress!: BatchProgressDto | null;
  /**
   * The worker's job while one is due: the generation while GENERATING, the export once asked
   * and until EXPORTED; null otherwise (or when the job is gone: a retry queues it again). A
   * `failed` job stays so until a finance officer asks POST …/retry.
   */
  @ApiProperty({ type: BatchJobDto, nullable: true })
  job!: BatchJobDto | null;
  approval!: BatchApprovalDto;
  @ApiProperty({ type: [BatchFunderDto] })
  funders!: BatchFunderDto[];
  @ApiProperty({ type: [BatchFileDto] })
  files!: BatchFileDto[];
}

export class BatchListResponseDto {
  data!: ReimbursementBatchDto[];
  meta!: PageMetaDto;
}

/** A line's funder split. */
export class LineFunderDto {
  funderId!: string;
  funderName!: string;
  cents!: number;
}

/** What a batch pays one venue. */
export class BatchLineDto {
  id!: string;
  venueId!: string;
  /** The venue's name at sealing. */
  venueName!: string;
  /** Its SIRET (or RNA) at sealing. */
  venuePivot!: string;
  @ApiProperty({ enum: BATCH_LINE_STATUSES, enumName: 'BatchLineStatus' })
  status!: BatchLineStatus;
  /** Why it waits (ON_HOLD); empty otherwise. */
  @ApiProperty({ enum: LINE_HOLD_REASONS, enumName: 'LineHoldReason', isArray: true })
  holdReasons!: LineHoldReason[];
  redemptionCount!: number;
  chequeCount!: number;
  amountCents!: number;
  currency!: 'EUR';
  /** The verified account holder paid; null on hold. */
  holderName!: string | null;
  /** The IBAN paid, masked: "FR76 **** … 0189". @example "FR76 **** … 0189" */
  ibanMasked!: string | null;
  bic!: string | null;
  /** The SEPA EndToEndId of its transfer. */
  endToEndId!: string | null;
  /** YYYY-MM-DD, once the bank paid it. */
  paidOn!: string | null;
  rejectionReason!: string | null;
  @ApiProperty({ type: [LineFunderDto] })
  funders!: LineFunderDto[];
}

export class BatchLineListResponseDto {
  data!: BatchLineDto[];
  meta!: PageMetaDto;
}

export class ExportBatchDto {
  /**
   * The day the bank is asked to execute the transfers (YYYY-MM-DD), from today in Paris to 90
   * days ahead. @example "2026-12-07"
   */
  @IsCalendarDate()
  requestedExecutionDate!: string;
}

export const PAYMENT_OUTCOMES = ['PAID', 'REJECTED'] as const;

/** The bank's outcome of one line's transfer. */
export class PaymentOutcomeDto {
  /** A PAYABLE line of the batch. */
  @IsUUID()
  lineId!: string;

  @ApiProperty({ enum: PAYMENT_OUTCOMES, enumName: 'PaymentOutcomeStatus' })
  @IsIn(PAYMENT_OUTCOMES)
  status!: (typeof PAYMENT_OUTCOMES)[number];

  /**
   * PAID: the day the bank paid it (YYYY-MM-DD), not in the future nor before the export.
   * @example "2026-12-07"
   */
  @ValidateIf((o: PaymentOutcomeDto) => o.status === 'PAID' || o.paidOn !== undefined)
  @IsCalendarDate()
  paidOn?: string;

  /** REJECTED: why, as the bank says it. @example "compte du bénéficiaire clos" */
  @ValidateIf((o: PaymentOutcomeDto) => o.status === 'REJECTED' || o.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}

export class RecordPaymentsDto {
  /** One outcome per line, at most one per line in a request. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => PaymentOutcomeDto)
  outcomes!: PaymentOutcomeDto[];
}

/** A line the status report settled, by its end-to-end id. */
export class ReportPaidLineDto {
  lineId!: string;
  endToEndId!: string;
  /** YYYY-MM-DD */
  paidOn!: string;
}

export class ReportRejectedLineDto {
  lineId!: string;
  endToEndId!: string;
  /** @example "compte du bénéficiaire clos" */
  reason!: string;
}

/** A line the report names but leaves as it is (pending at the bank, or decided already). */
export class ReportUntouchedLineDto {
  lineId!: string;
  endToEndId!: string;
  /** The bank's status (PDNG, ACCP…) for a pending line; the line's status for a decided one. */
  status!: string;
}

/** An end-to-end id of no line of this batch. */
export class ReportUnknownTransactionDto {
  endToEndId!: string;
  status!: string;
}

/** What a status report changed, and the batch after it. */
export class StatusReportResultDto {
  /** The report's own MsgId. */
  reportMessageId!: string;
  @ApiProperty({ type: [ReportPaidLineDto] })
  paid!: ReportPaidLineDto[];
  @ApiProperty({ type: [ReportRejectedLineDto] })
  rejected!: ReportRejectedLineDto[];
  /** Still pending at the bank: nothing recorded. */
  @ApiProperty({ type: [ReportUntouchedLineDto] })
  pending!: ReportUntouchedLineDto[];
  /** Decided before (PAID, REJECTED): left as they were. */
  @ApiProperty({ type: [ReportUntouchedLineDto] })
  skipped!: ReportUntouchedLineDto[];
  @ApiProperty({ type: [ReportUnknownTransactionDto] })
  unknown!: ReportUnknownTransactionDto[];
  batch!: ReimbursementBatchDto;
}
