import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/** Issuance's codes; a run not DONE yet is custody's ISSUANCE_NOT_FINISHED (CustodyExceptionCode). */
export enum IssuanceExceptionCode {
  PROGRAMME_NOT_ISSUABLE = 'PROGRAMME_NOT_ISSUABLE',
  ISSUANCE_EXCEEDS_BUDGET = 'ISSUANCE_EXCEEDS_BUDGET',
  ISSUANCE_TOO_LARGE = 'ISSUANCE_TOO_LARGE',
  ISSUANCE_NOT_FOUND = 'ISSUANCE_NOT_FOUND',
  ISSUANCE_ALREADY_DONE = 'ISSUANCE_ALREADY_DONE',
  PRINT_FILE_NOT_FOUND = 'PRINT_FILE_NOT_FOUND',
}

export class IssuanceException extends DomainException<IssuanceExceptionCode> {
  constructor(code: IssuanceExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
