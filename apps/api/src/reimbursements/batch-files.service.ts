import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { BatchesService } from './batches.service.js';
import { BatchFileStore } from './file-store.js';
import { BATCH_FILE_NAME, BATCH_FILES } from './files/names.js';
import type { ReimbursementFile } from './reimbursement-batch.entity.js';
import { ReimbursementException, ReimbursementExceptionCode } from './reimbursement.exception.js';

/** Names the export writes, before it has: asking for one of them is "not ready", not "no such file". */
const FIXED_NAMES = new Set<string>(Object.values(BATCH_FILES).map((f) => f.name));
const STATEMENT_NAME = /^releve-[a-z0-9-]+\.pdf$/;

/** A file to send: its row (name, media type, size, SHA-256) and its bytes, read as sent. */
export interface BatchDownload {
  file: ReimbursementFile & { sha256: string };
  chunks: AsyncGenerator<Buffer>;
}

/**
 * Downloads of an exported batch's files. The programme owner's finance officers (and
 * administrators) get any of them; a venue (its staff, its software) only its own statement,
 * every other name answering 404 as if it did not exist. Each download is audited.
 */
@Injectable()
export class BatchFilesService {
  constructor(
    private readonly batches: BatchesService,
    private readonly store: BatchFileStore,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async download(principal: Principal, batchId: string, name: string): Promise<BatchDownload> {
    // A name the store cannot hold is no file: 404, never an error further down.
    if (!BATCH_FILE_NAME.test(name)) throw fileNotFound(batchId, name);
    const { batch, venues } = await this.batches.visible(principal, batchId);
    const exported = batch.status !== 'GENERATING' && batch.exportedAt !== null;
    if (!exported) {
      const expected = STATEMENT_NAME.test(name) || (venues === null && FIXED_NAMES.has(name));
      if (!expected) throw fileNotFound(batchId, name);
      throw new ReimbursementException(
        ReimbursementExceptionCode.FILE_NOT_READY,
        `Batch ${batchId} is ${batch.status}${batch.exportRequestedAt ? ', its files being written' : ''}: ${name} is not there yet.`,
      );
    }
    const file = await this.store.find(batchId, name);
    if (
      !file?.complete ||
      file.sha256 === null ||
      (venues !== null && (file.venueId === null || !venues.includes(file.venueId)))
    ) {
      throw fileNotFound(batchId, name);
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, principal, {
        action: 'reimbursement-batch.file-downloaded',
        entityType: 'reimbursement-batch',
        entityId: batchId,
        after: {
          name: file.name,
          venueId: file.venueId,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
        },
      }),
    );
    return { file: file as BatchDownload['file'], chunks: this.store.read(file.id) };
  }
}

function fileNotFound(batchId: string, name: string): ReimbursementException {
  return new ReimbursementException(
    ReimbursementExceptionCode.FILE_NOT_FOUND,
    `Batch ${batchId} has no file "${name}" for you.`,
  );
}
