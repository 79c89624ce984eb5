import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum PrescriberExceptionCode {
  PRESCRIBER_NOT_FOUND = 'PRESCRIBER_NOT_FOUND',
  PRESCRIBER_HOLDS_CARNETS = 'PRESCRIBER_HOLDS_CARNETS',
  RNA_ALREADY_USED = 'RNA_ALREADY_USED',
  SERVED_COMMUNE_NOT_FOUND = 'SERVED_COMMUNE_NOT_FOUND',
  AGENT_NOT_FOUND = 'AGENT_NOT_FOUND',
}

export class PrescriberException extends DomainException<PrescriberExceptionCode> {
  constructor(code: PrescriberExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
