import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDITED_CARNET_IDS,
  chequeNumber,
  qrPayload,
  SECURITY_CODE_LENGTH,
  securityCodeFrom,
  securityCodeHash,
  serialRanges,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { PrintStore } from '#src/files/print-store.service.js';
import { describeRun } from './describe-run.js';
import type { Issuance } from './issuance.entity.js';
import { IssuanceRepository } from './issuance.repository.js';
import { PrintRenderer } from './print-renderer.service.js';
import {
  printCsvHeader,
  printCsvRows,
  type PrintCarnet,
  type PrintCheque,
  type PrintRun,
} from './print/carnet-print.js';

/** Carnets written per transaction: each chunk commits its carnets, cheques, ledger and CSV together. */
export const ISSUANCE_CHUNK_CARNETS = 1000;

const SYSTEM: SystemActor = { type: 'system', name: 'issuance' };

export interface IssuanceProgress {
  (done: number, total: number): Promise<void> | void;
}

/** The worker's part of a run: carnets, cheques and codes chunk by chunk, the CSV alongside. */
@Injectable()
export class IssuanceWriter {
  private readonly logger = new Logger(IssuanceWriter.name);

  constructor(
    private readonly issuances: IssuanceRepository,
    private readonly custody: CustodyService,
    private readonly printStore: PrintStore,
    private readonly renderer: PrintRenderer,
    private readonly keys: ChequeKeys,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes the run chunk by chunk (carnets, cheques, ledger rows and the CSV lines of their codes
   * in one transaction each), then the PDF from the stored CSV. Resumes after the last committed
   * chunk when the job is retried.
   */
  async run(issuanceId: string, progress?: IssuanceProgress): Promise<Issuance> {
    let issuance = await this.issuances.get(issuanceId);
    if (issuance.status === 'DONE') return issuance;
    try {
      await this.setStatus(issuanceId, 'RUNNING', 'issuance.started', {
        carnetsDone: issuance.carnetsDone,
      });
      const run = await this.printRun(issuance);
      while (issuance.carnetsDone < issuance.carnetCount) {
        issuance = await this.writeChunk(issuanceId, run);
        await progress?.(issuance.carnetsDone, issuance.carnetCount);
      }
      await this.setStatus(issuanceId, 'PRINTING', 'issuance.printing', {
        carnetsDone: issuance.carnetsDone,
      });
      await this.renderer.render(issuance, run);
      return await this.dataSource.transaction(async (manager) => {
        await this.issuances.update(
          issuanceId,
          { status: 'DONE', finishedAt: new Date() },
          manager,
        );
        const done = await this.issuances.get(issuanceId, manager);
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
      const issuance = await this.issuances.lock(manager, issuanceId);
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
      await this.issuances.insertChunk(manager, issuance, holder.id, {
        carnetIds,
        serials,
        chequeNumbers: numbers,
        chequeCarnetIds: chequeCarnets,
        positions,
        hashes,
      });
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
      await this.issuances.update(issuance.id, { carnetsDone: to }, manager);
      return { ...issuance, carnetsDone: to };
    });
  }

  /** The worker's part of a reprint: new codes chunk by chunk, CSV alongside, then the PDF. */
  async runRegeneration(issuanceId: string, generation: number): Promise<Issuance> {
    const issuance = await this.issuances.get(issuanceId);
    if (issuance.printGeneration !== generation) return issuance;
    try {
      const run = await this.printRun(issuance);
      for (;;) {
        const finished = await this.dataSource.transaction(async (manager) => {
          const csv = await this.printStore.openLocked(manager, issuanceId, generation, 'CSV');
          if (csv.complete) return true;
          const holder = await this.custody.programmeHolder(manager, issuance.programmeId);
          const carnets = await this.issuances.stockCarnetsAfter(
            manager,
            issuanceId,
            holder.id,
            csv.lastSerial,
            ISSUANCE_CHUNK_CARNETS,
          );
          const cheques = await this.issuances.issuedChequesOf(
            manager,
            carnets.map((c) => c.id),
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
          const kept = new Set(
            await this.issuances.renewCodes(
              manager,
              cheques.map((c) => c.number),
              hashes,
            ),
          );
          for (const carnet of byCarnet.values()) {
            carnet.cheques = carnet.cheques.filter((c) => kept.has(c.number));
          }
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
            await this.auditRenewal(manager, issuance, holder.id, generation);
            return true;
          }
          return false;
        });
        if (finished) break;
      }
      await this.renderer.render(issuance, run);
      await this.setStatus(issuanceId, 'DONE', 'issuance.reprint-completed', { generation });
      return this.issuances.get(issuanceId);
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

  /**
   * One entry for the whole reprint, written with the chunk that completes its file (so once,
   * however often the job resumes): the run's stock carnets, whose codes it renewed, as serial
   * ranges (a cheque's history finds it by its carnet's serial) and ids while they stay short. A
   * carnet cancelled during the reprint has left the stock and its own entry says so.
   */
  private async auditRenewal(
    manager: EntityManager,
    issuance: Issuance,
    stockId: string,
    generation: number,
  ): Promise<void> {
    const carnets = await this.issuances.stockCarnetsOf(manager, issuance.id, stockId);
    await this.audit.record(manager, SYSTEM, {
      action: 'carnet.codes-renewed',
      entityType: 'issuance',
      entityId: issuance.id,
      after: {
        generation,
        count: carnets.length,
        serials: serialRanges(carnets.map((c) => c.serial)),
        ...(carnets.length <= AUDITED_CARNET_IDS ? { carnetIds: carnets.map((c) => c.id) } : {}),
      },
    });
  }

  private async printRun(issuance: Issuance): Promise<PrintRun> {
    const programme = await this.issuances.programme(issuance.programmeId);
    return { programmeName: programme.name, territoryLabel: programme.territoryLabel };
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
      const before = await this.issuances.get(issuanceId, manager);
      await this.issuances.update(issuanceId, { status, error }, manager);
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
}
