import { DomainException, type FieldError } from './domain.exception.js';

export enum CommonExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** The Idempotency-Key was already used, within its lifetime, for another request. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** A request with the same Idempotency-Key is still running (it did not finish in time). */
  IDEMPOTENCY_KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  DATA_REJECTED = 'DATA_REJECTED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** A self-service update touched fields only the programme owner's staff change (self-service.ts). */
  FIELD_NOT_SELF_SERVICE = 'FIELD_NOT_SELF_SERVICE',
  BAD_REQUEST = 'BAD_REQUEST',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export class CommonException extends DomainException<CommonExceptionCode> {
  constructor(code: CommonExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
