import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  batchApprovalRefusal,
  isPeriod,
  periodCutoff,
  previousPeriod,
  todayInParis,
} from '@carnet/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { actorLabelOf, OrganisationScope, type Principal } from '#src/access/principal.js';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import {
  IdempotencyService,
  type IdempotencyRequest,
  type IdempotentResponse,
} from '#src/common/idempotency/idempotency.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { runInTransaction } from '#src/database/transaction.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { QUEUES } from '#src/queues/queues.js';
import { VenueException, VenueExceptionCode } from '#src/venues/venue.exception.js';
import { VenueNetworksService } from '#src/venues/venue-networks.service.js';
import {
  BatchesRepository,
  type CompleteFile,
  type FunderPart,
  type LineTotals,
} from './batches.repository.js';
import type {
  ApprovalRefusal,
  BatchJobDto,
  BatchLineDto,
  BatchProgressDto,
  CreateBatchDto,
  ListBatchesQueryDto,
  ListBatchLinesQueryDto,
  ReimbursementBatchDto,
} from './dto/batch.dto.js';
import type { ReimbursementBatch } from './reimbursement-batch.entity.js';
import { enqueueOnce, jobProgress, jobStatus } from './jobs/enqueue-once.js';
import { ReimbursementException, ReimbursementExceptionCode } from './reimbursement.exception.js';

const SORTABLE = { period: 'period', createdAt: 'createdAt', status: 'status' } as const;
const MONTHLY: SystemActor = { type: 'system', name: 'reimbursements' };

/** The BullMQ job id of a batch's generation (custom ids may not contain ':'). */
export function generationJobId(batch: { programmeId: string; period: string }): string {
  return `batch-${batch.programmeId}-${batch.period}`;
}

/** The BullMQ job id of a batch's export. */
export function exportJobId(batchId: string): string {
  return `export-${batchId}`;
}

/**
 * Reimbursement batches as people (and the monthly job) ask for them: creation, under an
 * Idempotency-Key and the one-batch-per-month constraint; the views, scoped to the caller (a
 * venue reads only its own lines); approval, with four eyes. The generation itself is
 * BatchGenerationService's, run by the worker.
 */
@Injectable()
export class BatchesService {
  private readonly logger = new Logger(BatchesService.name);

