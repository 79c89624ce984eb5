import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lineHoldReasons, sepaEndToEndId, splitBatchByFunders } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { runInTransaction } from '#src/database/transaction.js';
import {
  BatchGenerationRepository,
  type BatchToGenerate,
  type PlannedLine,
  type WrittenLine,
} from './batch-generation.repository.js';
import { ReimbursementException, ReimbursementExceptionCode } from './reimbursement.exception.js';

const WORKER: SystemActor = { type: 'system', name: 'reimbursements' };

/** The steps of a generation, as its job's progress counts them. */
export const GENERATION_STEPS = 4;

/** Reports a generation's progress (the job's `{ done, total }`). */
export type GenerationProgress = (done: number, total: number) => Promise<void> | void;

export interface GenerationOutcome {
  batchId: string;
  /** DRAFT once sealed by this run; the status it had when another run got there first. */
  status: string;
  generated: boolean;
  lineCount: number;
  payableCents: number;
  onHoldCents: number;
}

/**
 * Builds a batch's content and seals it (GENERATING → DRAFT), in ONE transaction whatever its
 * size, so that a worker dying half-way leaves nothing written and the retried job starts again
 * from the same redemptions:
 * 1. locks the batch row (a second run of the job waits here, then finds it sealed: no-op);
 * 2. reads the venues whose redemptions wait, and decides each line with lineHoldReasons
 *    (libs/domain): PAYABLE to the venue's VERIFIED account, or ON_HOLD and why;
 * 3. writes the lines, their redemptions and the cheques' moves REDEEMED → IN_BATCH in one
 *    set-based statement (BatchGenerationRepository.writeLines);
 * 4. checks every line: its amount from the cheques equals its redemptions' amounts, its
 *    cheques their counts, and a payable line moved exactly its cheques; any gap fails the job
 *    loudly (BATCH_AMOUNTS_MISMATCH, logged) and rolls everything back;
 * 5. splits the payable total between the programme's funders (splitBatchByFunders), batch and
 *    lines, to the cent;
 * 6. seals the totals and records one audit entry for the whole batch (counts, not rows).
 * Only redemptions and cheques rows are locked besides the batch: a cancellation (carnets, then
 * the redemption) waits for the redemption this run took and then finds it in a batch.
 */
@Injectable()
export class BatchGenerationService {
  private readonly logger = new Logger(BatchGenerationService.name);

  /**
   * Called once the lines are written, before the checks, the seal and the commit. Null in the
   * application; the crash test sets it in a worker process of its own to kill that process
   * mid-transaction.
   */
  afterLinesWritten: (() => Promise<void> | void) | null = null;

