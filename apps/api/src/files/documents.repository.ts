import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { StoredDocument } from './document.entity.js';

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async store(
    manager: EntityManager,
    file: { filename: string; contentType: string; content: Buffer; uploadedBy: string | null },
  ): Promise<StoredDocument> {
    const document = manager.create(StoredDocument, {
      ...file,
      sizeBytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
    });
    return manager.save(document);
  }

  /** The document with its bytes (left out of ordinary reads). */
  findWithContent(id: string): Promise<StoredDocument | null> {
    return this.dataSource
      .getRepository(StoredDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id', { id })
      .getOne();
  }
}
