import {
  missingRoleExample,
  missingScopesExample,
  UNAUTHENTICATED_EXAMPLE,
  type ProblemExample,
} from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import {
  VENUE_NOT_YOURS_EXAMPLE,
  VENUE_REQUIRED_EXAMPLE,
} from '#src/venues/dto/acting-venue-examples.js';
import { ChequeExceptionCode as Code } from '../cheque.exception.js';
import type { ChequeSummaryDto } from './carnet.dto.js';
import type { ChequeCheckResponseDto } from './cheque.dto.js';

// The OpenAPI examples of the check and unlock routes, worded as cheques.service.ts words them,
// with a cheque of the demo.

const CHEQUE: ChequeSummaryDto = {
  number: '000000030015',
  formattedNumber: '0000 0003 0015',
  position: 1,
  faceValueCents: 1000,
  currency: 'EUR',
  validUntil: '2027-12-31',
  status: 'DISTRIBUTED',
  cancellationReason: null,
  statusChangedAt: new Date('2026-11-29T09:30:34.134Z'),
  lockedAt: null,
};

const PAYABLE: ChequeCheckResponseDto = {
  ...CHEQUE,
  programme: {
    id: 'be9f676a-0335-4740-9f59-c97cb984280e',
    name: 'Pass numérique Lens-Liévin 2026-2027',
  },
  carnetSerial: '0000301',
  payableHere: true,
  reason: null,
};

export const CHEQUE_CHECK_EXAMPLES = {
  payable: { summary: 'Payable here today', value: PAYABLE },
  alreadyUsed: {
    summary: 'Not payable: redeemed already (`reason` says why not)',
    value: {
      ...PAYABLE,
      status: 'REDEEMED',
      statusChangedAt: new Date('2026-11-29T10:31:31.537Z'),
      payableHere: false,
      reason: 'ALREADY_USED',
    } satisfies ChequeCheckResponseDto,
  },
};

export const UNLOCKED_CHEQUE_EXAMPLE: ChequeSummaryDto = CHEQUE;

/** A number whose check digit is wrong, in the path of `route` (`{number}` replaced). */
function invalidNumber(route: string): ProblemExample {
  const typo = '000000030016';
  return {
    code: Code.INVALID_CHEQUE_NUMBER,
    summary: 'A typo in the number: its check digit is wrong (refused before any lookup).',
    detail:
      'This is not a cheque number: 12 digits whose last one is a check digit, or the cheque’s QR code. Check for a typo.',
    errors: [{ field: 'number', message: 'invalid check digit or length' }],
    instance: route.replace('{number}', typo),
  };
}

/** Every refusal of GET /cheques/{number}. */
export const CHECK_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: '`venueId` is not a UUID.',
    detail: 'The request is invalid: venueId.',
    errors: [{ field: 'venueId', message: 'venueId must be a UUID' }],
  },
  invalidNumber('/api/v1/cheques/{number}'),
  VENUE_REQUIRED_EXAMPLE,
  UNAUTHENTICATED_EXAMPLE,
  missingScopesExample('cheques:check'),
  VENUE_NOT_YOURS_EXAMPLE,
  {
    code: Code.CHEQUE_NOT_FOUND,
    summary:
      'Unknown number, wrong or missing security code, or a programme this venue does not ' +
      'serve: one answer for all. Five wrong codes lock the cheque.',
    detail: 'No cheque 000000030015 for you.',
  },
  {
    code: Code.CHEQUE_LOCKED,
    summary:
      'Five wrong security codes were given for this cheque (any venue, check or redemption): ' +
      'a programme manager must unlock it. Only the right code hears this; a wrong one, 404.',
    detail:
      "Cheque 000000030015 is locked after 5 wrong security codes: the programme's managers can unlock it.",
  },
  {
    code: CommonExceptionCode.TOO_MANY_REQUESTS,
    summary:
      'Too many checks by this caller or IP (CHEQUE_CHECK_LIMIT_PER_USER, 60, and …_PER_IP, ' +
      '120, per minute): wait Retry-After seconds.',
    detail: 'Too many cheque checks: wait a moment before trying again.',
  },
];

/** Every refusal of POST /cheques/{number}/unlock. */
export const UNLOCK_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The path holds a NUL or a malformed escape.',
    detail: 'The request is invalid: path.',
    errors: [{ field: 'path', message: 'must not contain a NUL character' }],
    instance: '/api/v1/cheques/%00/unlock',
  },
  invalidNumber('/api/v1/cheques/{number}/unlock'),
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('PROGRAMME_MANAGER'),
  {
    code: Code.CHEQUE_NOT_FOUND,
    summary: 'No cheque has this number.',
    detail: 'No cheque 000000030015.',
  },
  {
    code: Code.CHEQUE_NOT_LOCKED,
    summary: 'The cheque is not locked (unlocked already, or never locked).',
    detail: 'Cheque 000000030015 is not locked.',
  },
];