  constructor(
    private readonly batches: BatchesRepository,
    private readonly programmes: ProgrammesService,
    private readonly venues: VenueNetworksService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.reimbursements.name) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Creates a programme's batch for a period that is over, GENERATING, and queues its generation.
   * The same key answers the batch as it is now; another creation of the same month (a second
   * officer, a double click with a new key, the monthly job) gets 409 BATCH_ALREADY_EXISTS.
   */
  async createOnce(
    principal: Principal,
    input: CreateBatchDto,
    idempotency: IdempotencyRequest | null,
  ): Promise<IdempotentResponse<ReimbursementBatchDto>> {
    if (!isPeriod(input.period)) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        `period ${input.period} is out of the calendar's range.`,
        [{ field: 'period', message: 'out of range' }],
      );
    }
    const outcome = await runInTransaction(this.dataSource, (manager) =>
      this.idempotency.execute<ReimbursementBatchDto>(manager, idempotency, async (m) => {
        const id = await this.create(m, principal, input.programmeId, input.period);
        return { status: HttpStatus.ACCEPTED, body: await this.view(principal, id, m) };
      }),
    );
    // After the commit: a job never runs for a batch that is not there.
    await this.enqueue({ programmeId: input.programmeId, period: input.period });
    if (!outcome.replayed) return outcome;
    return { ...outcome, body: await this.get(principal, outcome.body.id) };
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    programmeId: string,
    period: string,
  ): Promise<string> {
    const programme = await this.programmes.get(principal, programmeId, manager);
    if (programme.status === 'DRAFT') {
      throw new ReimbursementException(
        ReimbursementExceptionCode.PROGRAMME_NOT_REIMBURSABLE,
        `Programme ${programme.name} is a DRAFT: it has no redemptions to reimburse.`,
        [{ field: 'programmeId', message: 'programme DRAFT' }],
      );
    }
    const cutoff = periodCutoff(period);
    if (cutoff.getTime() > Date.now()) {
      throw new ReimbursementException(
        ReimbursementExceptionCode.PERIOD_NOT_OVER,
        `${period} is not over: its batch can be made from ${cutoff.toISOString()} (midnight in Paris).`,
        [{ field: 'period', message: 'not over yet' }],
      );
    }
    const id = await this.batches.insert(manager, {
      programmeId,
      period,
      cutoff,
      createdBy: principal.type === 'user' ? principal.id : null,
      createdByLabel: actorLabelOf(principal),
    });
    if (id === null) {
      const existing = await this.batches.idOfPeriod(manager, programmeId, period);
      throw new ReimbursementException(
        ReimbursementExceptionCode.BATCH_ALREADY_EXISTS,
        `Programme ${programme.name} has a batch for ${period} already: ${existing}.`,
        [{ field: 'period', message: `batch ${existing} exists` }],
      );
    }
    await this.audit.record(manager, principal, {
      action: 'reimbursement-batch.created',
      entityType: 'reimbursement-batch',
      entityId: id,
      after: { status: 'GENERATING', programmeId, period, cutoff: cutoff.toISOString() },
    });
    return id;
  }

  /**
   * The monthly job: the previous period's batch of every ACTIVE programme and of every CLOSED
   * one that ended less than 3 months ago, unless it exists; then queues the generation of every
   * batch still GENERATING (a job lost with Redis is queued again). Safe to run twice.
   *
   * A programme with no redemption waiting (none that month, none left over) gets no batch: it
   * would hold no line, and ask two finance officers to approve and export nothing. Redemptions
   * of venues on hold do wait, so a month whose only redemptions are on hold still gets its batch:
   * its lines say who waits and why (it is exported with nothing to pay, then closes). A finance
   * officer may still create an empty month's batch by hand (POST /reimbursement-batches), for
   * the record.
   */
  async createMonthly(
    now = new Date(),
  ): Promise<{ created: string[]; skipped: string[]; queued: number }> {
    const period = previousPeriod(now);
    const cutoff = periodCutoff(period);
    const created: string[] = [];
    const skipped: string[] = [];
    for (const programme of await this.batches.reimbursableProgrammes(todayInParis(now), cutoff)) {
      if (!programme.waiting) {
        skipped.push(programme.id);
        continue;
      }
      const id = await runInTransaction(this.dataSource, async (manager) => {
        const inserted = await this.batches.insert(manager, {
          programmeId: programme.id,
          period,
          cutoff,
          createdBy: null,
          createdByLabel: null,
        });
        if (inserted === null) return null;
        await this.audit.record(manager, MONTHLY, {
          action: 'reimbursement-batch.created',
          entityType: 'reimbursement-batch',
          entityId: inserted,
          after: {
            status: 'GENERATING',
            programmeId: programme.id,
            period,
            cutoff: cutoff.toISOString(),
          },
        });
        return inserted;
      });
      if (id !== null) created.push(id);
    }
    const generating = await this.batches.generating();
    for (const batch of generating) await this.enqueue(batch);
    this.logger.log(
      `Monthly batches for ${period}: ${created.length} created, ${skipped.length} programmes with nothing waiting, ${generating.length} queued`,
    );
    return { created, skipped, queued: generating.length };
  }

  /** Queues a batch's generation under its stable job id (enqueueOnce). */
  private async enqueue(batch: { programmeId: string; period: string }): Promise<void> {
    const id = await this.batches.idOfPeriod(
      this.dataSource.manager,
      batch.programmeId,
      batch.period,
    );
    if (id === null) return;
    await enqueueOnce(
      this.queue,
      QUEUES.reimbursements.jobs.generateBatch,
      { batchId: id },
      generationJobId(batch),
    );
  }

  /**
   * Batches, newest period first: every batch for the programme owner's staff; for a venue (its
   * staff, its API client, a network's client), only those holding a line of its own.
   */
  async list(
    principal: Principal,
    query: ListBatchesQueryDto,
  ): Promise<Page<ReimbursementBatchDto>> {
    const venues = await this.venues.readableVenueIds(principal);
    const filter = query.filter ?? {};
    const page = await paginate(
      query,
      SORTABLE,
      { period: 'DESC', createdAt: 'DESC' },
      (order, skip, take) => this.batches.page({ ...filter, venues }, order, skip, take),
    );
    return { ...page, data: await this.views(principal, page.data, venues) };
  }

  async get(principal: Principal, id: string): Promise<ReimbursementBatchDto> {
    return this.view(principal, id);
  }

  /** A batch's lines by venue name: a venue reads only its own. */
  async lines(
    principal: Principal,
    id: string,
    query: ListBatchLinesQueryDto,
  ): Promise<Page<BatchLineDto>> {
    const { venues } = await this.visible(principal, id);
    const [rows, total] = await this.batches.lines(
      id,
      { status: query.filter?.status, venues },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    const funders = await this.batches.lineFunders(rows.map((r) => r.id));
    return {
      data: rows.map((r) => ({
        id: r.id,
        venueId: r.venueId,
        venueName: r.venueName,
        venuePivot: r.venuePivot,
        status: r.status,
        holdReasons: r.holdReasons,
        redemptionCount: r.redemptionCount,
        chequeCount: r.chequeCount,
        amountCents: r.amountCents,
        currency: 'EUR',
        holderName: r.holderName,
        ibanMasked: r.iban === null ? null : maskIban(r.iban),
        bic: r.bic,
        endToEndId: r.endToEndId,
        paidOn: r.paidOn,
        rejectionReason: r.rejectionReason,
        funders: funders
          .filter((f) => f.lineId === r.id)
          .map((f) => ({ funderId: f.funderId, funderName: f.funderName, cents: f.cents })),
      })),
      meta: { page: query.page, pageSize: query.pageSize, total },
    };
  }

  /**
   * DRAFT → APPROVED by a finance officer other than the one who created or generated it: 409
   * BATCH_NOT_DRAFT otherwise, 403 FOUR_EYES_REQUIRED for them. From then on the batch is frozen.
   */
  async approve(principal: Principal, id: string): Promise<ReimbursementBatchDto> {
    await runInTransaction(this.dataSource, async (manager) => {
      const batch = await this.batches.find(id, manager, true);
      if (!batch) throw notFound(id);
      const refusal = batchApprovalRefusal(batch, principal.id);
      if (refusal === 'NOT_DRAFT') {
        throw new ReimbursementException(
          ReimbursementExceptionCode.BATCH_NOT_DRAFT,
          `Batch ${id} is ${batch.status}: only a DRAFT batch is approved.`,
        );
      }
      if (refusal === 'FOUR_EYES_REQUIRED') {
        throw new VenueException(
          VenueExceptionCode.FOUR_EYES_REQUIRED,
          'You created or generated this batch: another finance officer must approve it.',
        );
      }
      await this.batches.approve(manager, id, { id: principal.id, label: actorLabelOf(principal) });
      await this.audit.record(manager, principal, {
        action: 'reimbursement-batch.approved',
        entityType: 'reimbursement-batch',
        entityId: id,
        before: { status: 'DRAFT' },
        after: {
          status: 'APPROVED',
          programmeId: batch.programmeId,
          period: batch.period,
          lineCount: batch.lineCount,
          payableCents: batch.payableCents,
          onHoldCents: batch.onHoldCents,
        },
      });
    });
    return this.view(principal, id);
  }

  /**
   * A batch the caller may read, and the venues it is restricted to (null: all of it). 404 alike
   * for an unknown batch and one with no line of the caller's venue.
   */
  async visible(
    principal: Principal,
    id: string,
    manager?: EntityManager,
  ): Promise<{ batch: ReimbursementBatch; venues: string[] | null }> {
    const batch = await this.batches.find(id, manager);
    if (!batch) throw notFound(id);
    const venues = await this.venues.readableVenueIds(principal, manager);
    if (venues !== null && !(await this.batches.hasLineOf(id, venues, manager))) {
      throw notFound(id);
    }
    return { batch, venues };
  }

  async view(
    principal: Principal,
    id: string,
    manager?: EntityManager,
  ): Promise<ReimbursementBatchDto> {
    const { batch, venues } = await this.visible(principal, id, manager);
    const [view] = await this.views(principal, [batch], venues, manager);
    return view;
  }

  /** The batches as the caller reads them, in a few queries for a whole page. */
  private async views(
    principal: Principal,
    batches: ReimbursementBatch[],
    venues: string[] | null,
    manager?: EntityManager,
  ): Promise<ReimbursementBatchDto[]> {
    if (batches.length === 0) return [];
    const ids = batches.map((b) => b.id);
    // One after the other: inside a transaction they share its one connection.
    const totals = await this.batches.lineTotals(ids, venues, manager);
    const funders = await this.batches.funderParts(ids, venues, manager);
    const files = await this.batches.completeFiles(ids, venues, manager);
    const names = await this.batches.userNames(
      batches.flatMap((b) => [b.createdBy, b.approvedBy]).filter((x) => x !== null),
      manager,
    );
    const jobs = await Promise.all(batches.map((b) => this.jobOf(b, venues)));
    return batches.map((batch, i) =>
      toDto(batch, {
        totals: totals.find((t) => t.batchId === batch.id) ?? null,
        funders: funders.filter((f) => f.batchId === batch.id),
        files: files.filter((f) => f.batchId === batch.id),
        names,
        progress: jobs[i].progress,
        job: jobs[i].job,
        approval: approvalFor(principal, batch, venues),
      }),
    );
  }

  /**
   * The worker's job due for the batch's state and its progress: the generation (its steps) while
   * GENERATING, the export (files written) once asked and until EXPORTED; nulls otherwise. A
   * venue does not read why a job failed (the message may speak of other venues' lines).
   */
  private async jobOf(
    batch: ReimbursementBatch,
    venues: string[] | null,
  ): Promise<{ progress: BatchProgressDto | null; job: BatchJobDto | null }> {
    const jobId = dueJobId(batch);
    if (jobId === null) return { progress: null, job: null };
    const progress = await jobProgress(this.queue, jobId);
    const job = await jobStatus(this.queue, jobId);
    return {
      progress,
      job: job && venues !== null ? { ...job, failedReason: null } : job,
    };
  }

  /**
   * Runs again the job due for the batch's state, after it failed for good (or got lost with
   * Redis): its generation while GENERATING, its export once asked and not done. A job waiting or
   * running is left as it is. 409 BATCH_NOTHING_TO_RETRY for any other batch. Answers the batch.
   */
  async retry(principal: Principal, id: string): Promise<ReimbursementBatchDto> {
    const { batch } = await this.visible(principal, id);
    const jobId = dueJobId(batch);
    if (jobId === null) {
      throw new ReimbursementException(
        ReimbursementExceptionCode.BATCH_NOTHING_TO_RETRY,
        `Batch ${id} is ${batch.status}${batch.status === 'APPROVED' ? ' with no export asked' : ''}: no job of it to run again.`,
      );
    }
    const job = await jobStatus(this.queue, jobId);
    if (batch.status === 'GENERATING') await this.enqueue(batch);
    else {
      await enqueueOnce(
        this.queue,
        QUEUES.reimbursements.jobs.exportBatch,
        { batchId: id },
        exportJobId(id),
      );
    }
    this.logger.log(
      `Batch ${id}: ${jobId} run again by ${principal.id} (it was ${job?.state ?? 'gone'})`,
    );
    return this.view(principal, id);
  }
}

