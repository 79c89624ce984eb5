import {
  IDEMPOTENCY_EXAMPLES,
  missingScopesExample,
  UNAUTHENTICATED_EXAMPLE,
  type ProblemExample,
} from '#src/common/api-problems.js';
import { ChequeExceptionCode } from '#src/cheques/cheque.exception.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { VENUE_NOT_YOURS_EXAMPLE } from '#src/venues/dto/acting-venue-examples.js';
import { RedemptionExceptionCode as Code } from '../redemption.exception.js';
import type { RedemptionResponseDto } from './redemption.dto.js';

// The OpenAPI examples of the redemption routes: what a third-party frontend gets back, worded
// as the service words it (redemptions.service.ts), with the demo's venue and cheques.

const VENUE = 'Espace public numérique de Liévin';
const SERVICE = 'Aide aux démarches administratives';

export const REDEMPTION_EXAMPLE: RedemptionResponseDto = {
  id: '74b6c0c3-f677-4508-badf-6303d81aea94',
  venueId: '852c8cf5-a2a0-475e-a103-bcbade5a112a',
  venueName: VENUE,
  programmeId: 'be9f676a-0335-4740-9f59-c97cb984280e',
  cheques: [
    { number: '000000030015', faceValueCents: 1000 },
    { number: '000000030028', faceValueCents: 1000 },
  ],
  amountCents: 2000,
  currency: 'EUR',
  service: SERVICE,
  serviceDate: '2026-11-29',
  durationMinutes: 90,
  participants: 1,
  period: '2026-11',
  status: 'ACTIVE',
  redeemedBy: "api-client:Logiciel de réservation de l'EPN",
  createdAt: new Date('2026-11-29T10:31:31.537Z'),
  cancellableUntil: new Date('2026-11-30T10:31:31.537Z'),
  cancelledAt: null,
  cancelledBy: null,
  reimbursementBatchId: null,
};

export const CANCELLED_REDEMPTION_EXAMPLE: RedemptionResponseDto = {
  ...REDEMPTION_EXAMPLE,
  status: 'CANCELLED',
  cancelledAt: new Date('2026-11-29T10:42:05.149Z'),
  cancelledBy: "api-client:Logiciel de réservation de l'EPN",
};

/** A refusal naming the cheque it is about, as `refusal()` in the service builds it. */
function aboutCheque(
  code: string,
  summary: string,
  detail: string,
  message: string,
  index = 0,
): ProblemExample {
  return { code, summary, detail, errors: [{ field: `cheques[${index}]`, message }] };
}

