import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chequeNumber,
  formatCarnetSerial,
  qrPayload,
  SECURITY_CODE_LENGTH,
  securityCodeFrom,
  securityCodeHash,
} from '@carnet/domain';
import type { Queue } from 'bullmq';
import { parse } from 'csv-parse';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { actorLabelOf, type Principal } from '#src/auth/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { AppConfig } from '#src/config/app-config.js';
import { Programme } from '#src/funders/programme.entity.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { QUEUES } from '#src/queues/queues.js';
import { ChequeKeys } from './cheque-keys.js';
import { ChequeException, ChequeExceptionCode } from './cheque.exception.js';
import type { ListIssuancesQueryDto } from './dto/issuance.dto.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { issuedValueCents } from './issued-value.js';
import { Issuance } from './issuance.entity.js';
import type { PrintFile, PrintFileKind } from './print-file.entity.js';
import { PRINT_CHUNK_BYTES, PrintStore } from './print-store.service.js';
import {
  CarnetPdfWriter,
  printCsvHeader,
  printCsvRows,
  type PrintCarnet,
  type PrintCheque,
  type PrintRun,
} from './print/carnet-print.js';

/** Carnets written per transaction: each chunk commits its carnets, cheques, ledger and CSV together. */
export const ISSUANCE_CHUNK_CARNETS = 1000;

const SYSTEM: SystemActor = { type: 'system', name: 'issuance' };
const SORTABLE = { createdAt: 'createdAt', carnetCount: 'carnetCount' } as const;

export interface IssuanceProgress {
  (done: number, total: number): Promise<void> | void;
}

@Injectable()
export class IssuanceService {
  private readonly logger = new Logger(IssuanceService.name);

