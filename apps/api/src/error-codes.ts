import { HttpStatus } from '@nestjs/common';
import { ApiClientExceptionCode } from './auth/api-client.exception.js';
import { AuthExceptionCode } from './auth/auth.exception.js';
import { OrganisationExceptionCode } from './auth/organisation.exception.js';
import { UserExceptionCode } from './auth/user.exception.js';
import { ChequeExceptionCode } from './cheques/cheque.exception.js';
import { CommuneExceptionCode } from './communes/commune.exception.js';
import { CustodyExceptionCode } from './custody/custody.exception.js';
import { DocumentExceptionCode } from './files/document.exception.js';
import { FundingExceptionCode } from './funders/funding.exception.js';
import { IssuanceExceptionCode } from './issuance/issuance.exception.js';
import { PrescriberExceptionCode } from './prescribers/prescriber.exception.js';
import { TrainingExceptionCode } from './prescribers/training.exception.js';
import { BeneficiaryExceptionCode } from './beneficiaries/beneficiary.exception.js';
import { HandOutExceptionCode } from './beneficiaries/hand-out.exception.js';
import { VenueExceptionCode } from './venues/venue.exception.js';
import { RedemptionExceptionCode } from './redemptions/redemption.exception.js';
import { ReimbursementExceptionCode } from './reimbursements/reimbursement.exception.js';
import { ReportExceptionCode } from './reporting/report.exception.js';
import { CommonExceptionCode } from './common/common.exception.js';

/**
 * Every stable error code the API can answer with. Add a module's enum here when it has one. In the
 * composition root, as it names every module: common's ProblemFilter receives httpStatusOf.
 */
export type ErrorCode =
  | CommonExceptionCode
  | AuthExceptionCode
  | UserExceptionCode
  | OrganisationExceptionCode
  | ApiClientExceptionCode
  | FundingExceptionCode
  | CommuneExceptionCode
  | DocumentExceptionCode
  | VenueExceptionCode
  | PrescriberExceptionCode
  | IssuanceExceptionCode
  | CustodyExceptionCode
  | ChequeExceptionCode
  | TrainingExceptionCode
  | BeneficiaryExceptionCode
  | HandOutExceptionCode
  | RedemptionExceptionCode
  | ReimbursementExceptionCode
  | ReportExceptionCode;

export const ALL_ERROR_CODES: readonly ErrorCode[] = [
  ...Object.values(CommonExceptionCode),
  ...Object.values(AuthExceptionCode),
  ...Object.values(UserExceptionCode),
  ...Object.values(OrganisationExceptionCode),
  ...Object.values(ApiClientExceptionCode),
  ...Object.values(FundingExceptionCode),
  ...Object.values(CommuneExceptionCode),
  ...Object.values(DocumentExceptionCode),
  ...Object.values(VenueExceptionCode),
  ...Object.values(PrescriberExceptionCode),
  ...Object.values(IssuanceExceptionCode),
  ...Object.values(CustodyExceptionCode),
  ...Object.values(ChequeExceptionCode),
  ...Object.values(TrainingExceptionCode),
  ...Object.values(BeneficiaryExceptionCode),
  ...Object.values(HandOutExceptionCode),
  ...Object.values(RedemptionExceptionCode),
  ...Object.values(ReimbursementExceptionCode),
  ...Object.values(ReportExceptionCode),
];