  constructor(
    private readonly generation: BatchGenerationRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  generate(batchId: string, progress?: GenerationProgress): Promise<GenerationOutcome> {
    return runInTransaction(this.dataSource, async (manager) => {
      const batch = await this.generation.lockBatch(manager, batchId);
      if (!batch) throw new Error(`No reimbursement batch ${batchId} to generate`);
      if (batch.status !== 'GENERATING') {
        return {
          batchId,
          status: batch.status,
          generated: false,
          lineCount: 0,
          payableCents: 0,
          onHoldCents: 0,
        };
      }
      await progress?.(0, GENERATION_STEPS);
      const plan = this.plan(batch, await this.generation.waitingVenues(manager, batch));
      await progress?.(1, GENERATION_STEPS);
      const lines = await this.generation.writeLines(manager, batch, plan);
      await this.afterLinesWritten?.();
      this.check(batch, lines);
      await progress?.(2, GENERATION_STEPS);
      await this.split(manager, batch, lines);
      await progress?.(3, GENERATION_STEPS);
      const payable = lines.filter((l) => l.status === 'PAYABLE');
      const onHold = lines.filter((l) => l.status === 'ON_HOLD');
      const totals = {
        lineCount: lines.length,
        redemptionCount: sum(lines, (l) => l.redemptionCount),
        chequeCount: sum(lines, (l) => l.chequeCount),
        payableCents: sum(payable, (l) => l.amountCents),
        onHoldCents: sum(onHold, (l) => l.amountCents),
      };
      if (!(await this.generation.seal(manager, batch.id, totals))) {
        throw new Error(`Reimbursement batch ${batch.id} left GENERATING under its lock`);
      }
      await this.audit.record(manager, WORKER, {
        action: 'reimbursement-batch.generated',
        entityType: 'reimbursement-batch',
        entityId: batch.id,
        before: { status: 'GENERATING' },
        after: {
          status: 'DRAFT',
          programmeId: batch.programmeId,
          period: batch.period,
          ...totals,
          payableLines: payable.length,
          onHoldLines: onHold.length,
          // The bulk cheque move, as one figure (the cheques are found through the lines).
          chequesInBatch: sum(payable, (l) => l.chequeCount),
        },
      });
      await progress?.(GENERATION_STEPS, GENERATION_STEPS);
      return { batchId, status: 'DRAFT', generated: true, ...totals };
    });
  }

  /** Each waiting venue's line: payable to its verified account, or on hold and why. */
  private plan(
    batch: BatchToGenerate,
    venues: Awaited<ReturnType<BatchGenerationRepository['waitingVenues']>>,
  ): PlannedLine[] {
    return venues.map((venue) => {
      const holdReasons = lineHoldReasons({
        qualificationStatus: venue.qualificationStatus,
        bankAccountStatus: venue.accountStatus,
        bankRejectedCurrentAccount: venue.rejectedCurrentAccount,
      });
      const payable = holdReasons.length === 0 && venue.accountId !== null;
      return {
        venueId: venue.venueId,
        status: payable ? 'PAYABLE' : 'ON_HOLD',
        holdReasons,
        accountId: payable ? venue.accountId : null,
        endToEndId: payable ? sepaEndToEndId(batch.id, venue.venueId) : null,
      };
    });
  }

  /**
   * Every line reconciles before anything is sealed: cheques against redemptions, and a payable
   * line's cheques all moved to IN_BATCH (none of an on-hold line). A gap is a bug or data
   * changed behind the rules: stop, say where, write nothing.
   */
  private check(batch: BatchToGenerate, lines: WrittenLine[]): void {
    const gaps: string[] = [];
    for (const line of lines) {
      const payable = line.status === 'PAYABLE';
      if (line.amountCents !== line.redeemedCents || line.chequeCount !== line.redeemedCheques) {
        gaps.push(
          `venue ${line.venueId}: cheques ${line.chequeCount} for ${line.amountCents} cents, redemptions ${line.redeemedCheques} for ${line.redeemedCents}`,
        );
      }
      const expected = payable ? [line.chequeCount, line.amountCents] : [0, 0];
      if (line.movedCheques !== expected[0] || line.movedCents !== expected[1]) {
        gaps.push(
          `venue ${line.venueId} (${line.status}): ${line.movedCheques} cheques (${line.movedCents} cents) moved to IN_BATCH, ${expected[0]} (${expected[1]}) expected`,
        );
      }
    }
    const linked = lines[0]?.linked ?? 0;
    const redemptions = sum(lines, (l) => l.redemptionCount);
    if (linked !== redemptions) {
      gaps.push(`${linked} redemptions linked to lines, ${redemptions} counted in them`);
    }
    if (gaps.length === 0) return;
    const message = `Batch ${batch.id} (${batch.period}) does not reconcile: ${gaps.slice(0, 5).join('; ')}${gaps.length > 5 ? `; and ${gaps.length - 5} more` : ''}`;
    this.logger.error(message);
    throw new ReimbursementException(ReimbursementExceptionCode.BATCH_AMOUNTS_MISMATCH, message);
  }

  /** The payable total split between the programme's funders, batch and lines alike. */
  private async split(
    manager: EntityManager,
    batch: BatchToGenerate,
    lines: WrittenLine[],
  ): Promise<void> {
    const payable = lines.filter((l) => l.status === 'PAYABLE');
    const shares = await this.generation.shares(manager, batch.programmeId);
    if (payable.length === 0 && shares.length === 0) return;
    // Lines by venue id (the order writeLines answers): the same batch splits the same way again.
    const split = splitBatchByFunders(
      payable.map((l) => ({ key: l.id, cents: l.amountCents })),
      shares.map((s) => ({ key: s.funderId, basisPoints: s.basisPoints })),
    );
    const basisPoints = new Map(shares.map((s) => [s.funderId, s.basisPoints]));
    await this.generation.writeFunderSplit(
      manager,
      batch.id,
      split.funders.map((f) => ({
        funderId: f.key,
        basisPoints: basisPoints.get(f.key)!,
        cents: f.cents,
      })),
      split.lines.flatMap((line) =>
        line.funders.map((f) => ({ lineId: line.key, funderId: f.key, cents: f.cents })),
      ),
    );
  }
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}
