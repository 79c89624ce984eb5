import {
  missingRoleExample,
  type ProblemExample,
  UNAUTHENTICATED_EXAMPLE,
} from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { VenueExceptionCode as Code } from '../venue.exception.js';

export const VENUE_ID = '0b6f4f0e-2c55-4a8e-9d1f-8c1b5a3e7d21';

const NOT_FOUND: ProblemExample = {
  code: Code.VENUE_NOT_FOUND,
  summary: 'No such venue (or not one you may see).',
  detail: `No venue ${VENUE_ID}.`,
};

const NO_BANK_ACCOUNT: ProblemExample = {
  code: Code.BANK_ACCOUNT_NOT_FOUND,
  summary: 'No bank details were entered for this venue.',
  detail: `Venue ${VENUE_ID} has no bank details.`,
};

/** Every refusal of POST /venues/{id}/bank-account/decision. */
export const DECISION_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'Rejected without a reason (or an id that is not a UUID).',
    detail: 'Say why the bank details are rejected.',
    errors: [{ field: 'reason', message: 'required when rejecting' }],
  },
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  NO_BANK_ACCOUNT,
  {
    code: Code.BANK_ACCOUNT_ALREADY_DECIDED,
    summary: 'These details were verified or rejected already.',
    detail: 'These bank details are already VERIFIED.',
  },
  {
    code: Code.FOUR_EYES_REQUIRED,
    summary: 'You entered these details: another finance officer decides.',
    detail:
      'Bank details must be verified by a finance officer other than the person who entered them.',
  },
  {
    code: Code.BANK_ACCOUNT_CHANGED,
    summary: 'The details or their RIB changed since you read them: read them again.',
    detail:
      'These bank details or their RIB changed since you read them: read them again before deciding.',
  },
  {
    code: Code.BANK_ACCOUNT_DOCUMENT_MISSING,
    summary: 'Verifying details whose RIB was never attached: attach it first.',
    detail: 'Attach the RIB before verifying the bank details: they are checked against it.',
  },
];

/** Every refusal of GET /venues/{id}/bank-account/document. */
export const DOCUMENT_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id in the path is not a UUID.',
    detail: 'The id in the path must be a UUID.',
    errors: [{ field: 'id', message: 'must be a UUID' }],
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER', 'VENUE_STAFF'),
  NOT_FOUND,
  NO_BANK_ACCOUNT,
  {
    code: Code.BANK_ACCOUNT_DOCUMENT_MISSING,
    summary: 'No RIB was attached to the current bank details.',
    detail: 'No RIB was attached to these bank details.',
  },
];
