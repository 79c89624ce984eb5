import { DomainException } from '#src/common/domain.exception.js';

export enum OrganisationExceptionCode {
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  OWNER_ORGANISATION_EXISTS = 'OWNER_ORGANISATION_EXISTS',
}

export class OrganisationException extends DomainException<OrganisationExceptionCode> {
  constructor(code: OrganisationExceptionCode, message: string) {
    super(code, message);
  }
}