/** The job a batch waits for in its state: its generation, its asked export, or none. */
function dueJobId(batch: ReimbursementBatch): string | null {
  if (batch.status === 'GENERATING') return generationJobId(batch);
  if (batch.status === 'APPROVED' && batch.exportRequestedAt !== null) {
    return exportJobId(batch.id);
  }
  return null;
}

function approvalFor(
  principal: Principal,
  batch: ReimbursementBatch,
  venues: string[] | null,
): { allowed: boolean; refusal: ApprovalRefusal | null } {
  const finance =
    principal.type === 'user' &&
    (principal.role === 'FINANCE_OFFICER' || principal.role === 'ADMIN');
  if (!finance || venues !== null || !OrganisationScope.of(principal).all) {
    return { allowed: false, refusal: 'ROLE' };
  }
  const refusal = batchApprovalRefusal(batch, principal.id);
  return { allowed: refusal === null, refusal };
}

function toDto(
  batch: ReimbursementBatch,
  parts: {
    totals: LineTotals | null;
    funders: FunderPart[];
    files: CompleteFile[];
    names: Map<string, string>;
    progress: BatchProgressDto | null;
    job: BatchJobDto | null;
    approval: { allowed: boolean; refusal: ApprovalRefusal | null };
  },
): ReimbursementBatchDto {
  const actor = (id: string | null, label: string | null) =>
    id === null ? null : { id, name: parts.names.get(id) ?? label ?? '' };
  const t = parts.totals;
  return {
    id: batch.id,
    programmeId: batch.programmeId,
    programmeName: batch.programme?.name ?? '',
    period: batch.period,
    cutoff: batch.cutoff,
    status: batch.status,
    createdBy: actor(batch.createdBy, batch.createdByLabel),
    generatedAt: batch.generatedAt,
    approvedBy: actor(batch.approvedBy, batch.approvedByLabel),
    approvedAt: batch.approvedAt,
    exportRequestedAt: batch.exportRequestedAt,
    requestedExecutionDate: batch.requestedExecutionDate,
    exportedAt: batch.exportedAt,
    closedAt: batch.closedAt,
    sepaFormat: batch.sepaFormat,
    lineCount: t?.lineCount ?? 0,
    redemptionCount: t?.redemptionCount ?? 0,
    chequeCount: t?.chequeCount ?? 0,
    payableCents: t?.payableCents ?? 0,
    onHoldCents: t?.onHoldCents ?? 0,
    paidCents: t?.paidCents ?? 0,
    rejectedCents: t?.rejectedCents ?? 0,
    // Lines are never of zero cents: nothing payable at sealing is no PAYABLE line at all.
    nothingToPay: batch.status !== 'GENERATING' && (t?.payableCents ?? 0) === 0,
    currency: 'EUR',
    progress: parts.progress,
    job: parts.job,
    approval: parts.approval,
    funders: parts.funders.map((f) => ({
      funderId: f.funderId,
      funderName: f.funderName,
      basisPoints: f.basisPoints,
      cents: f.cents,
    })),
    files: parts.files.map((f) => ({
      name: f.name,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      venueId: f.venueId,
    })),
  };
}

/** "FR76 **** … 0189": the country, check digits and last four, as a statement shows them. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s/g, '');
  return `${compact.slice(0, 4)} **** … ${compact.slice(-4)}`;
}

function notFound(id: string): ReimbursementException {
  return new ReimbursementException(
    ReimbursementExceptionCode.BATCH_NOT_FOUND,
    `No reimbursement batch ${id} for you.`,
  );
}
