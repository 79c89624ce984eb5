import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/**
 * Refusals of a redemption, each naming the cheque concerned in `errors` (`cheques[i]`). Unknown
 * numbers and wrong codes are cheques' CHEQUE_NOT_FOUND, locked cheques CHEQUE_LOCKED, another
 * venue than the caller's VENUE_NOT_YOURS (their modules' codes).
 */
export enum RedemptionExceptionCode {
  /** REDEEMED, IN_BATCH or REIMBURSED already. */
  CHEQUE_ALREADY_REDEEMED = 'CHEQUE_ALREADY_REDEEMED',
  /** Still ISSUED: its carnet was not handed out to anyone. */
  CHEQUE_NOT_HANDED_OUT = 'CHEQUE_NOT_HANDED_OUT',
  CHEQUE_CANCELLED = 'CHEQUE_CANCELLED',
  CHEQUE_EXPIRED = 'CHEQUE_EXPIRED',
  /** Past its validity end date, not yet marked EXPIRED by the nightly expiry. */
  CHEQUE_PAST_VALIDITY = 'CHEQUE_PAST_VALIDITY',
  /** Its programme is not ACTIVE (closed, or still a draft). */
  PROGRAMME_NOT_ACTIVE = 'PROGRAMME_NOT_ACTIVE',
  /** None of the venue's communes is enrolled in the cheque's programme. */
  PROGRAMME_NOT_SERVED = 'PROGRAMME_NOT_SERVED',
  VENUE_NOT_QUALIFIED = 'VENUE_NOT_QUALIFIED',
  /** Not a service of the venue's catalogue. */
  SERVICE_NOT_OFFERED = 'SERVICE_NOT_OFFERED',
  /** Not a service the programme pays for. */
  SERVICE_NOT_PAYABLE = 'SERVICE_NOT_PAYABLE',
  SERVICE_DATE_IN_FUTURE = 'SERVICE_DATE_IN_FUTURE',
  /** Before the day the cheque's carnet was handed out. */
  SERVICE_DATE_BEFORE_HAND_OUT = 'SERVICE_DATE_BEFORE_HAND_OUT',
  /** The same cheque twice in one request. */
  DUPLICATE_CHEQUE = 'DUPLICATE_CHEQUE',
  /** Cheques of two programmes in one request (each programme pays its own). */
  MIXED_PROGRAMMES = 'MIXED_PROGRAMMES',
  /** A cheque presented without its security code (and not as a scanned QR payload). */
  SECURITY_CODE_REQUIRED = 'SECURITY_CODE_REQUIRED',
  REDEMPTION_NOT_FOUND = 'REDEMPTION_NOT_FOUND',
  /** Cancelled already, over 24 h old, or held by a reimbursement batch. */
  REDEMPTION_NOT_CANCELLABLE = 'REDEMPTION_NOT_CANCELLABLE',
  /**
   * A cheque's carnet was cancelled (lost, stolen, replaced) after the redemption: cancelling it
   * would make that cheque payable again.
   */
  REDEMPTION_CARNET_CANCELLED = 'REDEMPTION_CARNET_CANCELLED',
  /**
   * Cancelled only by the venue that redeemed (its staff or its own API client) or the network's
   * API client that made it; never by the programme owner's staff.
   */
  REDEMPTION_NOT_YOURS = 'REDEMPTION_NOT_YOURS',
  /**
   * An Idempotency-Key replayed after its redemption was cancelled (by its venue, from another
   * device): its cheques were not redeemed, and a client reading only the status must not think
   * they were.
   */
  REDEMPTION_CANCELLED = 'REDEMPTION_CANCELLED',
}

export class RedemptionException extends DomainException<RedemptionExceptionCode> {
  constructor(code: RedemptionExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
