import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/** Cheques' codes; an unknown carnet is custody's CARNET_NOT_FOUND (CustodyExceptionCode). */
export enum ChequeExceptionCode {
  CHEQUE_NOT_FOUND = 'CHEQUE_NOT_FOUND',
  INVALID_CHEQUE_NUMBER = 'INVALID_CHEQUE_NUMBER',
  CHEQUE_NOT_CANCELLABLE = 'CHEQUE_NOT_CANCELLABLE',
  CARNET_NOT_CANCELLABLE = 'CARNET_NOT_CANCELLABLE',
  CARNET_NOT_REPLACEABLE = 'CARNET_NOT_REPLACEABLE',
  PROGRAMME_STOCK_EMPTY = 'PROGRAMME_STOCK_EMPTY',
  /** Five wrong security codes were given for it: a programme manager must unlock it. */
  CHEQUE_LOCKED = 'CHEQUE_LOCKED',
  CHEQUE_NOT_LOCKED = 'CHEQUE_NOT_LOCKED',
}

export class ChequeException extends DomainException<ChequeExceptionCode> {
  constructor(code: ChequeExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
