import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PrintFile, PrintFileChunk, type PrintFileKind } from './print-file.entity.js';

/** Rows of print_file and print_file_chunk; the bytes arrive here already encrypted. */
@Injectable()
export class PrintFilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async open(
    manager: EntityManager,
    issuanceId: string,
    generation: number,
    kind: PrintFileKind,
  ): Promise<PrintFile> {
    const existing = await manager.findOneBy(PrintFile, { issuanceId, generation, kind });
    return existing ?? manager.save(manager.create(PrintFile, { issuanceId, generation, kind }));
  }

  lock(manager: EntityManager, id: string): Promise<PrintFile> {
    return manager.findOneOrFail(PrintFile, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  find(issuanceId: string, generation: number, kind: PrintFileKind): Promise<PrintFile | null> {
    return this.dataSource.manager.findOneBy(PrintFile, { issuanceId, generation, kind });
  }

  /** The files of each run's current generation, in one query for a whole page of runs. */
  currentOf(runs: { id: string; printGeneration: number }[]): Promise<PrintFile[]> {
    if (runs.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .getRepository(PrintFile)
      .createQueryBuilder('f')
      .where(
        '(f.issuance_id, f.generation) IN (SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:generations AS int[])))',
        { ids: runs.map((r) => r.id), generations: runs.map((r) => r.printGeneration) },
      )
      .orderBy('f.kind', 'ASC')
      .getMany();
  }

  /** Every file of a run, all generations. */
  async idsOfIssuance(manager: EntityManager, issuanceId: string): Promise<string[]> {
    const files = await manager.find(PrintFile, { where: { issuanceId }, select: { id: true } });
    return files.map((f) => f.id);
  }

  /** Stores the next chunk and moves the file's resume mark to `lastSerial`. */
  async appendChunk(
    manager: EntityManager,
    fileId: string,
    data: Buffer,
    plainBytes: number,
    lastSerial: number,
  ): Promise<void> {
    const next = await manager
      .createQueryBuilder(PrintFileChunk, 'c')
      .select('COALESCE(MAX(c.seq), 0) + 1', 'next')
      .where('c.file_id = :id', { id: fileId })
      .getRawOne<{ next: number }>();
    await manager.insert(PrintFileChunk, { fileId, seq: Number(next?.next ?? 1), data });
    await manager.update(
      PrintFile,
      { id: fileId },
      { lastSerial, sizeBytes: () => `size_bytes + ${plainBytes}` },
    );
  }

  async complete(manager: EntityManager, fileId: string): Promise<void> {
    await manager.update(PrintFile, { id: fileId }, { complete: true });
  }

  async remove(manager: EntityManager, fileIds: string[]): Promise<void> {
    if (fileIds.length > 0) await manager.delete(PrintFile, fileIds);
  }

  /** Chunks `from` to `to - 1` of a file, in order. */
  chunks(fileId: string, from: number, to: number): Promise<PrintFileChunk[]> {
    return this.dataSource.manager
      .createQueryBuilder(PrintFileChunk, 'c')
      .where('c.file_id = :id AND c.seq >= :from AND c.seq < :to', { id: fileId, from, to })
      .orderBy('c.seq', 'ASC')
      .getMany();
  }
}
