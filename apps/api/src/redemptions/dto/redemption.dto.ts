import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAX_CHEQUES_PER_REDEMPTION,
  REDEMPTION_STATUSES,
  SERVICE_DURATION_MINUTES,
  SERVICE_PARTICIPANTS,
  type RedemptionStatus,
} from '@carnet/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { KeysetListQueryDto } from '#src/common/keyset.js';
import { KeysetPageMetaDto } from '#src/common/pagination.dto.js';
import { IsCalendarDate, Optional } from '#src/common/validators.js';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';

export class PresentedChequeDto {
  /**
   * The number as printed (spaces and dashes allowed), or the whole content of the cheque's QR
   * code (`PN1:<number>:<code>`), whose code then serves unless `securityCode` is given too.
   * @example "0000 0000 0017"
   */
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  number!: string;

  /**
   * The 10-character security code printed on the cheque (case, spaces, dashes and look-alike
   * letters forgiven). Required unless `number` is a scanned QR payload.
   * @example "K7QF2-M9XPA"
   */
  @Optional()
  @IsString()
  @MaxLength(20)
  securityCode?: string;
}

export class CreateRedemptionDto {
  /** The venue that gave the service: the caller's own, or one of its network's. */
  @IsUUID()
  venueId!: string;

  /**
   * The cheques presented for this service, 1 to 10 (one carnet's worth: a request locks the
   * carnets of its cheques, and a session is paid with a handful). Redeemed all together or
   * none.
   */
  @ApiProperty({
    type: [PresentedChequeDto],
    minItems: 1,
    maxItems: MAX_CHEQUES_PER_REDEMPTION,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHEQUES_PER_REDEMPTION)
  @ValidateNested({ each: true })
  @Type(() => PresentedChequeDto)
  cheques!: PresentedChequeDto[];

  /** A service of the venue's catalogue that the programme pays for. */
  @ApiProperty({ enum: MEDIATION_SERVICES, enumName: 'MediationService' })
  @IsIn(MEDIATION_SERVICES)
  service!: string;

  /** The day it was given (in France): not in the future, not before the hand-out. @example "2027-03-10" */
  @IsCalendarDate()
  serviceDate!: string;

  /** How long it lasted, in minutes (15 to 480). @example 90 */
  @ApiProperty({ minimum: SERVICE_DURATION_MINUTES.min, maximum: SERVICE_DURATION_MINUTES.max })
  @IsInt()
  @Min(SERVICE_DURATION_MINUTES.min)
  @Max(SERVICE_DURATION_MINUTES.max)
  durationMinutes!: number;

  /** People who attended (1 to 30); 1 when left out. @example 1 */
  @ApiPropertyOptional({ minimum: SERVICE_PARTICIPANTS.min, maximum: SERVICE_PARTICIPANTS.max })
  @Optional()
  @IsInt()
  @Min(SERVICE_PARTICIPANTS.min)
  @Max(SERVICE_PARTICIPANTS.max)
  participants?: number;
}

export class RedeemedChequeDto {
  /** @example "000000000017" */
  number!: string;
  /** @example 1000 */
  faceValueCents!: number;
}

export class RedemptionResponseDto {
  id!: string;
  venueId!: string;
  /** @example "Espace public numérique de Liévin" */
  venueName!: string;
  programmeId!: string;
  cheques!: RedeemedChequeDto[];
  /** Sum of the cheques' face values. @example 2000 */
  amountCents!: number;
  /** @example "EUR" */
  currency!: 'EUR';
  @ApiProperty({ enum: MEDIATION_SERVICES, enumName: 'MediationService' })
  service!: string;
  /** @example "2027-03-10" */
  serviceDate!: string;
  /** @example 90 */
  durationMinutes!: number;
  /** @example 1 */
  participants!: number;
  /** The month (in France) it is reimbursed for: the month it was made. @example "2027-03" */
  period!: string;
  @ApiProperty({ enum: REDEMPTION_STATUSES, enumName: 'RedemptionStatus' })
  status!: RedemptionStatus;
  /**
   * Who redeemed: a staff member's e-mail (`VENUE_STAFF` when an API client reads it) or
   * `api-client:<name>`. @example "venue@demo.carnet.fr"
   */
  redeemedBy!: string;
  createdAt!: Date;
  /** Until when its venue may cancel it (24 h), while no reimbursement batch holds it. */
  cancellableUntil!: Date;
  cancelledAt!: Date | null;
  /** Who cancelled, as `redeemedBy`. @example null */
  cancelledBy!: string | null;
  /** The reimbursement batch paying it; null until one holds it. */
  reimbursementBatchId!: string | null;
}

export class RedemptionFilterDto {
  @Optional()
  @IsUUID()
  venueId?: string;

  @Optional()
  @IsUUID()
  programmeId?: string;

  /** @example "2027-03" */
  @Optional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: REDEMPTION_STATUSES, enumName: 'RedemptionStatus' })
  @Optional()
  @IsIn(REDEMPTION_STATUSES)
  status?: RedemptionStatus;
}

export class ListRedemptionsQueryDto extends KeysetListQueryDto {
  /** `filter[venueId]`, `filter[programmeId]`, `filter[period]`, `filter[status]`. */
  @Optional()
  @ValidateNested()
  @Type(() => RedemptionFilterDto)
  filter?: RedemptionFilterDto;
}

export class RedemptionListResponseDto {
  data!: RedemptionResponseDto[];
  meta!: KeysetPageMetaDto;
}
