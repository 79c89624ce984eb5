import { DomainException } from '#src/common/domain.exception.js';

export enum ApiClientExceptionCode {
  API_CLIENT_NOT_FOUND = 'API_CLIENT_NOT_FOUND',
  API_CLIENT_ORGANISATION_NOT_ALLOWED = 'API_CLIENT_ORGANISATION_NOT_ALLOWED',
  API_CLIENT_ALREADY_REVOKED = 'API_CLIENT_ALREADY_REVOKED',
}

export class ApiClientException extends DomainException<ApiClientExceptionCode> {
  constructor(code: ApiClientExceptionCode, message: string) {
    super(code, message);
  }
}
