import { chequeNumber, periodCutoff } from '@carnet/domain';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BatchFilesRepository } from '#src/reimbursements/batch-files.repository.js';
import { BATCH_FILE_CHUNK_BYTES, BatchFileStore } from '#src/reimbursements/file-store.js';
import { type ChequeRow, writeChequesCsv } from '#src/reimbursements/files/cheques-csv.js';
import { BATCH_FILES } from '#src/reimbursements/files/names.js';
import {
  ReimbursementBatch,
  ReimbursementFile,
  ReimbursementFileChunk,
} from '#src/reimbursements/reimbursement-batch.entity.js';
import { createProgramme } from './factories.js';
import { bootApp, type TestApp } from './utils.js';

/** An export's files in PostgreSQL: written by chunks as they stream, sealed, read back. */
describe('batch file store (PostgreSQL)', () => {
  let t: TestApp;
  let store: BatchFileStore;
  let batchId: string;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    store = new BatchFileStore(new BatchFilesRepository(t.dataSource));
    const programme = await createProgramme(t);
    const batch = await t.dataSource.manager.save(
      t.dataSource.manager.create(ReimbursementBatch, {
        programmeId: programme.id,
        period: '2026-10',
        cutoff: periodCutoff('2026-10'),
      }),
    );
    batchId = batch.id;
  });

  afterAll(async () => {
    await t.close();
  });

  /** `bytes` as a stream of uneven pieces (as the writers push them). */
  function pieces(bytes: Buffer): Readable {
    return Readable.from(
      (function* () {
        for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 13) % 90_001) {
          yield bytes.subarray(at, at + step);
        }
      })(),
      { objectMode: false },
    );
  }

  async function readBack(fileId: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of store.read(fileId)) parts.push(part);
    return Buffer.concat(parts);
  }

  const chunkSizes = async (fileId: string) =>
    (
      await t.dataSource.manager.find(ReimbursementFileChunk, {
        where: { fileId },
        order: { seq: 'ASC' },
      })
    ).map((chunk) => [chunk.seq, chunk.data.length]);

  it('stores a 3 MiB file in 1 MiB chunks, seals it with its size and SHA-256, reads it back', async () => {
    const bytes = randomBytes(3 * BATCH_FILE_CHUNK_BYTES + 12_345);
    const writer = store.create(undefined, {
      batchId,
      name: 'etat-liquidatif.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    await pipeline(pieces(bytes), writer);

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(writer.sha256).toBe(sha256);
    expect(writer.sizeBytes).toBe(bytes.length);
    const file = await t.dataSource.manager.findOneByOrFail(ReimbursementFile, {
      id: writer.fileId!,
    });
    expect(file).toMatchObject({
      batchId,
      name: 'etat-liquidatif.xlsx',
      complete: true,
      sizeBytes: bytes.length,
      sha256,
      venueId: null,
    });
    expect(await chunkSizes(file.id)).toEqual([
      [1, BATCH_FILE_CHUNK_BYTES],
      [2, BATCH_FILE_CHUNK_BYTES],
      [3, BATCH_FILE_CHUNK_BYTES],
      [4, 12_345],
    ]);
    const back = await readBack(file.id);
    expect(back.equals(bytes)).toBe(true);
    expect(createHash('sha256').update(back).digest('hex')).toBe(file.sha256);
    expect((await store.list(batchId)).map((f) => f.name)).toContain('etat-liquidatif.xlsx');
  });

  it('acknowledges the write that completes a chunk only after its INSERT', async () => {
    const writer = store.create(undefined, { batchId, name: 'slow.bin', mediaType: 'x/y' });
    const inserted: number[] = [];
    const repository = (writer as unknown as { files: BatchFilesRepository }).files;
    const insertChunk = repository.insertChunk.bind(repository);
    repository.insertChunk = async (manager, fileId, seq, data) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await insertChunk(manager, fileId, seq, data);
      inserted.push(seq);
    };
    try {
      const half = Buffer.alloc(BATCH_FILE_CHUNK_BYTES / 2, 1);
      await new Promise<void>((resolve, reject) =>
        writer.write(half, (error) => (error ? reject(error) : resolve())),
      );
      expect(inserted).toEqual([]);
      await new Promise<void>((resolve, reject) =>
        writer.write(half, (error) => (error ? reject(error) : resolve())),
      );
      expect(inserted).toEqual([1]);
      await new Promise<void>((resolve) => writer.end(resolve));
      expect(inserted).toEqual([1]);
      expect(await chunkSizes(writer.fileId!)).toEqual([[1, BATCH_FILE_CHUNK_BYTES]]);
    } finally {
      repository.insertChunk = insertChunk;
    }
  });

  it('marks a venue statement, and stores an empty file as complete', async () => {
    const venueId = randomUUID();
    const venueFile = store.create(undefined, {
      batchId,
      name: 'empty.csv',
      mediaType: 'text/csv; charset=utf-8',
      venueId,
    });
    await pipeline(Readable.from([]), venueFile);
    const file = await store.find(batchId, 'empty.csv');
    expect(file).toMatchObject({
      venueId,
      complete: true,
      sizeBytes: 0,
      sha256: createHash('sha256').digest('hex'),
    });
    expect(await readBack(file!.id)).toEqual(Buffer.alloc(0));
  });

  it('refuses a second file of the same name', async () => {
    const again = store.create(undefined, { batchId, name: 'empty.csv', mediaType: 'text/csv' });
    await expect(pipeline(Readable.from([Buffer.from('x')]), again)).rejects.toThrow(
      /UQ_reimbursement_file_name|duplicate key/,
    );
  });

  it('leaves an interrupted file incomplete and unlisted; removeIncomplete drops it and its chunks', async () => {
    const writer = store.create(undefined, { batchId, name: 'cheques.csv', mediaType: 'text/csv' });
    // The producer fails while a chunk is being inserted: the pipeline settles after the INSERT.
    const repository = (writer as unknown as { files: BatchFilesRepository }).files;
    const insertChunk = repository.insertChunk.bind(repository);
    repository.insertChunk = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await insertChunk(...args);
    };
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(BATCH_FILE_CHUNK_BYTES + 10);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('the cursor broke');
      })(),
    );
    await expect(pipeline(failing, writer)).rejects.toThrow('the cursor broke');
    repository.insertChunk = insertChunk;
    const file = await store.find(batchId, 'cheques.csv');
    expect(file).toMatchObject({ complete: false, sha256: null });
    expect(await chunkSizes(file!.id)).toEqual([[1, BATCH_FILE_CHUNK_BYTES]]);
    expect((await store.list(batchId)).map((f) => f.name)).not.toContain('cheques.csv');

    expect(await store.removeIncomplete(batchId)).toBe(1);
    expect(await store.find(batchId, 'cheques.csv')).toBeNull();
    expect(await t.dataSource.manager.countBy(ReimbursementFileChunk, { fileId: file!.id })).toBe(
      0,
    );
    // Complete files stay.
    expect((await store.list(batchId)).map((f) => f.name)).toEqual([
      'empty.csv',
      'etat-liquidatif.xlsx',
      'slow.bin',
    ]);
  });

  it("takes a writer's output as it streams: the writer's digest is the sealed file's", async () => {
    function* cheques(): Generator<ChequeRow> {
      for (let i = 0; i < 40_000; i++) {
        yield {
          number: chequeNumber(1 + i),
          redeemedAt: new Date(Date.UTC(2026, 9, 1 + (i % 31), 9)),
          service: 'Aide aux démarches administratives',
          venuePivot: '21620510700015',
          faceValueCents: 1000,
        };
      }
    }
    const writer = store.create(undefined, { batchId, ...BATCH_FILES.cheques });
    const summary = await writeChequesCsv(cheques(), writer);
    expect(summary.bytes).toBeGreaterThan(2 * BATCH_FILE_CHUNK_BYTES);
    const file = await store.find(batchId, 'cheques.csv');
    expect(file).toMatchObject({
      complete: true,
      sizeBytes: summary.bytes,
      sha256: summary.sha256,
      mediaType: 'text/csv; charset=utf-8',
    });
    const back = await readBack(file!.id);
    expect(back.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(createHash('sha256').update(back).digest('hex')).toBe(summary.sha256);
  });

  it('writes within a transaction: rolled back, nothing remains', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        const writer = store.create(manager, {
          batchId,
          name: 'releve-21620510700015.pdf',
          mediaType: 'application/pdf',
        });
        await pipeline(Readable.from([randomBytes(BATCH_FILE_CHUNK_BYTES * 2)]), writer);
        expect(writer.sha256).not.toBeNull();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.find(batchId, 'releve-21620510700015.pdf')).toBeNull();
  });
});
