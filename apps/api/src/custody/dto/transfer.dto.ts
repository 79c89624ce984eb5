import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOLDER_KINDS, MOVEMENT_KINDS, type HolderKind, type MovementKind } from '@carnet/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { CustodyMovement } from '../custody-movement.entity.js';
import type { TransferResult } from '../transfer-result.js';
import { HolderDto } from './holder.dto.js';
import { IntegerParam, Optional, OptionalNullable } from '#src/common/validators.js';

/** The receiving holder. */
export class HolderRefDto {
  /** @example "COMMUNE" */
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'HolderKind' })
  @IsIn(HOLDER_KINDS)
  kind!: HolderKind;

  /** For COMMUNE: its INSEE code (a prescriber's return goes to its own commune by default). @example "62510" */
  @Optional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'inseeCode must be an INSEE code' })
  inseeCode?: string;

  /** For PRESCRIBER: the structure's id. */
  @Optional()
  @IsUUID()
  prescriberId?: string;
}

/** Which carnets: a list of ids, or a range of serials (both ends included). */
export class TransferSelectionDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50_000)
  @IsUUID('all', { each: true })
  carnetIds?: string[];

  /** @example 1 */
  @Optional()
  @IntegerParam({ min: 1 })
  serialFrom?: number;

  /** @example 100 */
  @Optional()
  @IntegerParam({ min: 1 })
  serialTo?: number;
}

export class CreateTransferDto {
  @IsObject()
  @ValidateNested()
  @Type(() => HolderRefDto)
  to!: HolderRefDto;

  /** Free text kept in the ledger, e.g. a delivery slip number. @example "Bordereau 2026-014" */
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class BulkTransferDto extends TransferSelectionDto {
  @IsObject()
  @ValidateNested()
  @Type(() => HolderRefDto)
  to!: HolderRefDto;

  /** @example "Bordereau 2026-014" */
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class TransferResponseDto {
  /** Shared by the ledger rows of this transfer. */
  transferId!: string;
  @ApiProperty({ enum: MOVEMENT_KINDS, enumName: 'MovementKind' })
  kind!: MovementKind;
  /** @example 100 */
  count!: number;
  /** Serials moved, as ranges. @example "1-100" */
  serials!: string;
  from!: HolderDto;
  to!: HolderDto;

  static from(result: TransferResult): TransferResponseDto {
    return Object.assign(new TransferResponseDto(), {
      ...result,
      from: HolderDto.from(result.from),
      to: HolderDto.from(result.to),
    });
  }
}

/** One row of the custody ledger. */
export class MovementDto {
  /** @example "1042" */
  id!: string;
  transferId!: string;
  @ApiProperty({ enum: MOVEMENT_KINDS, enumName: 'MovementKind' })
  kind!: MovementKind;
  from!: HolderDto | null;
  to!: HolderDto | null;
  /** The user's e-mail, or `system:issuance` for the run. @example "manager@demo.carnet.fr" */
  actorLabel!: string;
  /** The acting user's name (null for a job or an API client). @example "Julien Caron" */
  actorName!: string | null;
  note!: string | null;
  createdAt!: Date;

  static from(m: CustodyMovement): MovementDto {
    return Object.assign(new MovementDto(), {
      id: m.id,
      transferId: m.transferId,
      kind: m.kind,
      from: m.fromHolder ? HolderDto.from(m.fromHolder) : null,
      to: m.toHolder ? HolderDto.from(m.toHolder) : null,
      actorLabel: m.actorLabel,
      actorName: m.actorName ?? null,
      note: m.note,
      createdAt: m.createdAt,
    });
  }
}

export class MovementListResponseDto {
  data!: MovementDto[];
}
