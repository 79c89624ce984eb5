import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChequeKeys } from './cheque-keys.js';
import { PrintFile, PrintFileChunk, type PrintFileKind } from './print-file.entity.js';

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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async open(
    manager: EntityManager,
    issuanceId: string,
    generation: number,
    kind: PrintFileKind,
  ): Promise<PrintFile> {
    const existing = await manager.findOneBy(PrintFile, { issuanceId, generation, kind });
    return existing ?? manager.save(manager.create(PrintFile, { issuanceId, generation, kind }));
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
    const file = await this.open(manager, issuanceId, generation, kind);
    return manager.findOneOrFail(PrintFile, {
      where: { id: file.id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  find(issuanceId: string, generation: number, kind: PrintFileKind): Promise<PrintFile | null> {
    return this.dataSource.manager.findOneBy(PrintFile, { issuanceId, generation, kind });
  }

  /** Appends bytes as the next chunk, and moves the file's resume mark to `lastSerial`. */
  async append(
    manager: EntityManager,
    file: PrintFile,
    bytes: Buffer,
    lastSerial: number,
  ): Promise<void> {
    const next = await manager
      .createQueryBuilder(PrintFileChunk, 'c')
      .select('COALESCE(MAX(c.seq), 0) + 1', 'next')
      .where('c.file_id = :id', { id: file.id })
      .getRawOne<{ next: number }>();
    await manager.insert(PrintFileChunk, {
      fileId: file.id,
      seq: Number(next?.next ?? 1),
      data: this.encrypt(bytes),
    });
    await manager.update(
      PrintFile,
      { id: file.id },
      { lastSerial, sizeBytes: () => `size_bytes + ${bytes.length}` },
    );
  }

  async complete(manager: EntityManager, fileId: string): Promise<void> {
    await manager.update(PrintFile, { id: fileId }, { complete: true });
  }

  /** Drops a file and its chunks (an unfinished PDF restarted, or a generation whose codes are void). */
  async remove(manager: EntityManager, fileIds: string[]): Promise<void> {
    if (fileIds.length > 0) await manager.delete(PrintFile, fileIds);
  }

  /** The decrypted chunks of a file, in order, read a few at a time. */
  async *read(fileId: string): AsyncGenerator<Buffer> {
    const batch = 8;
    for (let from = 1; ; from += batch) {
      const chunks = await this.dataSource.manager
        .createQueryBuilder(PrintFileChunk, 'c')
        .where('c.file_id = :id AND c.seq >= :from AND c.seq < :to', {
          id: fileId,
          from,
          to: from + batch,
        })
        .orderBy('c.seq', 'ASC')
        .getMany();
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
