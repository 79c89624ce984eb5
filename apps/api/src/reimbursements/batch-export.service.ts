import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addCalendarDays,
  isCalendarDate,
  sepaMessageId,
  sepaRemittance,
  todayInParis,
} from '@carnet/domain';
import type { Queue } from 'bullmq';
import type { Writable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { AppConfig } from '#src/config/app-config.js';
import { runInTransaction } from '#src/database/transaction.js';
import { QUEUES } from '#src/queues/queues.js';
import {
  BatchExportRepository,
  type BatchToExport,
  type ExportLine,
  type ExportSnapshot,
} from './batch-export.repository.js';
import { BatchesService, exportJobId } from './batches.service.js';
import type { ReimbursementBatchDto } from './dto/batch.dto.js';
import { BatchFileStore } from './file-store.js';
import { writeBatchSummaryPdf } from './files/batch-summary-pdf.js';
import { writeChequesCsv } from './files/cheques-csv.js';
import {
  type EtatLiquidatifLine,
  writeEtatLiquidatifCsv,
  writeEtatLiquidatifXlsx,
} from './files/etat-liquidatif.js';
import { type ManifestFile, writeManifest } from './files/manifest.js';
import {
  BATCH_FILE_NAME,
  BATCH_FILES,
  STATEMENT_MEDIA_TYPE,
  statementFileName,
} from './files/names.js';
import type { FileDigest } from './files/output.js';
import { writeVenueStatementPdf } from './files/venue-statement-pdf.js';
import { enqueueOnce } from './jobs/enqueue-once.js';
import { ReimbursementException, ReimbursementExceptionCode } from './reimbursement.exception.js';
import { writeSepaCreditTransfer } from './sepa/sepa-credit-transfer.js';

const WORKER: SystemActor = { type: 'system', name: 'reimbursements' };

/** How far ahead the bank may be asked to execute the transfers. */
export const EXECUTION_DATE_MAX_DAYS = 90;

/** Files written besides the venues' statements: sepa.xml, the two états, cheques.csv, synthese.pdf, manifest.json. */
const FIXED_FILES = 6;

/** The files of a batch with nothing to pay: synthese.pdf and manifest.json. */
const NOTHING_TO_PAY_FILES = 2;

/** Reports an export's progress (the job's `{ done, total }`: files written). */
export type ExportProgress = (done: number, total: number) => Promise<void> | void;

export interface ExportOutcome {
  batchId: string;
  /**
   * EXPORTED once this run wrote the files (PAID at once when there was nothing to pay); the
   * status it had when there was nothing to do.
   */
  status: string;
  exported: boolean;
  /** This run exported a batch with no PAYABLE line (no sepa.xml; closed PAID). */
  nothingToPay: boolean;
  files: number;
}

/** A batch whose export was asked: its request's time is every date the files show. */
type AskedExport = BatchToExport & { exportRequestedAt: Date };

/**
 * A batch's export: a finance officer asks for it on an APPROVED batch (the day the bank is to
 * execute the transfers), the worker writes its files, and the batch becomes EXPORTED.
 *
 * The files are written from one consistent, read-only snapshot (ExportSnapshot), streamed from
 * database cursors into the file store (reimbursement_file + chunks, each sealed with its
 * SHA-256): sepa.xml, etat-liquidatif.xlsx and .csv, cheques.csv, synthese.pdf, one
 * releve-<pivot>.pdf per PAYABLE line, then manifest.json listing them all. Memory stays flat
 * whatever the batch's size. Every date inside the files is the export's request time, so a
 * retried export (the worker died half-way) first drops whatever the dead run wrote, then writes
 * the same bytes again. Once EXPORTED, the files never change.
 */
@Injectable()
export class BatchExportService {
  private readonly logger = new Logger(BatchExportService.name);

  /**
   * Called after each file is sealed, before the next. Null in the application; the crash test
   * sets it in a worker process of its own to kill that process half-way.
   */
  afterFileWritten: ((name: string) => Promise<void> | void) | null = null;

  constructor(
    private readonly exports: BatchExportRepository,
    private readonly store: BatchFileStore,
    private readonly batches: BatchesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.reimbursements.name) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Asks for an APPROVED batch's files, the bank to execute the transfers on
   * `requestedExecutionDate` (today in Paris to 90 days ahead): fixes the SEPA format (the
   * programme's), the message id and the request's time, then queues the job. Asking again while
   * the export is asked or done, for the same day, answers the batch as it is; another day is
   * 409 EXPORT_ALREADY_REQUESTED (the files are, or are being, written with the first).
   */
  async request(
    principal: Principal,
    id: string,
    requestedExecutionDate: string,
    now = new Date(),
  ): Promise<ReimbursementBatchDto> {
    if (!isCalendarDate(requestedExecutionDate)) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        `requestedExecutionDate ${requestedExecutionDate} is not a day of the calendar.`,
        [{ field: 'requestedExecutionDate', message: 'not a calendar day' }],
      );
    }
    await runInTransaction(this.dataSource, async (manager) => {
      const batch = await this.exports.find(id, manager, true);
      if (!batch) throw notFound(id);
      if (batch.exportRequestedAt !== null) {
        if (batch.requestedExecutionDate !== requestedExecutionDate) {
          throw new ReimbursementException(
            ReimbursementExceptionCode.EXPORT_ALREADY_REQUESTED,
            `The export of batch ${id} was asked already, for execution on ${batch.requestedExecutionDate}.`,
            [
              {
                field: 'requestedExecutionDate',
                message: `asked for ${batch.requestedExecutionDate}`,
              },
            ],
          );
        }
        return;
      }
      if (batch.status !== 'APPROVED') {
        throw new ReimbursementException(
          ReimbursementExceptionCode.BATCH_NOT_APPROVED,
          `Batch ${id} is ${batch.status}: only an APPROVED batch is exported.`,
        );
      }
      const today = todayInParis(now);
      const latest = addCalendarDays(today, EXECUTION_DATE_MAX_DAYS);
      if (requestedExecutionDate < today || requestedExecutionDate > latest) {
        throw new ReimbursementException(
          ReimbursementExceptionCode.EXECUTION_DATE_OUT_OF_RANGE,
          `The execution date must be from ${today} to ${latest}, not ${requestedExecutionDate}.`,
          [{ field: 'requestedExecutionDate', message: `from ${today} to ${latest}` }],
        );
      }
      const request = {
        sepaFormat: batch.programmeSepaFormat,
        requestedExecutionDate,
        messageId: sepaMessageId(batch.id, batch.period),
        by: principal.type === 'user' ? principal.id : null,
        byLabel: actorLabelOf(principal),
      };
      if (!(await this.exports.requestExport(manager, id, request))) {
        throw new Error(`Reimbursement batch ${id} changed under its lock`);
      }
      await this.audit.record(manager, principal, {
        action: 'reimbursement-batch.export-requested',
        entityType: 'reimbursement-batch',
        entityId: id,
        after: {
          status: 'APPROVED',
          sepaFormat: request.sepaFormat,
          requestedExecutionDate,
          messageId: request.messageId,
          payableCents: batch.payableCents,
        },
      });
    });
    // After the commit, and again on a repeated request: a job lost with Redis is queued again.
    const batch = await this.exports.find(id);
    if (batch?.status === 'APPROVED') await this.enqueue(id);
    return this.batches.view(principal, id);
  }

  /** The monthly job's companion: queues again the exports asked and not done (lost jobs). */
  async requeueAsked(): Promise<number> {
    const asked = await this.exports.exporting();
    for (const { id } of asked) await this.enqueue(id);
    return asked.length;
  }

  private enqueue(batchId: string): Promise<void> {
    return enqueueOnce(
      this.queue,
      QUEUES.reimbursements.jobs.exportBatch,
      { batchId },
      exportJobId(batchId),
    );
  }

  /**
   * The job: writes every file of an APPROVED batch whose export was asked, then moves it to
   * EXPORTED. A no-op for any other batch (done already, or not asked). Callable outside HTTP
   * and the queue (a benchmark).
   *
   * One run at a time per batch: the run holds the batch's export lock (ExportLock, a
   * transaction-scoped advisory lock) from before it reads the batch until the commit that moves
   * it to EXPORTED. A second run (a stalled job picked up by another worker while the first still
   * writes) waits, then finds the batch EXPORTED and does nothing: two runs never write, nor
   * delete, the same batch's files at once.
   *
   * A batch with nothing to pay (no PAYABLE line: no redemption waited that month, or every venue
   * is on hold) gets synthese.pdf (its lines on hold and why) and manifest.json
   * (`nothingToPay: true`) only: no sepa.xml (a transfer file needs a transaction at least, the
   * schemas say so), no état liquidatif (no payee, so no mandate to issue), no cheques.csv (no
   * cheque paid). As no line waits for the bank, it then closes PAID at once (closed_at), in the
   * same transaction: EXPORTED is recorded (its files are the record) and PAID follows, each
   * audited. Its on-hold redemptions are still free, for the next batch.
   */
  async export(batchId: string, progress?: ExportProgress): Promise<ExportOutcome> {
    const lock = await this.exports.lockExport(batchId);
    try {
      const outcome = await this.exportLocked(lock.manager, batchId, progress);
      await lock.commit();
      if (outcome.exported) {
        this.logger.log(`Batch ${batchId} exported: ${outcome.files} files (${outcome.status})`);
      }
      return outcome;
    } finally {
      await lock.release();
    }
  }

  /** export() under the batch's lock; `locked` is the lock's transaction, for the final move. */
  private async exportLocked(
    locked: EntityManager,
    batchId: string,
    progress?: ExportProgress,
  ): Promise<ExportOutcome> {
    const found = await this.exports.find(batchId, locked);
    if (!found) throw new Error(`No reimbursement batch ${batchId} to export`);
    if (found.status !== 'APPROVED' || found.exportRequestedAt === null) {
      return { batchId, status: found.status, exported: false, nothingToPay: false, files: 0 };
    }
    const batch: AskedExport = { ...found, exportRequestedAt: found.exportRequestedAt };
    // Whatever a dead run wrote goes: the files come out the same again.
    const removed = await this.store.removeUnexported(batchId);
    if (removed > 0)
      this.logger.warn(`Export of ${batchId}: ${removed} files of an earlier run removed`);

    const written: ManifestFile[] = [];
    let payableLines = 0;
    const snapshot = await this.exports.snapshot();
    try {
      const payable = await snapshot.payable(batchId);
      payableLines = payable.lines;
      if (payable.cents !== batch.payableCents) {
        throw new ReimbursementException(
          ReimbursementExceptionCode.BATCH_AMOUNTS_MISMATCH,
          `Batch ${batchId}: its payable lines add up to ${payable.cents} cents, it was sealed with ${batch.payableCents}`,
        );
      }
      const nothingToPay = payable.lines === 0;
      const total = nothingToPay ? NOTHING_TO_PAY_FILES : FIXED_FILES + payable.lines;
      const step = async (file: ManifestFile) => {
        written.push(file);
        await progress?.(written.length, total);
        await this.afterFileWritten?.(file.name);
      };
      await progress?.(0, total);
      if (!nothingToPay) {
        await step(await this.writeSepa(snapshot, batch, payable));
        const meta = {
          programmeName: batch.programmeName,
          period: batch.period,
          generatedAt: batch.exportRequestedAt,
        };
        await step(
          await this.write(batch.id, BATCH_FILES.etatLiquidatifXlsx, (out) =>
            writeEtatLiquidatifXlsx(meta, etatLines(snapshot.lines(batch.id, 'PAYABLE')), out),
          ),
        );
        await step(
          await this.write(batch.id, BATCH_FILES.etatLiquidatifCsv, (out) =>
            writeEtatLiquidatifCsv(meta, etatLines(snapshot.lines(batch.id, 'PAYABLE')), out),
          ),
        );
        await step(
          await this.write(batch.id, BATCH_FILES.cheques, (out) =>
            writeChequesCsv(snapshot.cheques(batch.id), out),
          ),
        );
      }
      await step(await this.writeSummary(snapshot, batch, payable.lines));
      const names = new Set<string>();
      for await (const line of snapshot.lines(batch.id, 'PAYABLE')) {
        await step(await this.writeStatement(snapshot, batch, line, names));
      }
    } finally {
      await snapshot.release();
    }
    const nothingToPay = payableLines === 0;
    const manifest = await this.write(batch.id, BATCH_FILES.manifest, (out) =>
      writeManifest(
        {
          batchId: batch.id,
          programme: { id: batch.programmeId, name: batch.programmeName },
          period: batch.period,
          generatedAt: batch.exportRequestedAt,
          counts: {
            lines: batch.lineCount,
            payableLines,
            onHoldLines: batch.lineCount - payableLines,
            cheques: batch.chequeCount,
            redemptions: batch.redemptionCount,
          },
          controlTotals: { payableCents: batch.payableCents, onHoldCents: batch.onHoldCents },
          files: written,
        },
        out,
      ),
    );
    const files = [...written, manifest];
    await progress?.(files.length, files.length);

    const current = await this.exports.find(batchId, locked, true);
    if (current?.status !== 'APPROVED' || !(await this.exports.markExported(locked, batchId))) {
      throw new Error(`Reimbursement batch ${batchId} left APPROVED during its export`);
    }
    await this.audit.record(locked, WORKER, {
      action: 'reimbursement-batch.exported',
      entityType: 'reimbursement-batch',
      entityId: batchId,
      before: { status: 'APPROVED' },
      after: {
        status: 'EXPORTED',
        sepaFormat: batch.sepaFormat,
        messageId: batch.messageId,
        requestedExecutionDate: batch.requestedExecutionDate,
        payableCents: batch.payableCents,
        nothingToPay,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
      },
    });
    if (!nothingToPay) {
      return { batchId, status: 'EXPORTED', exported: true, nothingToPay, files: files.length };
    }
    if (!(await this.exports.closeNothingToPay(locked, batchId))) {
      throw new Error(`Reimbursement batch ${batchId} could not close with nothing to pay`);
    }
    await this.audit.record(locked, WORKER, {
      action: 'reimbursement-batch.closed',
      entityType: 'reimbursement-batch',
      entityId: batchId,
      before: { status: 'EXPORTED' },
      after: { status: 'PAID', nothingToPay: true, onHoldCents: batch.onHoldCents },
    });
    return { batchId, status: 'PAID', exported: true, nothingToPay, files: files.length };
  }

  /**
   * Writes one file into the store with `writer` and answers it for the manifest, checking that
   * what the writer produced is what the store sealed.
   */
  private async write(
    batchId: string,
    file: { name: string; mediaType: string; venueId?: string },
    writer: (out: Writable) => Promise<FileDigest>,
  ): Promise<ManifestFile> {
    const out = this.store.create(undefined, { batchId, ...file });
    const digest = await writer(out);
    if (out.sha256 !== digest.sha256 || out.sizeBytes !== digest.bytes) {
      throw new Error(`${file.name}: the store sealed other bytes than the writer produced`);
    }
    return {
      name: file.name,
      mediaType: file.mediaType,
      bytes: digest.bytes,
      sha256: digest.sha256,
    };
  }

  private writeSepa(
    snapshot: ExportSnapshot,
    batch: AskedExport,
    payable: { lines: number; cents: number },
  ): Promise<ManifestFile> {
    const debtor = {
      name: this.config.SEPA_DEBTOR_NAME,
      iban: this.config.SEPA_DEBTOR_IBAN,
      bic: this.config.SEPA_DEBTOR_BIC ?? null,
    };
    // "Pass numérique <programme> <period> <n> chèques", the programme named once.
    const programme = /^pass num[ée]rique/i.test(batch.programmeName)
      ? batch.programmeName
      : `Pass numérique ${batch.programmeName}`;
    async function* payments() {
      for await (const line of snapshot.lines(batch.id, 'PAYABLE')) {
        yield {
          endToEndId: line.endToEndId!,
          creditorName: line.holderName!,
          iban: line.iban!,
          bic: line.bic,
          amountCents: line.amountCents,
          remittance: sepaRemittance(`${programme} ${batch.period} ${line.chequeCount} chèques`),
        };
      }
    }
    return this.write(batch.id, BATCH_FILES.sepa, async (out) => {
      const summary = await writeSepaCreditTransfer(
        {
          format: batch.sepaFormat ?? batch.programmeSepaFormat,
          messageId: batch.messageId!,
          createdAt: batch.exportRequestedAt,
          requestedExecutionDate: batch.requestedExecutionDate!,
          debtor,
          numberOfTransactions: payable.lines,
          controlSumCents: payable.cents,
        },
        payments(),
        out,
      );
      return { bytes: summary.bytes, sha256: summary.sha256 };
    });
  }

  private async writeSummary(
    snapshot: ExportSnapshot,
    batch: AskedExport,
    payableLines: number,
  ): Promise<ManifestFile> {
    const funders = await snapshot.funders(batch.id);
    return this.write(batch.id, BATCH_FILES.summary, (out) =>
      writeBatchSummaryPdf(
        {
          batchId: batch.id,
          programmeName: batch.programmeName,
          period: batch.period,
          // As it will be once these files are written: the summary is the exported batch's
          // (closed at once when there is nothing to pay).
          status: payableLines === 0 ? 'PAID' : 'EXPORTED',
          sealedAt: batch.generatedAt,
          approvedBy: batch.approvedByLabel,
          approvedAt: batch.approvedAt,
          generatedAt: batch.exportRequestedAt,
          requestedExecutionDate: batch.requestedExecutionDate,
          sepaFormat: batch.sepaFormat,
          messageId: batch.messageId,
          totals: {
            lines: batch.lineCount,
            payableLines,
            onHoldLines: batch.lineCount - payableLines,
            redemptions: batch.redemptionCount,
            cheques: batch.chequeCount,
            payableCents: batch.payableCents,
            onHoldCents: batch.onHoldCents,
          },
          funders,
        },
        snapshot.lines(batch.id),
        out,
      ),
    );
  }

  private writeStatement(
    snapshot: ExportSnapshot,
    batch: AskedExport,
    line: ExportLine,
    names: Set<string>,
  ): Promise<ManifestFile> {
    // Two venues of one structure may share a SIRET: the second gets its id's first digits too.
    let name = statementFileName(line.venuePivot);
    if (names.has(name)) {
      name = name.replace(/\.pdf$/, `-${line.venueId.replace(/-/g, '').slice(0, 8)}.pdf`);
    }
    if (!BATCH_FILE_NAME.test(name) || names.has(name)) {
      throw new Error(`No statement name for venue ${line.venueId} (${line.venuePivot})`);
    }
    names.add(name);
    return this.write(
      batch.id,
      { name, mediaType: STATEMENT_MEDIA_TYPE, venueId: line.venueId },
      (out) =>
        writeVenueStatementPdf(
          {
            batchId: batch.id,
            programmeName: batch.programmeName,
            period: batch.period,
            generatedAt: batch.exportRequestedAt,
            venue: {
              name: line.venueName,
              pivot: line.venuePivot,
              addressLines: line.addressLines,
            },
            payee: { holderName: line.holderName!, iban: line.iban! },
            endToEndId: line.endToEndId!,
            requestedExecutionDate: batch.requestedExecutionDate,
            line: {
              redemptionCount: line.redemptionCount,
              chequeCount: line.chequeCount,
              amountCents: line.amountCents,
            },
          },
          snapshot.redemptions(line.id),
          out,
        ),
    );
  }
}

/** The PAYABLE lines as the état liquidatif lists them. */
async function* etatLines(
  lines: AsyncIterable<ExportLine>,
): AsyncGenerator<EtatLiquidatifLine, void, undefined> {
  for await (const line of lines) {
    yield {
      venueName: line.venueName,
      venuePivot: line.venuePivot,
      venueTypologies: line.venueTypologies,
      holderName: line.holderName!,
      iban: line.iban!,
      bic: line.bic,
      chequeCount: line.chequeCount,
      amountCents: line.amountCents,
    };
  }
}

function notFound(id: string): ReimbursementException {
  return new ReimbursementException(
    ReimbursementExceptionCode.BATCH_NOT_FOUND,
    `No reimbursement batch ${id} for you.`,
  );
}
