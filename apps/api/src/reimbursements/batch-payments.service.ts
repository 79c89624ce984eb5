import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { batchOutcome, isCalendarDate, todayInParis } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import {
  IdempotencyService,
  type IdempotencyRequest,
  type IdempotentResponse,
} from '#src/common/idempotency/idempotency.service.js';
import { runInTransaction } from '#src/database/transaction.js';
import { BatchPaymentsRepository, type LineToSettle } from './batch-payments.repository.js';
import { BatchesService } from './batches.service.js';
import type {
  PaymentOutcomeDto,
  ReimbursementBatchDto,
  StatusReportResultDto,
} from './dto/batch.dto.js';
import { parseStatusReport, type StatusReport } from './payments/status-report.js';
import { ReimbursementException, ReimbursementExceptionCode } from './reimbursement.exception.js';

/** An outcome to record: the line paid on a day, or rejected for a reason. */
export type LineOutcome =
  | { lineId: string; status: 'PAID'; paidOn: string }
  | { lineId: string; status: 'REJECTED'; reason: string };

/** The Paris day of an instant (YYYY-MM-DD). */
const parisDay = (instant: Date) => todayInParis(instant);

/**
 * The bank's outcome of an exported batch, line by line: PAID on a day (its cheques become
 * REIMBURSED) or REJECTED with a reason (its cheques go back to REDEEMED and its redemptions
 * leave the batch, for a later one: that venue's next line waits, BANK_REJECTED_TRANSFER, until
 * new bank details are verified). All the outcomes of one request are one transaction and one
 * audit entry; once no line waits for the bank, the batch closes PAID or PARTIALLY_PAID.
 * Recorded by hand (POST …/payments) or from the bank's status report (pain.002).
 */
