import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatCarnetSerial } from '@carnet/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { AppConfig } from '#src/config/app-config.js';
import { CustodyException, CustodyExceptionCode } from '#src/custody/custody.exception.js';
import { CustodyService } from '#src/custody/custody.service.js';
import type { PrintFile, PrintFileKind } from '#src/files/print-file.entity.js';
import { PrintStore } from '#src/files/print-store.service.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { QUEUES } from '#src/queues/queues.js';
import { issuedValueCents } from '#src/reporting/issued-value.js';
import { describeRun } from './describe-run.js';
import type { ListIssuancesQueryDto } from './dto/issuance.dto.js';
import type { Issuance } from './issuance.entity.js';
import { IssuanceException, IssuanceExceptionCode } from './issuance.exception.js';
import { IssuanceRepository } from './issuance.repository.js';
import { IssuanceWriter, type IssuanceProgress } from './issuance-writer.service.js';

export { ISSUANCE_CHUNK_CARNETS, type IssuanceProgress } from './issuance-writer.service.js';

const SORTABLE = { createdAt: 'createdAt', carnetCount: 'carnetCount' } as const;

/**
 * Issuance runs as people ask for them: request (budget, numbering), resume, reprint, reads and
 * downloads. The writing itself is IssuanceWriter's; the PDF, PrintRenderer's.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly issuances: IssuanceRepository,
    private readonly writer: IssuanceWriter,
    private readonly programmes: ProgrammesService,
    private readonly custody: CustodyService,
    private readonly printStore: PrintStore,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.cheques.name) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Records an issuance run and reserves its numbers: the programme must be ACTIVE and the value
   * of every cheque issued, this run included, within its budget (checked under a lock on the
   * programme, so two runs requested together cannot both pass). The carnets are created by the
   * worker (`run`), which reports progress on the issuance.
   */
  async request(
    actor: Principal,
    programmeId: string,
    count: number,
    cropMarks = false,
  ): Promise<Issuance> {
    if (count > this.config.ISSUANCE_MAX_CARNETS) {
      throw new IssuanceException(
        IssuanceExceptionCode.ISSUANCE_TOO_LARGE,
        `At most ${this.config.ISSUANCE_MAX_CARNETS} carnets per run.`,
        [{ field: 'count', message: `must not exceed ${this.config.ISSUANCE_MAX_CARNETS}` }],
      );
    }
    const issuance = await this.dataSource.transaction(async (manager) => {
      await this.programmes.get(actor, programmeId, manager);
      const programme = await this.issuances.lockProgramme(manager, programmeId);
      if (programme.status !== 'ACTIVE') {
        throw new IssuanceException(
          IssuanceExceptionCode.PROGRAMME_NOT_ISSUABLE,
          `Carnets can only be issued for an ACTIVE programme (this one is ${programme.status}).`,
        );
      }
      const runValue = count * programme.chequesPerCarnet * programme.faceValueCents;
      const committed = await issuedValueCents(manager, programmeId);
      if (committed + runValue > programme.budgetCents) {
        throw new IssuanceException(
          IssuanceExceptionCode.ISSUANCE_EXCEEDS_BUDGET,
          `Issuing ${count} carnets (${runValue} cents) would bring the cheques issued to ${
            committed + runValue
          } cents, over the budget of ${programme.budgetCents} cents.`,
          [
            {
              field: 'count',
              message: `at most ${Math.floor((programme.budgetCents - committed) / (programme.chequesPerCarnet * programme.faceValueCents))} carnets fit in the budget`,
            },
          ],
        );
      }
      const firstSerial = await this.issuances.reserve(manager, 'carnet_serial', count);
      const firstSequence = await this.issuances.reserve(
        manager,
        'cheque_sequence',
        count * programme.chequesPerCarnet,
      );
      const saved = await this.issuances.insert(manager, {
        programmeId,
        carnetCount: count,
        chequesPerCarnet: programme.chequesPerCarnet,
        faceValueCents: programme.faceValueCents,
        validUntil: programme.validityEndDate,
        firstSerial,
        firstSequence,
        status: 'QUEUED',
        cropMarks,
        requestedBy: actor.type === 'user' ? actor.id : null,
      });
      await this.custody.programmeHolder(manager, programmeId);
      await this.audit.record(manager, actor, {
        action: 'issuance.requested',
        entityType: 'issuance',
        entityId: saved.id,
        after: describeRun(saved),
      });
      return saved;
    });
    await this.enqueue(issuance);
    return issuance;
  }

  /** The worker's part: see IssuanceWriter.run. */
  run(issuanceId: string, progress?: IssuanceProgress): Promise<Issuance> {
    return this.writer.run(issuanceId, progress);
  }

  /** The worker's part of a reprint: see IssuanceWriter.runRegeneration. */
  runRegeneration(issuanceId: string, generation: number): Promise<Issuance> {
    return this.writer.runRegeneration(issuanceId, generation);
  }

  /**
   * Puts a run that did not finish back in the queue: a FAILED one (its value stays reserved in
   * the budget meanwhile), or one whose job was lost (Redis away when it was requested). It
   * resumes after its last committed chunk, with the numbers reserved for it; a job still under
   * way is left alone, never doubled.
   */
  async resume(actor: Principal, issuanceId: string): Promise<Issuance> {
    const issuance = await this.dataSource.transaction(async (manager) => {
      const current = await this.get(actor, issuanceId, manager, true);
      if (current.status === 'DONE') {
        throw new IssuanceException(
          IssuanceExceptionCode.ISSUANCE_ALREADY_DONE,
          `Issuance ${issuanceId} is DONE: there is nothing to resume.`,
        );
      }
      await this.audit.record(manager, actor, {
        action: 'issuance.resumed',
        entityType: 'issuance',
        entityId: issuanceId,
        before: { status: current.status, carnetsDone: current.carnetsDone, error: current.error },
      });
      return current;
    });
    await this.enqueue(issuance);
    return issuance;
  }

  /**
   * Queues the job a run needs (writing its carnets, or its reprint) under a stable job id: a
   * job already waiting, delayed or active is left alone; a failed one is retried.
   */
  private async enqueue(issuance: Issuance): Promise<void> {
    const reprint = issuance.printGeneration > 1 && issuance.carnetsDone === issuance.carnetCount;
    const name = reprint ? QUEUES.cheques.jobs.reprint : QUEUES.cheques.jobs.issue;
    const jobId = reprint
      ? `reprint-${issuance.id}-${issuance.printGeneration}`
      : `issue-${issuance.id}`;
    const data = reprint
      ? { issuanceId: issuance.id, generation: issuance.printGeneration }
      : { issuanceId: issuance.id };
    const existing = await this.queue.getJob(jobId);
    const state = existing ? await existing.getState() : 'unknown';
    if (existing && state === 'failed') {
      await existing.retry('failed');
      return;
    }
    if (existing && state === 'completed') await existing.remove();
    else if (existing && state !== 'unknown') return;
    await this.queue.add(name, data, {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
    });
  }

  /**
   * Issues new security codes for the carnets of a run still in the programme's stock (the
   * others are already in someone's hands with their printed codes) and produces the print
   * files again; the previous files and their codes stop working at once. `cropMarks` changes
   * the PDF's layout for this print and the next ones; absent, the run keeps its own.
   */
  async regenerate(actor: Principal, issuanceId: string, cropMarks?: boolean): Promise<Issuance> {
    const issuance = await this.dataSource.transaction(async (manager) => {
      const current = await this.get(actor, issuanceId, manager, true);
      if (current.status !== 'DONE') {
        throw new CustodyException(
          CustodyExceptionCode.ISSUANCE_NOT_FINISHED,
          `Issuance ${issuanceId} is ${current.status}; its print output can be produced again once DONE.`,
        );
      }
      await this.printStore.removeAllOf(manager, issuanceId);
      const generation = current.printGeneration + 1;
      const marks = cropMarks ?? current.cropMarks;
      await this.issuances.update(
        issuanceId,
        { printGeneration: generation, status: 'PRINTING', cropMarks: marks },
        manager,
      );
      // The old codes of the carnets still in stock stop working now, not chunk by chunk: a
      // one-byte hash never matches. Their carnets cannot leave the stock until the run is DONE.
      const stock = await this.custody.programmeHolder(manager, current.programmeId);
      await this.issuances.voidStockCodes(manager, issuanceId, stock.id);
      await this.audit.record(manager, actor, {
        action: 'issuance.print-regenerated',
        entityType: 'issuance',
        entityId: issuanceId,
        before: { printGeneration: current.printGeneration, cropMarks: current.cropMarks },
        after: { printGeneration: generation, cropMarks: marks },
      });
      return {
        ...current,
        printGeneration: generation,
        status: 'PRINTING' as const,
        cropMarks: marks,
      };
    });
    await this.enqueue(issuance);
    return issuance;
  }

  async get(
    actor: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Issuance> {
    const issuance = await this.issuances.find(id, manager, lock);
    if (!issuance) {
      throw new IssuanceException(IssuanceExceptionCode.ISSUANCE_NOT_FOUND, `No issuance ${id}.`);
    }
    await this.programmes.get(actor, issuance.programmeId, manager);
    return issuance;
  }

  /**
   * A page of runs with the files of their current generation: the page (and its count), then one
   * query for the files of the whole page, however many runs it holds.
   */
  async list(
    actor: Principal,
    query: ListIssuancesQueryDto,
  ): Promise<Page<{ issuance: Issuance; files: PrintFile[] }>> {
    const page = await paginate(query, SORTABLE, { createdAt: 'DESC' }, (order, skip, take) =>
      this.issuances.page(query.filter?.programmeId, order, skip, take),
    );
    const files = await this.printStore.currentOf(page.data);
    return {
      ...page,
      data: page.data.map((issuance) => ({
        issuance,
        files: files.filter(
          (f) => f.issuanceId === issuance.id && f.generation === issuance.printGeneration,
        ),
      })),
    };
  }

  /** Files of the current generation, complete or not. */
  async files(issuance: Issuance): Promise<PrintFile[]> {
    const files = await Promise.all(
      (['CSV', 'PDF'] as const).map((kind) =>
        this.printStore.find(issuance.id, issuance.printGeneration, kind),
      ),
    );
    return files.filter((f): f is PrintFile => f !== null);
  }

  /** A complete print file of the current generation, streamed decrypted; the download is audited. */
  async download(
    actor: Principal,
    issuanceId: string,
    kind: PrintFileKind,
  ): Promise<{ file: PrintFile; filename: string; chunks: AsyncGenerator<Buffer> }> {
    const issuance = await this.get(actor, issuanceId);
    const file = await this.printStore.find(issuanceId, issuance.printGeneration, kind);
    if (!file?.complete) {
      throw new IssuanceException(
        IssuanceExceptionCode.PRINT_FILE_NOT_FOUND,
        `No complete ${kind} print file for issuance ${issuanceId}.`,
      );
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: 'issuance.print-downloaded',
        entityType: 'issuance',
        entityId: issuanceId,
        after: { kind, generation: file.generation, by: actorLabelOf(actor) },
      }),
    );
    const first = formatCarnetSerial(issuance.firstSerial);
    const last = formatCarnetSerial(issuance.firstSerial + issuance.carnetCount - 1);
    return {
      file,
      filename: `carnets-${first}-${last}-v${file.generation}.${kind.toLowerCase()}`,
      chunks: this.printStore.read(file.id),
    };
  }
}
