import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum FundingExceptionCode {
  FUNDER_NOT_FOUND = 'FUNDER_NOT_FOUND',
  SIRET_ALREADY_USED = 'SIRET_ALREADY_USED',
  PROGRAMME_NOT_FOUND = 'PROGRAMME_NOT_FOUND',
  SHARES_NOT_100_PERCENT = 'SHARES_NOT_100_PERCENT',
  DUPLICATE_FUNDER_IN_SHARES = 'DUPLICATE_FUNDER_IN_SHARES',
  PROGRAMME_NOT_ACTIVATABLE = 'PROGRAMME_NOT_ACTIVATABLE',
  PROGRAMME_TRANSITION_NOT_ALLOWED = 'PROGRAMME_TRANSITION_NOT_ALLOWED',
  PROGRAMME_CLOSED = 'PROGRAMME_CLOSED',
  PROGRAMME_TERMS_FROZEN = 'PROGRAMME_TERMS_FROZEN',
  PROGRAMME_DATES_INCONSISTENT = 'PROGRAMME_DATES_INCONSISTENT',
}

export class FundingException extends DomainException<FundingExceptionCode> {
  constructor(code: FundingExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
