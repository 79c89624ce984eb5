import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum PrescriberExceptionCode {
  PRESCRIBER_NOT_FOUND = 'PRESCRIBER_NOT_FOUND',
  PRESCRIBER_HOLDS_CARNETS = 'PRESCRIBER_HOLDS_CARNETS',
}

export class PrescriberException extends DomainException<PrescriberExceptionCode> {
  constructor(code: PrescriberExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
