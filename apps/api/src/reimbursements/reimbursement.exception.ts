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
