import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
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
