import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { violatedConstraint } from '#src/database/constraint.js';
import { CommuneException, CommuneExceptionCode } from './commune.exception.js';
import { AllocationCriterion } from './allocation-criterion.entity.js';
import { AllocationLine, AllocationVersion } from './allocation.entity.js';

@Injectable()
export class AllocationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  criteria(
    programmeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AllocationCriterion[]> {
    return manager.find(AllocationCriterion, {
      where: { programmeId },
      order: { inseeCode: 'ASC', name: 'ASC' },
    });
  }

  async replaceCriteria(
    manager: EntityManager,
    programmeId: string,
    rows: Omit<AllocationCriterion, 'programmeId'>[],
  ): Promise<void> {
    await manager.delete(AllocationCriterion, { programmeId });
    if (rows.length > 0)
      await manager.insert(
        AllocationCriterion,
        rows.map((r) => ({ ...r, programmeId })),
      );
  }

  current(
    programmeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AllocationVersion | null> {
    return manager.findOne(AllocationVersion, {
      where: { programmeId, supersededAt: IsNull() },
      relations: { lines: true },
    });
  }

  versions(programmeId: string): Promise<AllocationVersion[]> {
    return this.dataSource.manager.find(AllocationVersion, {
      where: { programmeId },
      order: { version: 'DESC' },
    });
  }

  async nextVersion(manager: EntityManager, programmeId: string): Promise<number> {
    const row = await manager
      .getRepository(AllocationVersion)
      .createQueryBuilder('v')
      .select('COALESCE(MAX(v.version), 0)', 'max')
      .where('v.programme_id = :programmeId', { programmeId })
      .getRawOne<{ max: number }>();
    return Number(row?.max ?? 0) + 1;
  }

  /**
   * Gives the communes' custody holders their new allocation. A commune that already received
   * more carnets than its new allocation makes the database's CHECK refuse the whole commit.
   */
  async applyToCustody(
    manager: EntityManager,
    programmeId: string,
    allocationId: string,
  ): Promise<void> {
    try {
      // An upsert for every commune of the allocation: a holder being created by a concurrent
      // first transfer conflicts on the unique index, so one waits for the other and the CHECK
      // sees the final allocation — no commune keeps a stale limit.
      await manager.query(
        `INSERT INTO custody_holder (programme_id, kind, insee_code, allocation_limit)
         SELECT $1, 'COMMUNE', l.insee_code, l.total FROM allocation_line l WHERE l.allocation_id = $2
         ON CONFLICT (programme_id, insee_code) WHERE kind = 'COMMUNE'
         DO UPDATE SET allocation_limit = EXCLUDED.allocation_limit`,
        [programmeId, allocationId],
      );
      await manager.query(
        `UPDATE custody_holder h SET allocation_limit = 0
         WHERE h.programme_id = $1 AND h.kind = 'COMMUNE'
           AND NOT EXISTS (SELECT 1 FROM allocation_line l
                           WHERE l.allocation_id = $2 AND l.insee_code = h.insee_code)`,
        [programmeId, allocationId],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'CHK_custody_holder_allocation') {
        throw new CommuneException(
          CommuneExceptionCode.ALLOCATION_BELOW_RECEIVED,
          'A commune would be allocated fewer carnets than it has already received: have it return carnets first.',
        );
      }
      throw error;
    }
  }

  async supersede(manager: EntityManager, id: string): Promise<void> {
    await manager.update(AllocationVersion, { id }, { supersededAt: () => 'now()' });
  }

  async insertVersion(
    manager: EntityManager,
    version: Omit<AllocationVersion, 'id' | 'createdAt' | 'lines'>,
    lines: Omit<AllocationLine, 'allocationId' | 'allocation'>[],
  ): Promise<AllocationVersion> {
    const saved = await manager.save(AllocationVersion, manager.create(AllocationVersion, version));
    await manager.insert(
      AllocationLine,
      lines.map((line) => ({ ...line, allocationId: saved.id })),
    );
    saved.lines = lines.map((line) => ({ ...line, allocationId: saved.id }));
    return saved;
  }
}