/** The one place where codes become HTTP statuses; the compiler checks every code is handled. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case CommonExceptionCode.VALIDATION_FAILED:
    case CommonExceptionCode.BAD_REQUEST:
    case AuthExceptionCode.SCOPE_NOT_GRANTED:
    case AuthExceptionCode.ACCOUNT_LINK_INVALID:
    case ChequeExceptionCode.INVALID_CHEQUE_NUMBER:
    case VenueExceptionCode.VENUE_REQUIRED:
    case CustodyExceptionCode.TRANSFER_SELECTION_INVALID:
      return HttpStatus.BAD_REQUEST;
    case CommonExceptionCode.UNAUTHENTICATED:
    case AuthExceptionCode.INVALID_CREDENTIALS:
    case AuthExceptionCode.INVALID_REFRESH_TOKEN:
    case AuthExceptionCode.REFRESH_TOKEN_EXPIRED:
    case AuthExceptionCode.REFRESH_TOKEN_REUSED:
    case AuthExceptionCode.INVALID_CLIENT_CREDENTIALS:
      return HttpStatus.UNAUTHORIZED;
    case CommonExceptionCode.FORBIDDEN:
    case CommonExceptionCode.FIELD_NOT_SELF_SERVICE:
    case VenueExceptionCode.FOUR_EYES_REQUIRED:
    case VenueExceptionCode.VENUE_NOT_YOURS:
      return HttpStatus.FORBIDDEN;
    case CommonExceptionCode.NOT_FOUND:
    case CommonExceptionCode.ROUTE_NOT_FOUND:
    case UserExceptionCode.USER_NOT_FOUND:
    case OrganisationExceptionCode.ORGANISATION_NOT_FOUND:
    case ApiClientExceptionCode.API_CLIENT_NOT_FOUND:
    case FundingExceptionCode.FUNDER_NOT_FOUND:
    case FundingExceptionCode.PROGRAMME_NOT_FOUND:
    case CommuneExceptionCode.COMMUNE_NOT_FOUND:
    case CommuneExceptionCode.TERRITORY_NOT_FOUND:
    case CommuneExceptionCode.ENROLMENT_NOT_FOUND:
    case CommuneExceptionCode.DOCUMENT_NOT_FOUND:
    case CommuneExceptionCode.ALLOCATION_NOT_FOUND:
    case VenueExceptionCode.VENUE_NOT_FOUND:
    case VenueExceptionCode.VENUE_NETWORK_NOT_FOUND:
    case VenueExceptionCode.BANK_ACCOUNT_NOT_FOUND:
    case PrescriberExceptionCode.PRESCRIBER_NOT_FOUND:
    case IssuanceExceptionCode.ISSUANCE_NOT_FOUND:
    case IssuanceExceptionCode.PRINT_FILE_NOT_FOUND:
    case FundingExceptionCode.FUNDER_LOGO_NOT_FOUND:
    case CustodyExceptionCode.CARNET_NOT_FOUND:
    case ChequeExceptionCode.CHEQUE_NOT_FOUND:
    case CustodyExceptionCode.HOLDER_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case CommonExceptionCode.CONFLICT:
    case CommonExceptionCode.IDEMPOTENCY_KEY_IN_USE:
    case UserExceptionCode.EMAIL_ALREADY_USED:
    case UserExceptionCode.INVITATION_NOT_NEEDED:
    case UserExceptionCode.USER_DISABLED:
    case UserExceptionCode.MAIL_NOT_CONFIGURED:
    case OrganisationExceptionCode.OWNER_ORGANISATION_EXISTS:
    case ApiClientExceptionCode.API_CLIENT_ALREADY_REVOKED:
    case FundingExceptionCode.SIRET_ALREADY_USED:
    case FundingExceptionCode.PROGRAMME_TRANSITION_NOT_ALLOWED:
    case FundingExceptionCode.PROGRAMME_CLOSED:
    case FundingExceptionCode.PROGRAMME_TERMS_FROZEN:
    case CommuneExceptionCode.ALREADY_ENROLLED:
    case VenueExceptionCode.QUALIFICATION_TRANSITION_NOT_ALLOWED:
    case VenueExceptionCode.BANK_ACCOUNT_ALREADY_DECIDED:
    case VenueExceptionCode.BANK_ACCOUNT_CHANGED:
    case VenueExceptionCode.BANK_ACCOUNT_DOCUMENT_MISSING:
    case PrescriberExceptionCode.PRESCRIBER_HOLDS_CARNETS:
    case IssuanceExceptionCode.PROGRAMME_NOT_ISSUABLE:
    case CustodyExceptionCode.ISSUANCE_NOT_FINISHED:
    case IssuanceExceptionCode.ISSUANCE_ALREADY_DONE:
    case CustodyExceptionCode.CARNET_NOT_HELD:
    case CustodyExceptionCode.ALLOCATION_EXCEEDED:
    case CustodyExceptionCode.STOCK_INSUFFICIENT:
    case ChequeExceptionCode.CHEQUE_NOT_CANCELLABLE:
    case ChequeExceptionCode.CARNET_NOT_CANCELLABLE:
    case ChequeExceptionCode.CARNET_NOT_REPLACEABLE:
    case ChequeExceptionCode.PROGRAMME_STOCK_EMPTY:
    case CommuneExceptionCode.ALLOCATION_BELOW_RECEIVED:
      return HttpStatus.CONFLICT;
    case CommonExceptionCode.IDEMPOTENCY_KEY_REUSED:
    case UserExceptionCode.ROLE_NOT_ALLOWED_IN_ORGANISATION:
    case UserExceptionCode.CANNOT_DEMOTE_OR_DISABLE_SELF:
    case ApiClientExceptionCode.API_CLIENT_ORGANISATION_NOT_ALLOWED:
    case FundingExceptionCode.SHARES_NOT_100_PERCENT:
    case FundingExceptionCode.DUPLICATE_FUNDER_IN_SHARES:
    case FundingExceptionCode.PROGRAMME_NOT_ACTIVATABLE:
    case FundingExceptionCode.PROGRAMME_DATES_INCONSISTENT:
    case CommuneExceptionCode.REFERENT_NOT_ALLOWED:
    case CommuneExceptionCode.CRITERIA_INVALID:
    case CommuneExceptionCode.ALLOCATION_INVALID:
    case CommuneExceptionCode.ALLOCATION_TOTAL_BELOW_FIXED_PARTS:
    case CommuneExceptionCode.ALLOCATION_NO_ENROLLED_COMMUNES:
    case CommuneExceptionCode.ALLOCATION_EXCEEDS_BUDGET:
    case VenueExceptionCode.INVALID_PIVOT:
    case VenueExceptionCode.QUALIFICATION_CHECKLIST_INCOMPLETE:
    case VenueExceptionCode.INVALID_IBAN:
    case VenueExceptionCode.INVALID_BIC:
    case VenueExceptionCode.NO_PAYABLE_BANK_ACCOUNT:
    case VenueExceptionCode.VENUE_IMPORT_INVALID:
    case IssuanceExceptionCode.ISSUANCE_EXCEEDS_BUDGET:
    case IssuanceExceptionCode.ISSUANCE_TOO_LARGE:
    case CustodyExceptionCode.TRANSFER_NOT_ALLOWED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CommonExceptionCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case CommonExceptionCode.DATA_REJECTED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DocumentExceptionCode.DOCUMENT_NOT_PDF:
    case DocumentExceptionCode.IMAGE_NOT_PNG_OR_JPEG:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case DocumentExceptionCode.DOCUMENT_TOO_LARGE:
    case DocumentExceptionCode.IMAGE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonExceptionCode.TOO_MANY_REQUESTS:
    case AuthExceptionCode.TOO_MANY_LOGIN_ATTEMPTS:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AuthExceptionCode.AUTH_BUSY:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case AuthExceptionCode.ACCOUNT_LINK_EXPIRED:
    case AuthExceptionCode.ACCOUNT_LINK_USED:
      return HttpStatus.GONE;
    case CommonExceptionCode.INTERNAL_ERROR:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    // Prescriber structures, agents and trainings
    case PrescriberExceptionCode.AGENT_NOT_FOUND:
    case TrainingExceptionCode.TRAINING_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case PrescriberExceptionCode.RNA_ALREADY_USED:
      return HttpStatus.CONFLICT;
    case PrescriberExceptionCode.SERVED_COMMUNE_NOT_FOUND:
    case TrainingExceptionCode.TRAINING_DATE_IN_FUTURE:
    case TrainingExceptionCode.TRAINING_ATTENDEE_NOT_AGENT:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case TrainingExceptionCode.AGENT_NOT_TRAINED:
    case TrainingExceptionCode.TRAINING_SHARED:
      return HttpStatus.FORBIDDEN;
    // Beneficiaries and diagnostics
    case BeneficiaryExceptionCode.BENEFICIARY_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case BeneficiaryExceptionCode.BENEFICIARY_ALREADY_ERASED:
    case BeneficiaryExceptionCode.BENEFICIARY_ANONYMISED:
      return HttpStatus.CONFLICT;
    case BeneficiaryExceptionCode.DIAGNOSTIC_REQUIRED:
    case BeneficiaryExceptionCode.BENEFICIARY_NOT_ELIGIBLE:
    case BeneficiaryExceptionCode.BENEFICIARY_STRUCTURE_REQUIRED:
    case BeneficiaryExceptionCode.CONTACT_CONSENT_REQUIRED:
    case BeneficiaryExceptionCode.DIAGNOSTIC_SERVICE_NOT_PAYABLE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case BeneficiaryExceptionCode.STRUCTURE_NOT_IN_PROGRAMME:
      return HttpStatus.FORBIDDEN;
    // Hand-outs
    case HandOutExceptionCode.HAND_OUT_SELECTION_INVALID:
      return HttpStatus.BAD_REQUEST;
    case HandOutExceptionCode.DIAGNOSTIC_NOT_FOUND:
    case HandOutExceptionCode.HAND_OUT_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case HandOutExceptionCode.HOUSEHOLD_LIMIT_REACHED:
    case HandOutExceptionCode.HAND_OUT_NOT_UNDOABLE:
      return HttpStatus.CONFLICT;
    case HandOutExceptionCode.HOUSEHOLD_UNKNOWN:
    case HandOutExceptionCode.CARNET_NOT_USABLE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // Cheque locks
    case ChequeExceptionCode.CHEQUE_LOCKED:
      return HttpStatus.LOCKED;
    case ChequeExceptionCode.CHEQUE_NOT_LOCKED:
      return HttpStatus.CONFLICT;
    // Redemptions
    case RedemptionExceptionCode.REDEMPTION_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case RedemptionExceptionCode.CHEQUE_ALREADY_REDEEMED:
    case RedemptionExceptionCode.REDEMPTION_NOT_CANCELLABLE:
    case RedemptionExceptionCode.REDEMPTION_CARNET_CANCELLED:
    case RedemptionExceptionCode.REDEMPTION_CANCELLED:
      return HttpStatus.CONFLICT;
    case RedemptionExceptionCode.VENUE_NOT_QUALIFIED:
    case RedemptionExceptionCode.REDEMPTION_NOT_YOURS:
      return HttpStatus.FORBIDDEN;
    case RedemptionExceptionCode.CHEQUE_NOT_HANDED_OUT:
    case RedemptionExceptionCode.CHEQUE_CANCELLED:
    case RedemptionExceptionCode.CHEQUE_EXPIRED:
    case RedemptionExceptionCode.CHEQUE_PAST_VALIDITY:
    case RedemptionExceptionCode.PROGRAMME_NOT_ACTIVE:
    case RedemptionExceptionCode.PROGRAMME_NOT_SERVED:
    case RedemptionExceptionCode.SERVICE_NOT_OFFERED:
    case RedemptionExceptionCode.SERVICE_NOT_PAYABLE:
    case RedemptionExceptionCode.SERVICE_DATE_IN_FUTURE:
    case RedemptionExceptionCode.SERVICE_DATE_BEFORE_HAND_OUT:
    case RedemptionExceptionCode.DUPLICATE_CHEQUE:
    case RedemptionExceptionCode.MIXED_PROGRAMMES:
    case RedemptionExceptionCode.SECURITY_CODE_REQUIRED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // Reimbursement batches
    case ReimbursementExceptionCode.BATCH_NOT_FOUND:
    case ReimbursementExceptionCode.FILE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ReimbursementExceptionCode.BATCH_ALREADY_EXISTS:
    case ReimbursementExceptionCode.BATCH_NOT_DRAFT:
    case ReimbursementExceptionCode.BATCH_NOT_APPROVED:
    case ReimbursementExceptionCode.BATCH_NOT_EXPORTED:
    case ReimbursementExceptionCode.LINE_NOT_PAYABLE:
    case ReimbursementExceptionCode.FILE_NOT_READY:
    case ReimbursementExceptionCode.EXPORT_ALREADY_REQUESTED:
    case ReimbursementExceptionCode.BATCH_NOTHING_TO_RETRY:
      return HttpStatus.CONFLICT;
    case ReimbursementExceptionCode.PERIOD_NOT_OVER:
    case ReimbursementExceptionCode.PROGRAMME_NOT_REIMBURSABLE:
    case ReimbursementExceptionCode.EXECUTION_DATE_OUT_OF_RANGE:
    case ReimbursementExceptionCode.LINE_NOT_IN_BATCH:
    case ReimbursementExceptionCode.PAID_ON_OUT_OF_RANGE:
    case ReimbursementExceptionCode.STATUS_REPORT_INVALID:
    case ReimbursementExceptionCode.STATUS_REPORT_NOT_FOR_THIS_BATCH:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // Raised inside the generation job only (it fails and is logged), never by a route.
    case ReimbursementExceptionCode.BATCH_AMOUNTS_MISMATCH:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    // Reports
    case ReportExceptionCode.REPORT_FORMAT_NOT_ACCEPTABLE:
      return HttpStatus.NOT_ACCEPTABLE;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}
