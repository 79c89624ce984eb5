import { BANK_ACCOUNT_STATUSES, type BankAccountStatus } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { maskIban } from '#src/audit/redaction.js';
import type { BankAccount } from '../bank-account.entity.js';
import { Optional, OptionalNullable } from '#src/common/validators.js';

export class SetBankAccountDto {
  /** Holder exactly as on the RIB: it becomes the creditor name of transfers. @example "COMMUNE DE LIEVIN" */
  @IsString()
  @MinLength(2)
  @MaxLength(70)
  holderName!: string;

  /** Spaces allowed; checked (country, length, checksum). @example "FR76 3000 6000 0112 3456 7890 189" */
  @IsString()
  @MaxLength(42)
  iban!: string;

  /** @example "AGRIFRPP" */
  @IsString()
  @MaxLength(11)
  bic!: string;
}

export class BankAccountDecisionDto {
  @ApiProperty({ enum: ['VERIFIED', 'REJECTED'] })
  @IsIn(['VERIFIED', 'REJECTED'])
  status!: 'VERIFIED' | 'REJECTED';

  /** Required when rejecting. @example "Le titulaire ne correspond pas au RIB." */
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  reason?: string | null;

  /**
   * The bank details the decider read (their `id`): refused with 409 BANK_ACCOUNT_CHANGED when
   * the venue has entered others since. The admin always sends it.
   */
  @Optional()
  @IsUUID()
  bankAccountId?: string;

  /**
   * The RIB the decider read beside them (`documentId`; null: none): refused with 409
   * BANK_ACCOUNT_CHANGED when another was attached since.
   */
  @OptionalNullable()
  @IsUUID()
  documentId?: string | null;
}

export class BankAccountResponseDto {
  id!: string;
  venueId!: string;
  holderName!: string;
  /** Masked except the country and the last 4 characters for roles that do not verify. */
  iban!: string;
  bic!: string;
  hasDocument!: boolean;
  /** The attached RIB, to name in a decision (null: none). */
  documentId!: string | null;
  @ApiProperty({ enum: BANK_ACCOUNT_STATUSES, enumName: 'BankAccountStatus' })
  status!: BankAccountStatus;
  enteredBy!: string;
  enteredAt!: Date;
  decidedBy!: string | null;
  decidedAt!: Date | null;
  decisionReason!: string | null;
  validFrom!: Date;
  validTo!: Date | null;

  static from(account: BankAccount, showIban: boolean): BankAccountResponseDto {
    return {
      id: account.id,
      venueId: account.venueId,
      holderName: account.holderName,
      iban: showIban ? account.iban : maskIban(account.iban),
      bic: account.bic,
      hasDocument: account.documentId !== null,
      documentId: account.documentId,
      status: account.status,
      enteredBy: account.enteredBy,
      enteredAt: account.enteredAt,
      decidedBy: account.decidedBy,
      decidedAt: account.decidedAt,
      decisionReason: account.decisionReason,
      validFrom: account.validFrom,
      validTo: account.validTo,
    };
  }
}

export class BankAccountHistoryResponseDto {
  /** The account in force (null when none was entered). */
  current!: BankAccountResponseDto | null;
  /** Every version, newest first. */
  history!: BankAccountResponseDto[];
}

export class PendingBankAccountDto extends BankAccountResponseDto {
  venueName!: string;
}

export class PendingBankAccountListResponseDto {
  data!: PendingBankAccountDto[];
}
