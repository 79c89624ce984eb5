import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CANCELLATION_REASONS,
  CHEQUE_STATUSES,
  formatChequeNumber,
  HOLDER_KINDS,
  type CancellationReason,
  type ChequeStatus,
  type HolderKind,
} from '@carnet/domain';
import { Type } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { KeysetListQueryDto } from '#src/common/keyset.js';
import type { KeysetPageMetaDto } from '#src/common/pagination.dto.js';
import { CARNET_STATUSES, type Carnet, type CarnetStatus } from '../carnet.entity.js';
import {
  CHEQUE_CANCELLATION_REASONS,
  type Cheque,
  type ChequeCancellationReason,
} from '../cheque.entity.js';
import type { CustodyMovement } from '#src/custody/custody-movement.entity.js';
import { HolderDto } from '#src/custody/dto/holder.dto.js';
import { MovementDto } from '#src/custody/dto/transfer.dto.js';
import { IntegerParam, Optional, OptionalNullable } from '#src/common/validators.js';

export class CarnetFilterDto {
  @Optional()
  @IsUUID()
  programmeId?: string;

  @Optional()
  @IsUUID()
  issuanceId?: string;

  @ApiPropertyOptional({ enum: CARNET_STATUSES, enumName: 'CarnetStatus' })
  @Optional()
  @IsIn(CARNET_STATUSES)
  status?: CarnetStatus;

  @Optional()
  @IsUUID()
  holderId?: string;

  @ApiPropertyOptional({ enum: HOLDER_KINDS, enumName: 'HolderKind' })
  @Optional()
  @IsIn(HOLDER_KINDS)
  holderKind?: HolderKind;

  /** Carnets held by this commune. */
  @Optional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/)
  inseeCode?: string;

  /** Carnets held by this prescriber. */
  @Optional()
  @IsUUID()
  prescriberId?: string;

  @Optional()
  @IntegerParam({ min: 1 })
  serialFrom?: number;

  @Optional()
  @IntegerParam({ min: 1 })
  serialTo?: number;
}

/** Sortable fields: `serial` (default), `createdAt`. Pages by `page` or by `cursor`. */
export class ListCarnetsQueryDto extends KeysetListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => CarnetFilterDto)
  filter?: CarnetFilterDto;
}

export class CarnetResponseDto {
  id!: string;
  /** @example 42 */
  serial!: number;
  programmeId!: string;
  issuanceId!: string;
  @ApiProperty({ enum: CARNET_STATUSES, enumName: 'CarnetStatus' })
  status!: CarnetStatus;
  /** Who holds it now; null once cancelled. */
  holder!: HolderDto | null;
  /** Who held it when it was cancelled (a replacement goes there). */
  lastHolder!: HolderDto | null;
  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, enumName: 'CancellationReason' })
  cancellationReason!: CancellationReason | null;
  cancellationComment!: string | null;
  cancelledAt!: Date | null;
  /** The cancelled carnet this one replaces. */
  replacesCarnetId!: string | null;
  createdAt!: Date;

  static from(c: Carnet): CarnetResponseDto {
    return Object.assign(new CarnetResponseDto(), {
      id: c.id,
      serial: c.serial,
      programmeId: c.programmeId,
      issuanceId: c.issuanceId,
      status: c.status,
      holder: c.holder ? HolderDto.from(c.holder) : null,
      lastHolder: c.lastHolder ? HolderDto.from(c.lastHolder) : null,
      cancellationReason: c.cancellationReason,
      cancellationComment: c.cancellationComment,
      cancelledAt: c.cancelledAt,
      replacesCarnetId: c.replacesCarnetId,
      createdAt: c.createdAt,
    });
  }
}

export class CarnetListResponseDto {
  data!: CarnetResponseDto[];
  meta!: KeysetPageMetaDto;
}

export class ChequeSummaryDto {
  /** @example "000000000017" */
  number!: string;
  /** @example "0000 0000 0017" */
  formattedNumber!: string;
  /** @example 1 */
  position!: number;
  /** @example 1000 */
  faceValueCents!: number;
  /** @example "EUR" */
  currency!: 'EUR';
  /** @example "2027-06-30" */
  validUntil!: string;
  @ApiProperty({ enum: CHEQUE_STATUSES, enumName: 'ChequeStatus' })
  status!: ChequeStatus;
  @ApiPropertyOptional({ enum: CHEQUE_CANCELLATION_REASONS, enumName: 'ChequeCancellationReason' })
  cancellationReason!: ChequeCancellationReason | null;
  statusChangedAt!: Date;
  /**
   * Since when five wrong security codes lock it (423 CHEQUE_LOCKED to whoever presents it) until
   * a programme manager unlocks it; null when it is not locked.
   */
  lockedAt!: Date | null;

  static from(c: Cheque): ChequeSummaryDto {
    return Object.assign(new ChequeSummaryDto(), {
      number: c.number,
      formattedNumber: formatChequeNumber(c.number),
      position: c.position,
      faceValueCents: c.faceValueCents,
      currency: 'EUR' as const,
      validUntil: c.validUntil,
      status: c.status,
      cancellationReason: c.cancellationReason,
      statusChangedAt: c.statusChangedAt,
      lockedAt: c.lockedAt,
    });
  }
}

export class CarnetDetailResponseDto extends CarnetResponseDto {
  cheques!: ChequeSummaryDto[];
  movements!: MovementDto[];
  /** The carnet issued to replace this one, once replaced. */
  replacedByCarnetId!: string | null;

  static fromDetail(detail: {
    carnet: Carnet;
    cheques: Cheque[];
    movements: CustodyMovement[];
    replacedBy: string | null;
  }): CarnetDetailResponseDto {
    const { carnet, cheques, movements, replacedBy } = detail;
    return Object.assign(new CarnetDetailResponseDto(), CarnetResponseDto.from(carnet), {
      replacedByCarnetId: replacedBy,
      cheques: cheques.map((c) => ChequeSummaryDto.from(c)),
      movements: movements.map((m) => MovementDto.from(m)),
    });
  }
}

/** Why: a reason is always required. */
export class CancelDto {
  /** @example "LOST" */
  @ApiProperty({ enum: CANCELLATION_REASONS, enumName: 'CancellationReason' })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;

  /** @example "Perdu lors d'un déménagement, déclaré au CCAS le 12/11" */
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  comment?: string | null;
}
