import { DomainException, type FieldError } from '#src/common/domain.exception.js';

export enum BeneficiaryExceptionCode {
  BENEFICIARY_NOT_FOUND = 'BENEFICIARY_NOT_FOUND',
  BENEFICIARY_NOT_ELIGIBLE = 'BENEFICIARY_NOT_ELIGIBLE',
  BENEFICIARY_STRUCTURE_REQUIRED = 'BENEFICIARY_STRUCTURE_REQUIRED',
  STRUCTURE_NOT_IN_PROGRAMME = 'STRUCTURE_NOT_IN_PROGRAMME',
  CONTACT_CONSENT_REQUIRED = 'CONTACT_CONSENT_REQUIRED',
  DIAGNOSTIC_SERVICE_NOT_PAYABLE = 'DIAGNOSTIC_SERVICE_NOT_PAYABLE',
  /** Orientation needs a diagnostic: the person has none (or not the one named). */
  DIAGNOSTIC_REQUIRED = 'DIAGNOSTIC_REQUIRED',
  /** The person's identifying data were already erased on request. */
  BENEFICIARY_ALREADY_ERASED = 'BENEFICIARY_ALREADY_ERASED',
  /** The record was purged or erased: it changes no more and takes no new diagnostic. */
  BENEFICIARY_ANONYMISED = 'BENEFICIARY_ANONYMISED',
}

export class BeneficiaryException extends DomainException<BeneficiaryExceptionCode> {
  constructor(code: BeneficiaryExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
