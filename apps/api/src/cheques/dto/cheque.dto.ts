import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { formatCarnetSerial } from '@carnet/domain';
import { IsUUID } from 'class-validator';
import { Optional } from '#src/common/validators.js';
import type { AuditEventResponseDto } from '#src/audit/dto/audit-event-response.dto.js';
import type { ChequeCheck, NotPayableReason } from '../cheques.service.js';
import { ChequeSummaryDto } from './carnet.dto.js';

const NOT_PAYABLE_REASONS: NotPayableReason[] = [
  'PROGRAMME_NOT_ACTIVE',
  'NOT_HANDED_OUT',
  'ALREADY_USED',
  'CANCELLED',
  'EXPIRED',
  'PAST_VALIDITY',
  'VENUE_NOT_QUALIFIED',
  'NOT_A_VENUE',
];

export class ChequeProgrammeDto {
  id!: string;
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  name!: string;
}

/** What a venue learns when it checks a cheque. */
export class ChequeCheckResponseDto extends ChequeSummaryDto {
  programme!: ChequeProgrammeDto;
  /** @example "0000042" */
  carnetSerial!: string;
  /** True when this venue may accept it today. */
  payableHere!: boolean;
  /** Why not, when not payable here. */
  @ApiPropertyOptional({ enum: NOT_PAYABLE_REASONS, enumName: 'NotPayableReason' })
  reason!: NotPayableReason | null;

  static fromCheck(check: ChequeCheck): ChequeCheckResponseDto {
    return Object.assign(new ChequeCheckResponseDto(), ChequeSummaryDto.from(check.cheque), {
      programme: { id: check.programme.id, name: check.programme.name },
      carnetSerial: formatCarnetSerial(check.carnet.serial),
      payableHere: check.payableHere,
      reason: check.reason,
    });
  }
}

export class ExpiryRowDto {
  @ApiProperty({ enum: ['PROGRAMME', 'COMMUNE', 'PRESCRIBER'] })
  level!: 'PROGRAMME' | 'COMMUNE' | 'PRESCRIBER';
  inseeCode!: string | null;
  communeName!: string | null;
  prescriberId!: string | null;
  prescriberName!: string | null;
  /** Carnets that reached this level and are not cancelled. @example 120 */
  issued!: number;
  /** @example 80 */
  handedOut!: number;
  /** @example 40 */
  notHandedOut!: number;
  /** Handed out with at least one cheque used. @example 60 */
  started!: number;
}

export class FunderValueDto {
  funderId!: string;
  /** @example "État" */
  funderName!: string;
  /** @example 65000 */
  cents!: number;
}

export class ExpiredValueDto {
  /** @example 1200 */
  cheques!: number;
  /** @example 1200000 */
  valueCents!: number;
  /** The expired value split by funding shares, to the cent. */
  byFunder!: FunderValueDto[];
}

export class ExpiryResponseDto {
  programmeId!: string;
  /** @example "2027-06-30" */
  validityEndDate!: string;
  /** @example 15 */
  graceDays!: number;
  /** First day unused cheques are expired. @example "2027-07-16" */
  expiresOn!: string;
  /** @example 21 */
  daysLeft!: number;
  /** True from EXPIRY_ALERT_DAYS before the validity end. */
  alert!: boolean;
  rows!: ExpiryRowDto[];
  /** Value expired, programme-wide: null for a commune's référents. */
  expired!: ExpiredValueDto | null;
}

/** Every event of a cheque, oldest first, from the audit log. */
export class ChequeEventListResponseDto {
  data!: AuditEventResponseDto[];
}

export class ChequeCheckQueryDto {
  /**
   * The venue checking: required for an API client of a network of venues (one of its venues);
   * a venue's own staff and clients may leave it out (it must be their venue if given).
   * @example "3f1e2d4c-5b6a-4789-8abc-0123456789ab"
   */
  @Optional()
  @IsUUID()
  venueId?: string;
}
