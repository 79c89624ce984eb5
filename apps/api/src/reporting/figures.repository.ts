import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { issuedValueCents } from './issued-value.js';

/** Read-only figures over other modules' tables (reporting writes nothing). */
@Injectable()
export class FiguresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Carnets of the allocation in force (0 without one). */
  async allocatedCarnets(programmeId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ total: number }[]>(
      `SELECT total_carnets AS total FROM allocation_version
       WHERE programme_id = $1 AND superseded_at IS NULL`,
      [programmeId],
    );
    return row?.total ?? 0;
  }

  issuedValueCents(programmeId: string): Promise<number> {
    return issuedValueCents(this.dataSource.manager, programmeId);
  }
}
