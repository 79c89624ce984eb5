import { DomainException } from '#src/common/domain.exception.js';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_EXPIRED = 'REFRESH_TOKEN_EXPIRED',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  INVALID_CLIENT_CREDENTIALS = 'INVALID_CLIENT_CREDENTIALS',
  SCOPE_NOT_GRANTED = 'SCOPE_NOT_GRANTED',
}

export class AuthException extends DomainException<AuthExceptionCode> {
  constructor(code: AuthExceptionCode, message: string) {
    super(code, message);
  }
}
