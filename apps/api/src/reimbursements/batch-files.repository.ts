import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ReimbursementFile, ReimbursementFileChunk } from './reimbursement-batch.entity.js';

export interface NewBatchFile {
  batchId: string;
  name: string;
  mediaType: string;
  /** Set on a venue's statement: the one file its staff may download. */
  venueId?: string | null;
}

/** Rows of reimbursement_file and reimbursement_file_chunk (plain bytes: nothing secret). */
@Injectable()
export class BatchFilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private managerOr(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** A new, incomplete file; fails on a name the batch already has (UQ_reimbursement_file_name). */
  async insertFile(manager: EntityManager | undefined, file: NewBatchFile): Promise<string> {
    const result = await this.managerOr(manager).insert(ReimbursementFile, {
      batchId: file.batchId,
      name: file.name,
      mediaType: file.mediaType,
      venueId: file.venueId ?? null,
    });
    return (result.identifiers[0] as { id: string }).id;
  }

  async insertChunk(
    manager: EntityManager | undefined,
    fileId: string,
    seq: number,
    data: Buffer,
  ): Promise<void> {
    await this.managerOr(manager).insert(ReimbursementFileChunk, { fileId, seq, data });
  }

  /** Marks a file complete with its size and SHA-256; false when it was not there, or sealed. */
  async seal(
    manager: EntityManager | undefined,
    fileId: string,
    sizeBytes: number,
    sha256: string,
  ): Promise<boolean> {
    const result = await this.managerOr(manager).update(
      ReimbursementFile,
      { id: fileId, complete: false },
      { complete: true, sizeBytes, sha256 },
    );
    return result.affected === 1;
  }

  /** Drops a batch's unfinished files (their chunks go with them: ON DELETE CASCADE). */
  async removeIncomplete(manager: EntityManager | undefined, batchId: string): Promise<number> {
    const result = await this.managerOr(manager).delete(ReimbursementFile, {
      batchId,
      complete: false,
    });
    return result.affected ?? 0;
  }

  /**
   * Drops every file of a batch whose export is not done (APPROVED): a retried export writes
   * them all again, the same bytes. Files of an exported batch are never touched.
   */
  async removeUnexported(batchId: string): Promise<number> {
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM reimbursement_file f WHERE f.batch_id = $1
         AND EXISTS (SELECT 1 FROM reimbursement_batch b WHERE b.id = $1 AND b.status = 'APPROVED')`,
      [batchId],
    );
    return removed;
  }

  /** A batch's complete files, by name. */
  listComplete(batchId: string): Promise<ReimbursementFile[]> {
    return this.dataSource.manager.find(ReimbursementFile, {
      where: { batchId, complete: true },
      order: { name: 'ASC' },
    });
  }

  /** A file by name, complete or not (a download tells "not ready" from "no such file"). */
  find(batchId: string, name: string): Promise<ReimbursementFile | null> {
    return this.dataSource.manager.findOneBy(ReimbursementFile, { batchId, name });
  }

  /** Chunks `from` to `to - 1` of a file, in order. */
  chunks(fileId: string, from: number, to: number): Promise<ReimbursementFileChunk[]> {
    return this.dataSource.manager
      .createQueryBuilder(ReimbursementFileChunk, 'c')
      .where('c.file_id = :id AND c.seq >= :from AND c.seq < :to', { id: fileId, from, to })
      .orderBy('c.seq', 'ASC')
      .getMany();
  }
}
