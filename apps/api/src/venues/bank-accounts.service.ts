import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mayVerifyBankAccount } from '@carnet/domain';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { DataSource } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import type { Principal } from '#src/access/principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { assertPdf } from '#src/files/document.exception.js';
import type { StoredDocument } from '#src/files/document.entity.js';
import { DocumentsRepository } from '#src/files/documents.repository.js';
import type { BankAccount } from './bank-account.entity.js';
import type { BankAccountDecisionDto, SetBankAccountDto } from './dto/bank-account.dto.js';
import { VenueException, VenueExceptionCode } from './venue.exception.js';
import { VenuesRepository } from './venues.repository.js';
import { VenuesService } from './venues.service.js';

/**
 * Bank details of venues, public money's last mile: any change goes back to PENDING, a finance
 * officer other than the one who entered it verifies it, and only a VERIFIED account is paid.
 */
@Injectable()
export class BankAccountsService {
  constructor(
    private readonly venues: VenuesService,
    private readonly rows: VenuesRepository,
    private readonly documents: DocumentsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async history(
    principal: Principal,
    venueId: string,
  ): Promise<{ current: BankAccount | null; history: BankAccount[] }> {
    await this.venues.get(principal, venueId);
    const history = await this.rows.bankAccountHistory(venueId);
    return { current: history.find((a) => a.validTo === null) ?? null, history };
  }

  /** Enters new bank details: the previous ones stop being valid now, the new ones wait for verification. */
  set(actor: Principal, venueId: string, input: SetBankAccountDto): Promise<BankAccount> {
    const iban = electronicFormatIBAN(input.iban) ?? '';
    if (!isValidIBAN(iban)) {
      throw new VenueException(
        VenueExceptionCode.INVALID_IBAN,
        'This IBAN is not valid (country, length or check digits).',
        [{ field: 'iban', message: 'invalid IBAN' }],
      );
    }
    const bic = input.bic.replace(/\s/g, '').toUpperCase();
    if (!isValidBIC(bic)) {
      throw new VenueException(VenueExceptionCode.INVALID_BIC, 'This BIC is not valid.', [
        { field: 'bic', message: 'invalid BIC' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.venues.get(actor, venueId, manager);
      const current = await this.rows.currentBankAccount(venueId, manager, true);
      if (current) await this.rows.closeBankAccount(manager, current.id);
      const account = await this.rows.saveBankAccount(manager, {
        venueId,
        holderName: input.holderName.trim(),
        iban,
        bic,
        documentId: null,
        status: 'PENDING',
        enteredBy: actor.id,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        validTo: null,
      });
      await this.audit.record(manager, actor, {
        action: 'bank-account.entered',
        entityType: 'bank-account',
        entityId: account.id,
        before: current ? { id: current.id, status: current.status, iban: current.iban } : null,
        after: { venueId, holderName: account.holderName, iban, bic, status: 'PENDING' },
      });
      return account;
    });
  }

  /** Attaches the RIB (PDF) to the current, still pending, bank details. */
  attachDocument(
    actor: Principal,
    venueId: string,
    content: unknown,
    contentType: string | undefined,
  ): Promise<BankAccount> {
    assertPdf(content, contentType);
    return this.dataSource.transaction(async (manager) => {
      await this.venues.get(actor, venueId, manager);
      const account = await this.rows.currentBankAccount(venueId, manager, true);
      if (!account)
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_NOT_FOUND,
          'Enter the bank details first.',
        );
      if (account.status !== 'PENDING') {
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_ALREADY_DECIDED,
          'These bank details were already decided: enter them again to change the RIB.',
        );
      }
      const document = await this.documents.store(manager, {
        filename: `rib-${venueId}.pdf`,
        contentType: 'application/pdf',
        content,
        uploadedBy: actor.id,
      });
      account.documentId = document.id;
      const saved = await this.rows.saveBankAccount(manager, account);
      await this.audit.record(manager, actor, {
        action: 'bank-account.document-attached',
        entityType: 'bank-account',
        entityId: account.id,
        after: { documentId: document.id, sha256: document.sha256 },
      });
      return saved;
    });
  }

  /** The RIB attached to the venue's current bank details, with its bytes. */
  async document(principal: Principal, venueId: string): Promise<StoredDocument> {
    await this.venues.get(principal, venueId);
    const account = await this.rows.currentBankAccount(venueId);
    if (!account) {
      throw new VenueException(
        VenueExceptionCode.BANK_ACCOUNT_NOT_FOUND,
        `Venue ${venueId} has no bank details.`,
      );
    }
    const document = account.documentId
      ? await this.documents.findWithContent(account.documentId)
      : null;
    if (!document) {
      throw new VenueException(
        VenueExceptionCode.BANK_ACCOUNT_DOCUMENT_MISSING,
        'No RIB was attached to these bank details.',
      );
    }
    return document;
  }

  /** Verifies or rejects the pending bank details; never by the person who entered them. */
  decide(actor: Principal, venueId: string, input: BankAccountDecisionDto): Promise<BankAccount> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.get(actor, venueId, manager);
      const account = await this.rows.currentBankAccount(venueId, manager, true);
      if (!account)
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_NOT_FOUND,
          `Venue ${venueId} has no bank details.`,
        );
      if (account.status !== 'PENDING') {
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_ALREADY_DECIDED,
          `These bank details are already ${account.status}.`,
        );
      }
      // What the decider read must still be what is decided: venue staff may enter new details,
      // or attach another RIB, while a finance officer looks at the old ones.
      const changed =
        (input.bankAccountId !== undefined && input.bankAccountId !== account.id) ||
        (input.documentId !== undefined && input.documentId !== account.documentId);
      if (changed) {
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_CHANGED,
          'These bank details or their RIB changed since you read them: read them again before deciding.',
        );
      }
      if (!mayVerifyBankAccount(account.enteredBy, actor.id)) {
        throw new VenueException(
          VenueExceptionCode.FOUR_EYES_REQUIRED,
          'Bank details must be verified by a finance officer other than the person who entered them.',
        );
      }
      if (input.status === 'VERIFIED' && account.documentId === null) {
        throw new VenueException(
          VenueExceptionCode.BANK_ACCOUNT_DOCUMENT_MISSING,
          'Attach the RIB before verifying the bank details: they are checked against it.',
        );
      }
      if (input.status === 'REJECTED' && !input.reason) {
        throw new CommonException(
          CommonExceptionCode.VALIDATION_FAILED,
          'Say why the bank details are rejected.',
          [{ field: 'reason', message: 'required when rejecting' }],
        );
      }
      account.status = input.status;
      account.decidedBy = actor.id;
      account.decidedAt = new Date();
      account.decisionReason = input.reason ?? null;
      const saved = await this.rows.saveBankAccount(manager, account);
      await this.audit.record(manager, actor, {
        action: input.status === 'VERIFIED' ? 'bank-account.verified' : 'bank-account.rejected',
        entityType: 'bank-account',
        entityId: account.id,
        before: { status: 'PENDING' },
        after: { status: input.status, reason: input.reason ?? null },
      });
      return saved;
    });
  }

  pending(): Promise<(BankAccount & { venueName: string })[]> {
    return this.rows.pendingBankAccounts();
  }

  /**
   * The account a payment to this venue may go to: its current bank details, VERIFIED. Anything
   * else (none, pending, rejected) refuses, so no euro leaves for unchecked details.
   */
  async payableAccount(venueId: string): Promise<BankAccount> {
    const account = await this.rows.currentBankAccount(venueId);
    if (account?.status !== 'VERIFIED') {
      throw new VenueException(
        VenueExceptionCode.NO_PAYABLE_BANK_ACCOUNT,
        `Venue ${venueId} has no verified bank account${account ? ` (current one is ${account.status})` : ''}.`,
      );
    }
    return account;
  }
}
