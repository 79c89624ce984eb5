import { DomainException } from '#src/common/domain.exception.js';

export enum UserExceptionCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  EMAIL_ALREADY_USED = 'EMAIL_ALREADY_USED',
  ROLE_NOT_ALLOWED_IN_ORGANISATION = 'ROLE_NOT_ALLOWED_IN_ORGANISATION',
  CANNOT_DEMOTE_OR_DISABLE_SELF = 'CANNOT_DEMOTE_OR_DISABLE_SELF',
}

export class UserException extends DomainException<UserExceptionCode> {
  constructor(code: UserExceptionCode, message: string) {
    super(code, message);
  }
}