@Injectable()
export class BatchPaymentsService {
  constructor(
    private readonly payments: BatchPaymentsRepository,
    private readonly batches: BatchesService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Records outcomes given by hand. 409 BATCH_NOT_EXPORTED unless EXPORTED; 422
   * LINE_NOT_IN_BATCH for a line of another batch; 409 LINE_NOT_PAYABLE for a line on hold or
   * decided already; 422 PAID_ON_OUT_OF_RANGE for a day in the future or before the export.
   * Nothing is written unless every outcome is accepted.
   */
  async recordOnce(
    principal: Principal,
    batchId: string,
    outcomes: LineOutcome[],
    idempotency: IdempotencyRequest | null,
    now = new Date(),
  ): Promise<IdempotentResponse<ReimbursementBatchDto>> {
    const seen = new Set<string>();
    for (const outcome of outcomes) {
      if (seen.has(outcome.lineId)) {
        throw new CommonException(
          CommonExceptionCode.VALIDATION_FAILED,
          `Line ${outcome.lineId} has two outcomes in this request.`,
          [{ field: 'outcomes', message: `line ${outcome.lineId} twice` }],
        );
      }
      seen.add(outcome.lineId);
      if (outcome.status === 'PAID' && !isCalendarDate(outcome.paidOn)) {
        throw new CommonException(
          CommonExceptionCode.VALIDATION_FAILED,
          `paidOn ${outcome.paidOn} is not a day of the calendar.`,
          [{ field: 'outcomes.paidOn', message: 'not a calendar day' }],
        );
      }
    }
    const outcome = await runInTransaction(this.dataSource, (manager) =>
      this.idempotency.execute<ReimbursementBatchDto>(manager, idempotency, async (m) => {
        const batch = await this.lockExported(m, batchId);
        const lines = await this.payments.lockLines(m, batchId, [...seen]);
        const found = new Map(lines.map((l) => [l.id, l]));
        const unknown = [...seen].filter((id) => !found.has(id));
        if (unknown.length > 0) {
          throw new ReimbursementException(
            ReimbursementExceptionCode.LINE_NOT_IN_BATCH,
            `Batch ${batchId} has no line ${unknown.join(', ')}.`,
            unknown.map((id) => ({ field: 'outcomes.lineId', message: `${id} not in this batch` })),
          );
        }
        const decided = lines.filter((l) => l.status !== 'PAYABLE');
        if (decided.length > 0) {
          throw new ReimbursementException(
            ReimbursementExceptionCode.LINE_NOT_PAYABLE,
            `Lines ${decided.map((l) => `${l.id} (${l.status})`).join(', ')} wait for no outcome.`,
            decided.map((l) => ({ field: 'outcomes.lineId', message: `${l.id} is ${l.status}` })),
          );
        }
        const today = parisDay(now);
        const exportDay = parisDay(batch.exportedAt);
        for (const o of outcomes) {
          if (o.status === 'PAID' && (o.paidOn > today || o.paidOn < exportDay)) {
            throw new ReimbursementException(
              ReimbursementExceptionCode.PAID_ON_OUT_OF_RANGE,
              `Line ${o.lineId}: paid on ${o.paidOn}, but the files were exported on ${exportDay} and today is ${today}.`,
              [{ field: 'outcomes.paidOn', message: `from ${exportDay} to ${today}` }],
            );
          }
        }
        await this.apply(m, principal, batchId, outcomes, found, 'manual');
        return { status: HttpStatus.OK, body: await this.batches.view(principal, batchId, m) };
      }),
    );
    if (!outcome.replayed) return outcome;
    return { ...outcome, body: await this.batches.view(principal, batchId) };
  }

  /**
   * Applies the bank's status report (pain.002) to an EXPORTED batch: its OrgnlMsgId must be the
   * batch's transfer file's (422 STATUS_REPORT_NOT_FOR_THIS_BATCH). Settled transactions are
   * PAID on their day, rejected ones REJECTED with the bank's reason; a file rejected as a whole
   * rejects every line still waiting. Pending ones, lines decided already, and end-to-end ids of
   * no line are listed back, untouched: uploading the same report twice changes nothing.
   */
  async applyStatusReport(
    principal: Principal,
    batchId: string,
    xml: string,
    now = new Date(),
  ): Promise<StatusReportResultDto> {
    let report: StatusReport;
    try {
      report = parseStatusReport(xml);
    } catch (error) {
      throw new ReimbursementException(
        ReimbursementExceptionCode.STATUS_REPORT_INVALID,
        `Not a payment status report we can read: ${(error as Error).message}`,
        [{ field: 'file', message: 'not a pain.002 status report' }],
      );
    }
    const summary = await runInTransaction(this.dataSource, async (manager) => {
      const batch = await this.lockExported(manager, batchId);
      if (report.originalMessageId !== batch.messageId) {
        throw new ReimbursementException(
          ReimbursementExceptionCode.STATUS_REPORT_NOT_FOR_THIS_BATCH,
          `This report answers the transfer file ${report.originalMessageId}; batch ${batchId} sent ${batch.messageId}.`,
          [{ field: 'file', message: `OrgnlMsgId ${report.originalMessageId}` }],
        );
      }
      const lines = await this.payments.lockPaidLines(manager, batchId);
      const byEndToEnd = new Map(lines.map((l) => [l.endToEndId!, l]));
      const today = parisDay(now);
      const exportDay = parisDay(batch.exportedAt);
      // A paid day the bank gives outside [export, today] (a clock, a time zone) is brought in.
      const clamp = (day: string) => (day > today ? today : day < exportDay ? exportDay : day);
      const outcomes: LineOutcome[] = [];
      const result: StatusReportResultDto = {
        reportMessageId: report.messageId,
        paid: [],
        rejected: [],
        pending: [],
        skipped: [],
        unknown: [],
        batch: null as unknown as ReimbursementBatchDto,
      };
      const decide = (line: LineToSettle, outcome: LineOutcome) => {
        if (line.status !== 'PAYABLE') {
          result.skipped.push({
            lineId: line.id,
            endToEndId: line.endToEndId!,
            status: line.status,
          });
          return;
        }
        outcomes.push(outcome);
        if (outcome.status === 'PAID') {
          result.paid.push({
            lineId: line.id,
            endToEndId: line.endToEndId!,
            paidOn: outcome.paidOn,
          });
        } else {
          result.rejected.push({
            lineId: line.id,
            endToEndId: line.endToEndId!,
            reason: outcome.reason,
          });
        }
      };
      const named = new Set<string>();
      for (const tx of report.transactions) {
        const line = byEndToEnd.get(tx.endToEndId);
        if (!line) {
          result.unknown.push({ endToEndId: tx.endToEndId, status: tx.transactionStatus });
          continue;
        }
        if (named.has(line.id)) continue;
        named.add(line.id);
        if (tx.outcome === 'PENDING') {
          result.pending.push({
            lineId: line.id,
            endToEndId: tx.endToEndId,
            status: tx.transactionStatus,
          });
        } else if (tx.outcome === 'PAID') {
          decide(line, { lineId: line.id, status: 'PAID', paidOn: clamp(tx.date) });
        } else {
          decide(line, {
            lineId: line.id,
            status: 'REJECTED',
            reason: tx.reason ?? 'rejeté par la banque',
          });
        }
      }
      if (report.groupStatus === 'RJCT') {
        for (const line of lines) {
          if (named.has(line.id)) continue;
          named.add(line.id);
          decide(line, {
            lineId: line.id,
            status: 'REJECTED',
            reason: report.groupReason ?? 'rejeté par la banque',
          });
        }
      }
      const found = new Map(lines.map((l) => [l.id, l]));
      if (outcomes.length > 0) {
        await this.apply(manager, principal, batchId, outcomes, found, report.messageId);
      }
      return { ...result, batch: await this.batches.view(principal, batchId, manager) };
    });
    return summary;
  }

  private async lockExported(
    manager: EntityManager,
    batchId: string,
  ): Promise<{ exportedAt: Date; messageId: string | null }> {
    const batch = await this.payments.lockBatch(manager, batchId);
    if (!batch) {
      throw new ReimbursementException(
        ReimbursementExceptionCode.BATCH_NOT_FOUND,
        `No reimbursement batch ${batchId} for you.`,
      );
    }
    if (batch.status !== 'EXPORTED' || batch.exportedAt === null) {
      throw new ReimbursementException(
        ReimbursementExceptionCode.BATCH_NOT_EXPORTED,
        `Batch ${batchId} is ${batch.status}: outcomes are recorded on an EXPORTED batch only.`,
      );
    }
    return { exportedAt: batch.exportedAt, messageId: batch.messageId };
  }

  /** Writes accepted outcomes, audits them as one entry, and closes the batch when all are in. */
  private async apply(
    manager: EntityManager,
    principal: Principal,
    batchId: string,
    outcomes: LineOutcome[],
    lines: Map<string, LineToSettle>,
    source: string,
  ): Promise<void> {
    const by = {
      id: principal.type === 'user' ? principal.id : null,
      label: actorLabelOf(principal),
    };
    const paid = outcomes.filter((o) => o.status === 'PAID');
    const rejected = outcomes.filter((o) => o.status === 'REJECTED');
    const reimbursed = await this.payments.markPaid(
      manager,
      paid.map((o) => ({ id: o.lineId, paidOn: o.paidOn })),
      by,
    );
    const redeemed = await this.payments.markRejected(
      manager,
      rejected.map((o) => ({ id: o.lineId, reason: o.reason })),
      by,
    );
    const cheques = (list: LineOutcome[]) =>
      list.reduce((sum, o) => sum + lines.get(o.lineId)!.chequeCount, 0);
    const cents = (list: LineOutcome[]) =>
      list.reduce((sum, o) => sum + lines.get(o.lineId)!.amountCents, 0);
    if (reimbursed !== cheques(paid) || redeemed !== cheques(rejected)) {
      // The lines' cheques were not all IN_BATCH: data changed behind the rules. Roll back.
      throw new Error(
        `Batch ${batchId}: ${reimbursed}/${cheques(paid)} cheques reimbursed, ${redeemed}/${cheques(rejected)} given back`,
      );
    }
    await this.audit.record(manager, principal, {
      action: 'reimbursement-batch.payments-recorded',
      entityType: 'reimbursement-batch',
      entityId: batchId,
      after: {
        source,
        paid: {
          lines: paid.map((o) => o.lineId),
          cents: cents(paid),
          chequesReimbursed: reimbursed,
        },
        rejected: {
          lines: rejected.map((o) => o.lineId),
          cents: cents(rejected),
          chequesReturned: redeemed,
        },
      },
    });
    const closing = batchOutcome(await this.payments.lineStatuses(manager, batchId));
    if (closing === null) return;
    if (!(await this.payments.close(manager, batchId, closing))) {
      throw new Error(`Reimbursement batch ${batchId} left EXPORTED under its lock`);
    }
    await this.audit.record(manager, principal, {
      action: 'reimbursement-batch.closed',
      entityType: 'reimbursement-batch',
      entityId: batchId,
      before: { status: 'EXPORTED' },
      after: { status: closing },
    });
  }
}

/** Outcomes of the JSON body as the service takes them. */
export function lineOutcomes(dtos: PaymentOutcomeDto[]): LineOutcome[] {
  return dtos.map((o) =>
    o.status === 'PAID'
      ? { lineId: o.lineId, status: 'PAID', paidOn: o.paidOn! }
      : { lineId: o.lineId, status: 'REJECTED', reason: o.reason! },
  );
}
