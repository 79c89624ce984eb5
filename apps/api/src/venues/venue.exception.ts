import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum VenueExceptionCode {
  VENUE_NOT_FOUND = 'VENUE_NOT_FOUND',
  INVALID_PIVOT = 'INVALID_PIVOT',
  QUALIFICATION_TRANSITION_NOT_ALLOWED = 'QUALIFICATION_TRANSITION_NOT_ALLOWED',
  QUALIFICATION_CHECKLIST_INCOMPLETE = 'QUALIFICATION_CHECKLIST_INCOMPLETE',
  INVALID_IBAN = 'INVALID_IBAN',
  INVALID_BIC = 'INVALID_BIC',
  BANK_ACCOUNT_NOT_FOUND = 'BANK_ACCOUNT_NOT_FOUND',
  BANK_ACCOUNT_ALREADY_DECIDED = 'BANK_ACCOUNT_ALREADY_DECIDED',
  BANK_ACCOUNT_CHANGED = 'BANK_ACCOUNT_CHANGED',
  /** Verifying bank details needs their RIB attached: the officer checks the details against it. */
  BANK_ACCOUNT_DOCUMENT_MISSING = 'BANK_ACCOUNT_DOCUMENT_MISSING',
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
  NO_PAYABLE_BANK_ACCOUNT = 'NO_PAYABLE_BANK_ACCOUNT',
  VENUE_IMPORT_INVALID = 'VENUE_IMPORT_INVALID',
  /** A venue other than the caller's own (or, for a network, other than its members). */
  VENUE_NOT_YOURS = 'VENUE_NOT_YOURS',
  /** A network's API client must name the venue it acts for. */
  VENUE_REQUIRED = 'VENUE_REQUIRED',
  VENUE_NETWORK_NOT_FOUND = 'VENUE_NETWORK_NOT_FOUND',
}

export class VenueException extends DomainException<VenueExceptionCode> {
  constructor(code: VenueExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