/** Every refusal of POST /redemptions. */
export const REDEEM_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary:
      'A field of the body is missing or out of bounds, or the Idempotency-Key header is ' +
      'missing or malformed (it is required).',
    detail: 'The request is invalid: durationMinutes.',
    errors: [{ field: 'durationMinutes', message: 'durationMinutes must not be greater than 480' }],
  },
  {
    code: ChequeExceptionCode.INVALID_CHEQUE_NUMBER,
    summary: 'A typo in a number: its check digit is wrong (refused before any lookup).',
    detail:
      "cheques[0] is not a cheque number: 12 digits whose last one is a check digit, or the cheque's QR code. Check for a typo.",
    errors: [{ field: 'cheques[0].number', message: 'invalid check digit or length' }],
  },
  UNAUTHENTICATED_EXAMPLE,
  missingScopesExample('redemptions:write'),
  VENUE_NOT_YOURS_EXAMPLE,
  {
    code: Code.VENUE_NOT_QUALIFIED,
    summary: 'The venue is not (or no longer) qualified: a suspension applies at once.',
    detail: `${VENUE} is SUSPENDED: only qualified venues redeem cheques.`,
    errors: [{ field: 'venueId', message: 'venue SUSPENDED' }],
  },
  aboutCheque(
    ChequeExceptionCode.CHEQUE_NOT_FOUND,
    'Unknown number or wrong security code: one answer for both. Five wrong codes lock the ' +
      'cheque; a wrong code sent again under the same key gets this again and counts once.',
    'cheques[0]: no cheque 000000030015 with this security code.',
    'unknown number or wrong security code',
  ),
  aboutCheque(
    Code.CHEQUE_ALREADY_REDEEMED,
    'Already redeemed (by anyone, anywhere); all the cheques of the request stay as they were.',
    'Cheque 000000030015 is already redeemed.',
    'already redeemed',
  ),
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  aboutCheque(
    Code.CHEQUE_NOT_HANDED_OUT,
    'The cheque was never handed out to anyone (its carnet is still in stock).',
    'Cheque 000000030015 was never handed out to anyone: it cannot be spent.',
    'not handed out',
  ),
  aboutCheque(
    Code.CHEQUE_CANCELLED,
    'The cheque, or its carnet, was cancelled (lost, stolen, withdrawn, replaced).',
    'Cheque 000000030015 is cancelled (lost, stolen or withdrawn).',
    'cancelled',
  ),
  aboutCheque(
    Code.CHEQUE_EXPIRED,
    'The cheque expired (validity end and grace days over).',
    'Cheque 000000030015 has expired.',
    'expired',
  ),
  aboutCheque(
    Code.CHEQUE_PAST_VALIDITY,
    'Past its validity end date (before the nightly expiry marks it EXPIRED).',
    'Cheque 000000030015 is past its validity end date.',
    'past its validity',
  ),
  aboutCheque(
    Code.PROGRAMME_NOT_ACTIVE,
    'The programme of the cheque is closed.',
    'The programme of cheque 000000030015 is closed: its cheques are no longer paid.',
    'programme not active',
  ),
  aboutCheque(
    Code.PROGRAMME_NOT_SERVED,
    "None of the venue's communes is enrolled in the cheque's programme.",
    `${VENUE} does not serve the programme of cheque 000000030015: none of its communes is enrolled.`,
    'programme not served by the venue',
  ),
  {
    code: Code.SERVICE_NOT_OFFERED,
    summary: "The service is not in the venue's catalogue.",
    detail: `Loisirs et créations numériques is not in ${VENUE}'s catalogue of services.`,
    errors: [{ field: 'service', message: 'not offered by the venue' }],
  },
  {
    code: Code.SERVICE_NOT_PAYABLE,
    summary: 'The programme does not pay for this service.',
    detail: 'The programme does not pay for Acquisition de matériel informatique à prix solidaire.',
    errors: [{ field: 'service', message: 'not paid by the programme' }],
  },
  {
    code: Code.SERVICE_DATE_IN_FUTURE,
    summary: 'The service date is after today (in France): a service is paid once given.',
    detail: 'A service is paid once given: 2026-12-01 is after today (2026-11-29).',
    errors: [{ field: 'serviceDate', message: 'in the future' }],
  },
  aboutCheque(
    Code.SERVICE_DATE_BEFORE_HAND_OUT,
    "The service date is before the day the cheque's carnet was handed out.",
    'The carnet of cheque 000000030015 was handed out on 2026-11-29, after the service date 2026-11-02.',
    'handed out on 2026-11-29',
  ),
  {
    code: Code.DUPLICATE_CHEQUE,
    summary: 'The same cheque twice in one request.',
    detail: 'cheques[1] is the same cheque as cheques[0].',
    errors: [{ field: 'cheques[1].number', message: 'same cheque as cheques[0]' }],
  },
  aboutCheque(
    Code.MIXED_PROGRAMMES,
    'Cheques of two programmes in one request: send one request per programme.',
    'Cheques of two programmes: redeem each programme’s cheques in a request of its own.',
    'another programme than cheques[0]',
    1,
  ),
  {
    code: Code.SECURITY_CODE_REQUIRED,
    summary: 'A cheque typed without its security code (a scanned QR payload carries it).',
    detail: 'cheques[0] needs the security code printed on the cheque (or scan its QR code).',
    errors: [{ field: 'cheques[0].securityCode', message: 'required' }],
  },
  ...IDEMPOTENCY_EXAMPLES,
  {
    code: ChequeExceptionCode.CHEQUE_LOCKED,
    summary:
      'Five wrong security codes were given for this cheque (any venue, check or redemption): ' +
      'a programme manager must unlock it. Only the right code hears this; a wrong one, 404.',
    detail:
      "Cheque 000000030015 is locked after 5 wrong security codes: the programme's managers can unlock it.",
    errors: [{ field: 'cheques[0]', message: 'locked after wrong security codes' }],
  },
  {
    code: Code.REDEMPTION_CANCELLED,
    summary:
      'The Idempotency-Key of a redemption its venue cancelled since (from another device): ' +
      'its cheques are not redeemed; redeem them again under a new key.',
    detail:
      'Redemption 74b6c0c3-f677-4508-badf-6303d81aea94 was cancelled since: its cheques are not redeemed.',
    errors: [{ field: 'Idempotency-Key', message: 'its redemption was cancelled since' }],
  },
  {
    code: CommonExceptionCode.TOO_MANY_REQUESTS,
    summary:
      'Too many cheques presented by this caller or IP (REDEMPTION_LIMIT_PER_CALLER, 300, and ' +
      '…_PER_IP, 1,200, per minute): wait Retry-After seconds.',
    detail: 'Too many cheques presented for redemption: wait a moment before trying again.',
  },
];

/** Every refusal of POST /redemptions/{id}/cancel. */
export const CANCEL_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id in the path is not a UUID.',
    detail: 'The id in the path must be a UUID.',
    errors: [{ field: 'id', message: 'must be a UUID' }],
  },
  UNAUTHENTICATED_EXAMPLE,
  missingScopesExample('redemptions:write'),
  {
    code: Code.REDEMPTION_NOT_YOURS,
    summary:
      'Another venue made it, or another API client of the network made it; the programme ' +
      "owner's staff never cancel.",
    detail:
      'Only the venue that redeemed cancels a redemption: its staff, or the software that made it.',
  },
  {
    code: Code.REDEMPTION_NOT_FOUND,
    summary: 'No such redemption among those the caller may see.',
    detail: 'No redemption 74b6c0c3-f677-4508-badf-6303d81aea94 for you.',
  },
  {
    code: Code.REDEMPTION_NOT_CANCELLABLE,
    summary:
      'Already cancelled, more than 24 h old (`cancellableUntil`), or held by a reimbursement ' +
      'batch (`errors[0].message` says which: ALREADY_CANCELLED, TOO_LATE, IN_BATCH).',
    detail: 'A redemption can be cancelled within 24 hours only.',
    errors: [{ field: 'id', message: 'TOO_LATE' }],
  },
  {
    code: Code.REDEMPTION_CARNET_CANCELLED,
    summary:
      "A cheque's carnet was cancelled (lost, stolen, replaced) since: its cheques stay spent.",
    detail: 'The carnet of a cheque of this redemption was cancelled since: the redemption stands.',
    errors: [{ field: 'id', message: 'carnet cancelled' }],
  },
];
