import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/** Codes of the hand-out of a carnet to a beneficiary, and of its undo. */
export enum HandOutExceptionCode {
  HAND_OUT_SELECTION_INVALID = 'HAND_OUT_SELECTION_INVALID',
  DIAGNOSTIC_NOT_FOUND = 'DIAGNOSTIC_NOT_FOUND',
  HOUSEHOLD_LIMIT_REACHED = 'HOUSEHOLD_LIMIT_REACHED',
  HOUSEHOLD_UNKNOWN = 'HOUSEHOLD_UNKNOWN',
  CARNET_NOT_USABLE = 'CARNET_NOT_USABLE',
  HAND_OUT_NOT_FOUND = 'HAND_OUT_NOT_FOUND',
  HAND_OUT_NOT_UNDOABLE = 'HAND_OUT_NOT_UNDOABLE',
}

export class HandOutException extends DomainException<HandOutExceptionCode> {
  constructor(code: HandOutExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