  constructor(
    private readonly programmes: ProgrammesService,
    private readonly custody: CustodyService,
    private readonly printStore: PrintStore,
    private readonly keys: ChequeKeys,
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
  async request(actor: Principal, programmeId: string, count: number): Promise<Issuance> {
    if (count > this.config.ISSUANCE_MAX_CARNETS) {
      throw new ChequeException(
        ChequeExceptionCode.ISSUANCE_TOO_LARGE,
        `At most ${this.config.ISSUANCE_MAX_CARNETS} carnets per run.`,
        [{ field: 'count', message: `must not exceed ${this.config.ISSUANCE_MAX_CARNETS}` }],
      );
    }
    const issuance = await this.dataSource.transaction(async (manager) => {
      await this.programmes.get(actor, programmeId, manager);
      const programme = await manager.findOneOrFail(Programme, {
        where: { id: programmeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (programme.status !== 'ACTIVE') {
        throw new ChequeException(
          ChequeExceptionCode.PROGRAMME_NOT_ISSUABLE,
          `Carnets can only be issued for an ACTIVE programme (this one is ${programme.status}).`,
        );
      }
      const runValue = count * programme.chequesPerCarnet * programme.faceValueCents;
      const committed = await issuedValueCents(manager, programmeId);
      if (committed + runValue > programme.budgetCents) {
        throw new ChequeException(
          ChequeExceptionCode.ISSUANCE_EXCEEDS_BUDGET,
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
      const firstSerial = await reserve(manager, 'carnet_serial', count);
      const firstSequence = await reserve(
        manager,
        'cheque_sequence',
        count * programme.chequesPerCarnet,
      );
      const saved = await manager.save(
        manager.create(Issuance, {
          programmeId,
          carnetCount: count,
          chequesPerCarnet: programme.chequesPerCarnet,
          faceValueCents: programme.faceValueCents,
          validUntil: programme.validityEndDate,
          firstSerial,
          firstSequence,
          status: 'QUEUED',
          requestedBy: actor.type === 'user' ? actor.id : null,
        }),
      );
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

  /**
   * The worker's part: writes the run chunk by chunk (carnets, cheques, ledger rows and the CSV
   * lines of their codes in one transaction each), then the PDF from the stored CSV. Resumes
   * after the last committed chunk when the job is retried.
   */
  async run(issuanceId: string, progress?: IssuanceProgress): Promise<Issuance> {
    let issuance = await this.dataSource.manager.findOneByOrFail(Issuance, { id: issuanceId });
    if (issuance.status === 'DONE') return issuance;
    try {
      await this.setStatus(issuanceId, 'RUNNING', 'issuance.started', {
        carnetsDone: issuance.carnetsDone,
      });
      const programme = await this.dataSource.manager.findOneByOrFail(Programme, {
        id: issuance.programmeId,
      });
      const run: PrintRun = {
        programmeName: programme.name,
        territoryLabel: programme.territoryLabel,
      };
      while (issuance.carnetsDone < issuance.carnetCount) {
        issuance = await this.writeChunk(issuanceId, run);
        await progress?.(issuance.carnetsDone, issuance.carnetCount);
      }
      await this.setStatus(issuanceId, 'PRINTING', 'issuance.printing', {
        carnetsDone: issuance.carnetsDone,
      });
      await this.renderPdf(issuance, run);
      return await this.dataSource.transaction(async (manager) => {
        await manager.update(
          Issuance,
          { id: issuanceId },
          { status: 'DONE', finishedAt: new Date() },
        );
        const done = await manager.findOneByOrFail(Issuance, { id: issuanceId });
        await this.audit.record(manager, SYSTEM, {
          action: 'issuance.completed',
          entityType: 'issuance',
          entityId: issuanceId,
          after: describeRun(done),
        });
        return done;
      });
    } catch (error) {
      this.logger.error(`Issuance ${issuanceId} failed: ${(error as Error).message}`);
      const message = (error as Error).message.slice(0, 500);
      await this.setStatus(issuanceId, 'FAILED', 'issuance.failed', { error: message }, message);
      throw error;
    }
  }

  private writeChunk(issuanceId: string, run: PrintRun): Promise<Issuance> {
    return this.dataSource.transaction(async (manager) => {
      const issuance = await manager.findOneOrFail(Issuance, {
        where: { id: issuanceId },
        lock: { mode: 'pessimistic_write' },
      });
      const from = issuance.carnetsDone;
      const to = Math.min(issuance.carnetCount, from + ISSUANCE_CHUNK_CARNETS);
      if (from >= to) return issuance;
      const holder = await this.custody.programmeHolder(manager, issuance.programmeId);
      const perCarnet = issuance.chequesPerCarnet;
      const carnetIds: string[] = [];
      const serials: number[] = [];
      const numbers: string[] = [];
      const chequeCarnets: string[] = [];
      const positions: number[] = [];
      const hashes: string[] = [];
      const printed: PrintCarnet[] = [];
      const random = randomBytes(SECURITY_CODE_LENGTH * perCarnet * (to - from));
      for (let k = from; k < to; k++) {
        const id = randomUUID();
        const serial = issuance.firstSerial + k;
        carnetIds.push(id);
        serials.push(serial);
        const cheques: PrintCheque[] = [];
        for (let p = 0; p < perCarnet; p++) {
          const number = chequeNumber(issuance.firstSequence + k * perCarnet + p);
          const { hash, cheque } = this.newCode(
            issuance,
            number,
            random,
            (k - from) * perCarnet + p,
          );
          numbers.push(number);
          chequeCarnets.push(id);
          positions.push(p + 1);
          hashes.push(hash);
          cheques.push(cheque);
        }
        printed.push({ serial, cheques });
      }
      await manager.query(
        `INSERT INTO carnet (id, serial, programme_id, issuance_id, holder_id, status)
         SELECT t.id, t.serial, $3, $4, $5, 'ACTIVE' FROM unnest($1::uuid[], $2::bigint[]) AS t(id, serial)`,
        [carnetIds, serials, issuance.programmeId, issuance.id, holder.id],
      );
      await manager.query(
        `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until, status, security_hash)
         SELECT t.number, t.carnet_id, $5, t.position, $6, $7, 'ISSUED', decode(t.hash, 'hex')
         FROM unnest($1::char(12)[], $2::uuid[], $3::smallint[], $4::text[]) AS t(number, carnet_id, position, hash)`,
        [
          numbers,
          chequeCarnets,
          positions,
          hashes,
          issuance.programmeId,
          issuance.faceValueCents,
          issuance.validUntil,
        ],
      );
      await this.custody.recordIssue(manager, {
        carnetIds,
        issuanceId: issuance.id,
        programmeId: issuance.programmeId,
        holderId: holder.id,
        actorId: issuance.requestedBy,
      });
      const csv = await this.printStore.open(manager, issuance.id, issuance.printGeneration, 'CSV');
      const header = from === 0 ? printCsvHeader() : '';
      await this.printStore.append(
        manager,
        csv,
        Buffer.from(header + printed.map((c) => printCsvRows(run, c)).join(''), 'utf8'),
        serials[serials.length - 1],
      );
      if (to === issuance.carnetCount) await this.printStore.complete(manager, csv.id);
      await manager.update(Issuance, { id: issuance.id }, { carnetsDone: to });
      return { ...issuance, carnetsDone: to };
    });
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
        throw new ChequeException(
          ChequeExceptionCode.ISSUANCE_ALREADY_DONE,
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

  /** A status change of a run, audited in the same transaction. */
  private setStatus(
    issuanceId: string,
    status: Issuance['status'],
    action: string,
    details: Record<string, unknown>,
    error: string | null = null,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneByOrFail(Issuance, { id: issuanceId });
      await manager.update(Issuance, { id: issuanceId }, { status, error });
      await this.audit.record(manager, SYSTEM, {
        action,
        entityType: 'issuance',
        entityId: issuanceId,
        before: { status: before.status },
        after: { status, ...details },
      });
    });
  }

  /**
   * A new security code for one cheque, from the i-th slice of a batch of random bytes (one
   * randomBytes call per chunk, not per cheque): the keyed hash to store, the cheque as printed.
   */
  private newCode(
    issuance: Issuance,
    number: string,
    random: Buffer,
    i: number,
  ): { hash: string; cheque: PrintCheque } {
    const code = securityCodeFrom(
      random.subarray(i * SECURITY_CODE_LENGTH, (i + 1) * SECURITY_CODE_LENGTH),
    );
    return {
      hash: securityCodeHash(this.keys.codeHashKey, number, code).toString('hex'),
      cheque: {
        number,
        securityCode: code,
        faceValueCents: issuance.faceValueCents,
        validUntil: issuance.validUntil,
        qrPayload: qrPayload(number, code),
      },
    };
  }

  /**
   * Issues new security codes for the carnets of a run still in the programme's stock (the
   * others are already in someone's hands with their printed codes) and produces the print
   * files again; the previous files and their codes stop working at once.
   */
  async regenerate(actor: Principal, issuanceId: string): Promise<Issuance> {
    const issuance = await this.dataSource.transaction(async (manager) => {
      const current = await this.get(actor, issuanceId, manager, true);
      if (current.status !== 'DONE') {
        throw new ChequeException(
          ChequeExceptionCode.ISSUANCE_NOT_FINISHED,
          `Issuance ${issuanceId} is ${current.status}; its print output can be produced again once DONE.`,
        );
      }
      const old = await manager.query<{ id: string }[]>(
        `SELECT id FROM print_file WHERE issuance_id = $1`,
        [issuanceId],
      );
      await this.printStore.remove(
        manager,
        old.map((f) => f.id),
      );
      const generation = current.printGeneration + 1;
      await manager.update(
        Issuance,
        { id: issuanceId },
        { printGeneration: generation, status: 'PRINTING' },
      );
      // The old codes of the carnets still in stock stop working now, not chunk by chunk: a
      // one-byte hash never matches. Their carnets cannot leave the stock until the run is DONE.
      const stock = await this.custody.programmeHolder(manager, current.programmeId);
      await manager.query(
        `UPDATE cheque c SET security_hash = '\\x00'::bytea
         FROM carnet k
         WHERE c.carnet_id = k.id AND k.issuance_id = $1 AND k.holder_id = $2
           AND k.status = 'ACTIVE' AND c.status = 'ISSUED'`,
        [issuanceId, stock.id],
      );
      await this.audit.record(manager, actor, {
        action: 'issuance.print-regenerated',
        entityType: 'issuance',
        entityId: issuanceId,
        before: { printGeneration: current.printGeneration },
        after: { printGeneration: generation },
      });
      return { ...current, printGeneration: generation, status: 'PRINTING' as const };
    });
    await this.enqueue(issuance);
    return issuance;
  }

  /** The worker's part of a reprint: new codes chunk by chunk, CSV alongside, then the PDF. */
  async runRegeneration(issuanceId: string, generation: number): Promise<Issuance> {
    const issuance = await this.dataSource.manager.findOneByOrFail(Issuance, { id: issuanceId });
    if (issuance.printGeneration !== generation) return issuance;
    try {
      const programme = await this.dataSource.manager.findOneByOrFail(Programme, {
        id: issuance.programmeId,
      });
      const run: PrintRun = {
        programmeName: programme.name,
        territoryLabel: programme.territoryLabel,
      };
      for (;;) {
        const finished = await this.dataSource.transaction(async (manager) => {
          const csv = await this.printStore.openLocked(manager, issuanceId, generation, 'CSV');
          if (csv.complete) return true;
          const holder = await this.custody.programmeHolder(manager, issuance.programmeId);
          const carnets = await manager.query<{ id: string; serial: number }[]>(
            `SELECT id, serial::int AS serial FROM carnet
             WHERE issuance_id = $1 AND holder_id = $2 AND status = 'ACTIVE' AND serial > $3
             ORDER BY serial LIMIT $4 FOR UPDATE`,
            [issuanceId, holder.id, csv.lastSerial, ISSUANCE_CHUNK_CARNETS],
          );
          const cheques = await manager.query<
            { number: string; carnet_id: string; position: number }[]
          >(
            `SELECT number, carnet_id, position FROM cheque
             WHERE carnet_id = ANY($1::uuid[]) AND status = 'ISSUED' ORDER BY number`,
            [carnets.map((c) => c.id)],
          );
          const byCarnet = new Map<string, PrintCarnet>(
            carnets.map((c) => [c.id, { serial: c.serial, cheques: [] }]),
          );
          const hashes: string[] = [];
          const random = randomBytes(SECURITY_CODE_LENGTH * cheques.length);
          cheques.forEach((row, i) => {
            const { hash, cheque } = this.newCode(issuance, row.number, random, i);
            hashes.push(hash);
            byCarnet.get(row.carnet_id)!.cheques.push(cheque);
          });
          // A cheque cancelled since it was read keeps its status and is left out of the file.
          const [renewed] = await manager.query<[{ number: string }[], number]>(
            `UPDATE cheque SET security_hash = decode(t.hash, 'hex')
             FROM unnest($1::char(12)[], $2::text[]) AS t(number, hash)
             WHERE cheque.number = t.number AND cheque.status = 'ISSUED'
             RETURNING cheque.number`,
            [cheques.map((c) => c.number), hashes],
          );
          const kept = new Set(renewed.map((r) => r.number));
          for (const carnet of byCarnet.values()) {
            carnet.cheques = carnet.cheques.filter((c) => kept.has(c.number));
          }
          await this.audit.recordMany(
            manager,
            SYSTEM,
            carnets.map((c) => ({
              action: 'carnet.codes-renewed',
              entityType: 'carnet',
              entityId: c.id,
              after: {
                generation,
                serial: c.serial,
                cheques: byCarnet.get(c.id)!.cheques.map((q) => q.number),
              },
            })),
          );
          const header = csv.lastSerial === 0 ? printCsvHeader() : '';
          const body = [...byCarnet.values()].map((c) => printCsvRows(run, c)).join('');
          if (carnets.length > 0 || header) {
            await this.printStore.append(
              manager,
              csv,
              Buffer.from(header + body, 'utf8'),
              carnets.length > 0 ? carnets[carnets.length - 1].serial : csv.lastSerial,
            );
          }
          if (carnets.length < ISSUANCE_CHUNK_CARNETS) {
            await this.printStore.complete(manager, csv.id);
            return true;
          }
          return false;
        });
        if (finished) break;
      }
      await this.renderPdf(issuance, run);
      await this.setStatus(issuanceId, 'DONE', 'issuance.reprint-completed', { generation });
      return this.dataSource.manager.findOneByOrFail(Issuance, { id: issuanceId });
    } catch (error) {
      // The run stays PRINTING (its stock carnets keep void codes until it completes): say why,
      // and let a manager resume it.
      const message = (error as Error).message.slice(0, 500);
      this.logger.error(`Reprint of issuance ${issuanceId} failed: ${message}`);
      await this.setStatus(
        issuanceId,
        'PRINTING',
        'issuance.reprint-failed',
        { generation },
        message,
      );
      throw error;
    }
  }

  /** The PDF of the current generation, rendered from its CSV (small runs only). */
  private async renderPdf(issuance: Issuance, run: PrintRun): Promise<void> {
    if (issuance.carnetCount > this.config.PRINT_PDF_MAX_CARNETS) return;
    const generation = (
      await this.dataSource.manager.findOneByOrFail(Issuance, { id: issuance.id })
    ).printGeneration;
    const csv = await this.printStore.find(issuance.id, generation, 'CSV');
    if (!csv?.complete) throw new Error(`CSV of issuance ${issuance.id} is not complete`);
    let pdf = await this.printStore.find(issuance.id, generation, 'PDF');
    if (pdf?.complete) return;
    pdf = await this.dataSource.transaction(async (manager) => {
      if (pdf) await this.printStore.remove(manager, [pdf.id]);
      return this.printStore.open(manager, issuance.id, generation, 'PDF');
    });
    await this.writePdf(csv, pdf, run);
  }

  private async writePdf(csv: PrintFile, pdf: PrintFile, run: PrintRun): Promise<void> {
    const out = new PassThrough();
    const writer = new CarnetPdfWriter(run, out);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lastSerial = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const bytes = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await this.dataSource.transaction((manager) =>
        this.printStore.append(manager, pdf, bytes, lastSerial),
      );
    };
    const stored = (async () => {
      for await (const chunk of out) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        if (pendingBytes >= PRINT_CHUNK_BYTES) await flush();
      }
      await flush();
    })();
    const rows = parse({ columns: true });
    const feeding = (async () => {
      for await (const piece of this.printStore.read(csv.id)) {
        if (!rows.write(piece)) await new Promise((resolve) => rows.once('drain', resolve));
      }
      rows.end();
    })();
    let carnet: PrintCarnet | null = null;
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      const serial = Number(row.carnetSerial);
      if (!carnet || carnet.serial !== serial) {
        if (carnet) await writer.addCarnet(carnet);
        carnet = { serial, cheques: [] };
        lastSerial = serial;
      }
      carnet.cheques.push({
        number: row.chequeNumber,
        securityCode: row.securityCode,
        faceValueCents: Number(row.faceValueCents),
        validUntil: row.validUntil,
        qrPayload: row.qrPayload,
      });
    }
    if (carnet) await writer.addCarnet(carnet);
    await feeding;
    await writer.end();
    await stored;
    await this.dataSource.transaction((manager) => this.printStore.complete(manager, pdf.id));
  }

  async get(
    actor: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Issuance> {
    const issuance = await manager.findOne(Issuance, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!issuance) {
      throw new ChequeException(ChequeExceptionCode.ISSUANCE_NOT_FOUND, `No issuance ${id}.`);
    }
    await this.programmes.get(actor, issuance.programmeId, manager);
    return issuance;
  }

  list(actor: Principal, query: ListIssuancesQueryDto): Promise<Page<Issuance>> {
    return paginate(query, SORTABLE, { createdAt: 'DESC' }, (order, skip, take) =>
      this.dataSource.manager.findAndCount(Issuance, {
        where: query.filter?.programmeId ? { programmeId: query.filter.programmeId } : {},
        order,
        skip,
        take,
      }),
    );
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
      throw new ChequeException(
        ChequeExceptionCode.PRINT_FILE_NOT_FOUND,
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

/** Reserves `count` numbers of a counter; returns the first. The row lock orders concurrent runs. */
async function reserve(manager: EntityManager, name: string, count: number): Promise<number> {
  const [rows] = await manager.query<[{ first: string }[], number]>(
    `UPDATE numbering SET next = next + $2 WHERE name = $1 RETURNING next - $2 AS first`,
    [name, count],
  );
  return Number(rows[0].first);
}

function describeRun(issuance: Issuance): Record<string, unknown> {
  return {
    programmeId: issuance.programmeId,
    carnetCount: issuance.carnetCount,
    chequesPerCarnet: issuance.chequesPerCarnet,
    faceValueCents: issuance.faceValueCents,
    validUntil: issuance.validUntil,
    serials: `${issuance.firstSerial}-${issuance.firstSerial + issuance.carnetCount - 1}`,
    chequeNumbers: `${chequeNumber(issuance.firstSequence)}-${chequeNumber(
      issuance.firstSequence + issuance.carnetCount * issuance.chequesPerCarnet - 1,
    )}`,
    status: issuance.status,
  };
}
