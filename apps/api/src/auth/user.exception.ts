import { DomainException } from '#src/common/domain.exception.js';

export enum UserExceptionCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_ALREADY_USED = 'EMAIL_ALREADY_USED',
  ROLE_NOT_ALLOWED_IN_ORGANISATION = 'ROLE_NOT_ALLOWED_IN_ORGANISATION',
  CANNOT_DEMOTE_OR_DISABLE_SELF = 'CANNOT_DEMOTE_OR_DISABLE_SELF',
  /** The user has already set a password: they use « Mot de passe oublié ? » instead. */
  INVITATION_NOT_NEEDED = 'INVITATION_NOT_NEEDED',
  /** A disabled user is not invited: enable them first. */
  USER_DISABLED = 'USER_DISABLED',
  /** No mail server (SMTP_URL): an invitation cannot be sent; give an initial password instead. */
  MAIL_NOT_CONFIGURED = 'MAIL_NOT_CONFIGURED',
}

export class UserException extends DomainException<UserExceptionCode> {
  constructor(code: UserExceptionCode, message: string) {
    super(code, message);
  }
}
