import { Module } from '@nestjs/common';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import { DocumentsRepository } from './documents.repository.js';
import { PrintFilesRepository } from './print-files.repository.js';
import { PrintStore } from './print-store.service.js';

/**
 * Blobs kept in PostgreSQL: uploaded documents (hashed) and generated print files (encrypted
 * chunk by chunk).
 */
@Module({
  providers: [ChequeKeys, DocumentsRepository, PrintFilesRepository, PrintStore],
  exports: [DocumentsRepository, PrintStore],
})
export class FilesModule {}
