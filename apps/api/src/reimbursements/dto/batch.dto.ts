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
import { IsIn, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ListQueryDto, PageMetaDto, PageQueryDto } from '#src/common/pagination.dto.js';
import { Optional } from '#src/common/validators.js';
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
  currency!: 'EUR';
  /** The worker's progress while it generates (or exports); null otherwise. */
  @ApiProperty({ type: BatchProgressDto, nullable: true })
  progress!: BatchProgressDto | null;
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
