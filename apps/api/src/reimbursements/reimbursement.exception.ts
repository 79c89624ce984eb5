import { DomainException, type FieldError } from '#src/common/domain.exception.js';

/**
 * Refusals of the reimbursement batches. Four eyes is venues' FOUR_EYES_REQUIRED (the same rule
 * as bank details: one code, whoever applies it).
 */
export enum ReimbursementExceptionCode {
  /** Unknown, or holding no line of the caller's venue. */
  BATCH_NOT_FOUND = 'BATCH_NOT_FOUND',
  /** The programme has a batch for this period already (its id in the detail). */
  BATCH_ALREADY_EXISTS = 'BATCH_ALREADY_EXISTS',
  /** The period is not over in Paris yet: its redemptions are still coming. */
  PERIOD_NOT_OVER = 'PERIOD_NOT_OVER',
  /** A DRAFT programme has no redemptions to pay. */
  PROGRAMME_NOT_REIMBURSABLE = 'PROGRAMME_NOT_REIMBURSABLE',
  /** Approved only while DRAFT. */
  BATCH_NOT_DRAFT = 'BATCH_NOT_DRAFT',
  BATCH_NOT_APPROVED = 'BATCH_NOT_APPROVED',
  BATCH_NOT_EXPORTED = 'BATCH_NOT_EXPORTED',
  LINE_NOT_PAYABLE = 'LINE_NOT_PAYABLE',
  FILE_NOT_FOUND = 'FILE_NOT_FOUND',
  FILE_NOT_READY = 'FILE_NOT_READY',
  EXECUTION_DATE_OUT_OF_RANGE = 'EXECUTION_DATE_OUT_OF_RANGE',
  /** The export was asked already, for another execution date (its files use the first). */
  EXPORT_ALREADY_REQUESTED = 'EXPORT_ALREADY_REQUESTED',
  /**
   * Retry asked of a batch with no job to run again: only a GENERATING batch, or an APPROVED one
   * whose export was asked, has one.
   */
  BATCH_NOTHING_TO_RETRY = 'BATCH_NOTHING_TO_RETRY',
  /** An outcome names a line that is not in this batch. */
  LINE_NOT_IN_BATCH = 'LINE_NOT_IN_BATCH',
  /** A payment day in the future, or before the batch's export. */
  PAID_ON_OUT_OF_RANGE = 'PAID_ON_OUT_OF_RANGE',
  /** The uploaded file is not a payment status report (pain.002) we can read. */
  STATUS_REPORT_INVALID = 'STATUS_REPORT_INVALID',
  /** The status report answers another transfer file (its OrgnlMsgId is not the batch's). */
  STATUS_REPORT_NOT_FOR_THIS_BATCH = 'STATUS_REPORT_NOT_FOR_THIS_BATCH',
  /**
   * The generation found amounts that do not reconcile (cheques against redemptions): it stops,
   * nothing is written, the batch stays GENERATING. Internal: the job fails, no client gets it.
   */
  BATCH_AMOUNTS_MISMATCH = 'BATCH_AMOUNTS_MISMATCH',
}

export class ReimbursementException extends DomainException<ReimbursementExceptionCode> {
  constructor(code: ReimbursementExceptionCode, message: string, errors?: FieldError[]) {
    super(code, message, errors);
  }
}
