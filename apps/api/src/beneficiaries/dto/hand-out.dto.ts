import { HAND_OUT_STATUSES, type HandOutStatus } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Optional } from '#src/common/validators.js';

/**
 * The carnet is named by exactly one of its serial (as printed on the cover), its id, or the
 * number of one of its cheques (what the camera reads from a cheque's QR code, without its code).
 */
export class CreateHandOutDto {
  /** The serial printed on the carnet's cover; spaces and leading zeros allowed. @example "0000042" */
  @Optional()
  @IsString()
  @MaxLength(20)
  carnetSerial?: string;

  @Optional()
  @IsUUID()
  carnetId?: string;

  /** The number of any cheque of the carnet, as printed or read from its QR code. @example "000000000013" */
  @Optional()
  @IsString()
  @MaxLength(20)
  chequeNumber?: string;

  /** The beneficiary's diagnostic the hand-out follows. */
  @IsUUID()
  diagnosticId!: string;
}

export class HandOutResponseDto {
  id!: string;
  beneficiaryId!: string;
  programmeId!: string;
  carnetId!: string;
  /** @example 42 */
  carnetSerial!: number;
  /** Cheques of the carnet still worth something (neither cancelled nor expired). @example 10 */
  cheques!: number;
  /** Their value, in cents. @example 10000 */
  valueCents!: number;
  /** The last day one of them is valid. @example "2027-06-30" */
  validUntil!: string | null;
  /** The structure whose stock the carnet came from. */
  prescriberId!: string;
  /** @example "CCAS de Lens" */
  prescriberName!: string;
  agentId!: string;
  /** @example "Julien Caron" */
  agentName!: string;
  diagnosticId!: string;
  /** The manager's permission used, when the household already had a carnet. */
  exceptionId!: string | null;
  @ApiProperty({ enum: HAND_OUT_STATUSES, enumName: 'HandOutStatus' })
  status!: HandOutStatus;
  createdAt!: Date;
  /** Until when the structure may undo it (while no cheque is used). */
  undoableUntil!: Date;
  undoneAt!: Date | null;
}

export class HandOutListResponseDto {
  /** Newest first. */
  data!: HandOutResponseDto[];
}

export class CreateHouseholdExceptionDto {
  /**
   * Why this household gets one more carnet (10 to 500 characters; no health or other sensitive
   * data). @example "Deux adultes en recherche d'emploi, besoins distincts : accord de la commission du 12/11."
   */
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  @Matches(/\S/)
  justification!: string;
}

export class HouseholdExceptionResponseDto {
  id!: string;
  /** The beneficiary it was granted through. */
  beneficiaryId!: string;
  justification!: string;
  grantedById!: string;
  /** @example "Camille Martin" */
  grantedByName!: string;
  grantedAt!: Date;
  /** When a hand-out used it (null: still available). */
  usedAt!: Date | null;
}

export class HouseholdExceptionListResponseDto {
  data!: HouseholdExceptionResponseDto[];
}
