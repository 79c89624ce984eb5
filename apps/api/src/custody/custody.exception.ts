import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/**
 * Custody's codes. CARNET_NOT_FOUND and ISSUANCE_NOT_FINISHED are thrown here and by the modules
 * above custody (cheques, issuance), which import them from here: custody may not import them.
 */
export enum CustodyExceptionCode {
  TRANSFER_SELECTION_INVALID = 'TRANSFER_SELECTION_INVALID',
  TRANSFER_NOT_ALLOWED = 'TRANSFER_NOT_ALLOWED',
  CARNET_NOT_FOUND = 'CARNET_NOT_FOUND',
  CARNET_NOT_HELD = 'CARNET_NOT_HELD',
  HOLDER_NOT_FOUND = 'HOLDER_NOT_FOUND',
  ALLOCATION_EXCEEDED = 'ALLOCATION_EXCEEDED',
  STOCK_INSUFFICIENT = 'STOCK_INSUFFICIENT',
  ISSUANCE_NOT_FINISHED = 'ISSUANCE_NOT_FINISHED',
}

export class CustodyException extends DomainException<CustodyExceptionCode> {
  constructor(
    code: CustodyExceptionCode,
    message: string,
    errors?: FieldError[],
    extensions?: Record<string, unknown>,
  ) {
    super(code, message, errors, extensions);
  }
}
