import { DomainException } from '#src/common/domain.exception.js';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Too many sign-in attempts on one account: wait for the Retry-After delay. */
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
  /** Every password check slot and its waiting line are busy: retry in a moment. */
  AUTH_BUSY = 'AUTH_BUSY',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_EXPIRED = 'REFRESH_TOKEN_EXPIRED',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  INVALID_CLIENT_CREDENTIALS = 'INVALID_CLIENT_CREDENTIALS',
  SCOPE_NOT_GRANTED = 'SCOPE_NOT_GRANTED',
  /** An invitation or password link that never existed, was replaced by a newer one, or whose account is disabled. */
  ACCOUNT_LINK_INVALID = 'ACCOUNT_LINK_INVALID',
  /** The link's time is over: ask for a new one. */
  ACCOUNT_LINK_EXPIRED = 'ACCOUNT_LINK_EXPIRED',
  /** The link already set a password: it works once. */
  ACCOUNT_LINK_USED = 'ACCOUNT_LINK_USED',
}

export class AuthException extends DomainException<AuthExceptionCode> {
  /** Seconds the client should wait before trying again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: AuthExceptionCode,
    message: string,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(code, message);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
