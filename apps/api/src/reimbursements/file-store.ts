import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { BatchFilesRepository, type NewBatchFile } from './batch-files.repository.js';
import type { ReimbursementFile } from './reimbursement-batch.entity.js';

/** Bytes per stored chunk: few rows for a large file, little memory while writing or reading. */
export const BATCH_FILE_CHUNK_BYTES = 1 << 20;

/** Chunks fetched per query when reading a file back. */
const CHUNKS_PER_READ = 4;

/**
 * A file being written into reimbursement_file(+_chunk): a Writable to give the file writers
 * (pipeline(…, writer)). Bytes are kept until a whole chunk (1 MiB) is there, then inserted; the
 * write that completes a chunk is acknowledged only once the INSERT is done, so a fast producer
 * waits for the database instead of filling memory. Size and SHA-256 are computed on the way,
 * and when the stream finishes the last chunk is inserted and the file sealed (complete, size,
 * SHA-256): 'finish' means stored. On failure nothing is deleted; the file stays incomplete, for
 * BatchFileStore.removeIncomplete.
 */
export class BatchFileWriter extends Writable {
  /** Known once the file's row is inserted (before the first write). */
  fileId: string | null = null;
  sizeBytes = 0;
  /** Known once finished. */
  sha256: string | null = null;
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly files: BatchFilesRepository,
    private readonly manager: EntityManager | undefined,
    readonly target: NewBatchFile,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    const inserted = this.files.insertFile(this.manager, this.target);
    this.inFlight = inserted.catch(() => undefined);
    inserted.then((id) => {
      this.fileId = id;
      callback();
    }, callback);
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < BATCH_FILE_CHUNK_BYTES) {
      callback();
      return;
    }
    this.storeWholeChunks().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.finish().then(() => callback(), callback);
  }

  private async storeWholeChunks(): Promise<void> {
    let bytes = Buffer.concat(this.pending, this.pendingBytes);
    while (bytes.length >= BATCH_FILE_CHUNK_BYTES) {
      await this.insert(bytes.subarray(0, BATCH_FILE_CHUNK_BYTES));
      bytes = bytes.subarray(BATCH_FILE_CHUNK_BYTES);
    }
    // A copy, so the megabyte just stored is not kept alive by the rest.
    const rest = Buffer.from(bytes);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
  }

  private async finish(): Promise<void> {
    if (this.pendingBytes > 0) await this.insert(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
    const sha256 = this.hash.digest('hex');
    if (!(await this.files.seal(this.manager, this.fileId!, this.sizeBytes, sha256))) {
      throw new Error(`Batch file ${this.target.name} vanished or was sealed meanwhile`);
    }
    this.sha256 = sha256;
  }

  /**
   * Destroyed (the producer failed, the pipeline gave up) while a query runs: 'close' waits for
   * it, so that once the pipeline has settled nothing more reaches the database (nor a
   * transaction the caller is rolling back).
   */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const settled = () => callback(error);
    this.inFlight.then(settled, settled);
  }

  private insert(data: Buffer): Promise<void> {
    this.seq++;
    const done = this.files.insertChunk(this.manager, this.fileId!, this.seq, data);
    this.inFlight = done.catch(() => undefined);
    return done;
  }
}

/** The files of exported batches, in the database (every API instance can serve them). */
@Injectable()
export class BatchFileStore {
  constructor(private readonly files: BatchFilesRepository) {}

  /**
   * A new file of the batch to write into; with `manager`, its rows are written in that
   * transaction. Fails (the stream errors) when the batch already has a file of that name.
   */
  create(manager: EntityManager | undefined, file: NewBatchFile): BatchFileWriter {
    return new BatchFileWriter(this.files, manager, file);
  }

  /** Drops the batch's unfinished files, e.g. before a retried export writes them again. */
  removeIncomplete(batchId: string, manager?: EntityManager): Promise<number> {
    return this.files.removeIncomplete(manager, batchId);
  }

  /** Drops every file of a batch not exported yet, before its export (re)writes them. */
  removeUnexported(batchId: string): Promise<number> {
    return this.files.removeUnexported(batchId);
  }

  /** The batch's complete files, by name. */
  list(batchId: string): Promise<ReimbursementFile[]> {
    return this.files.listComplete(batchId);
  }

  /** A file by name, complete or not. */
  find(batchId: string, name: string): Promise<ReimbursementFile | null> {
    return this.files.find(batchId, name);
  }

  /** The bytes of a file, in order, a few chunks per query. */
  async *read(fileId: string): AsyncGenerator<Buffer> {
    for (let from = 1; ; from += CHUNKS_PER_READ) {
      const chunks = await this.files.chunks(fileId, from, from + CHUNKS_PER_READ);
      for (const chunk of chunks) yield chunk.data;
      if (chunks.length < CHUNKS_PER_READ) return;
    }
  }
}
