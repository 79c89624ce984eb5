import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import type { PrintFile, PrintFileKind } from './print-file.entity.js';
import { PrintFilesRepository } from './print-files.repository.js';

/** Bytes per stored chunk: large enough for few rows, small enough to stream. */
export const PRINT_CHUNK_BYTES = 1 << 20;

/**
 * Print files in the database, encrypted chunk by chunk with AES-256-GCM: every API instance can
 * serve them, a backup or a database reader sees no security code, and a tampered chunk fails to
 * decrypt instead of printing wrong codes.
 */
@Injectable()
export class PrintStore {
  constructor(
    private readonly keys: ChequeKeys,
    private readonly files: PrintFilesRepository,
  ) {}

  open(
    manager: EntityManager,
    issuanceId: string,
    generation: number,
    kind: PrintFileKind,
  ): Promise<PrintFile> {
    return this.files.open(manager, issuanceId, generation, kind);
  }

  /**
   * Opens a file and locks it for this transaction, so that two workers running the same job
   * (a stalled job taken over) write its chunks one after the other, never twice.
   */
  async openLocked(
    manager: EntityManager,
    issuanceId: string,
    generation: number,
    kind: PrintFileKind,
  ): Promise<PrintFile> {
    const file = await this.files.open(manager, issuanceId, generation, kind);
    return this.files.lock(manager, file.id);
  }

  find(issuanceId: string, generation: number, kind: PrintFileKind): Promise<PrintFile | null> {
    return this.files.find(issuanceId, generation, kind);
  }

  /** The files of each run's current generation, for a page of runs in one query. */
  currentOf(runs: { id: string; printGeneration: number }[]): Promise<PrintFile[]> {
    return this.files.currentOf(runs);
  }

  /** Appends bytes as the next chunk, and moves the file's resume mark to `lastSerial`. */
  async append(
    manager: EntityManager,
    file: PrintFile,
    bytes: Buffer,
    lastSerial: number,
  ): Promise<void> {
    await this.files.appendChunk(manager, file.id, this.encrypt(bytes), bytes.length, lastSerial);
  }

  complete(manager: EntityManager, fileId: string): Promise<void> {
    return this.files.complete(manager, fileId);
  }

  /** Drops a file and its chunks (an unfinished PDF restarted, or a generation whose codes are void). */
  remove(manager: EntityManager, fileIds: string[]): Promise<void> {
    return this.files.remove(manager, fileIds);
  }

  /** Drops every file of a run (a reprint voids them all). */
  async removeAllOf(manager: EntityManager, issuanceId: string): Promise<void> {
    await this.files.remove(manager, await this.files.idsOfIssuance(manager, issuanceId));
  }

  /** The decrypted chunks of a file, in order, read a few at a time. */
  async *read(fileId: string): AsyncGenerator<Buffer> {
    const batch = 8;
    for (let from = 1; ; from += batch) {
      const chunks = await this.files.chunks(fileId, from, from + batch);
      for (const chunk of chunks) yield this.decrypt(chunk.data);
      if (chunks.length < batch) return;
    }
  }

  private encrypt(plain: Buffer): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.printFileKey, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  private decrypt(data: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.keys.printFileKey, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
  }
}
