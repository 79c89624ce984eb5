import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import type { OrganisationScope } from '#src/access/principal.js';
import type { ProgrammeFilterDto } from './dto/programme.dto.js';
import { FundingShare } from './funding-share.entity.js';
import { Programme } from './programme.entity.js';

@Injectable()
export class ProgrammesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The programmes a caller may see: all for the owner's staff; those it funds for a funder;
   * those its commune is enrolled in for a commune; none yet for other organisations.
   */
  private scoped(scope: OrganisationScope, manager: EntityManager): SelectQueryBuilder<Programme> {
    const query = manager.getRepository(Programme).createQueryBuilder('programme');
    if (scope.all) return query;
    const org = scope.organisationId;
    switch (scope.organisationKind) {
      case 'FUNDER':
        return query.where(
          `EXISTS (SELECT 1 FROM funding_share s JOIN funder f ON f.id = s.funder_id
                   WHERE s.programme_id = programme.id AND f.organisation_id = :org)`,
          { org },
        );
      case 'COMMUNE':
        return query.where(
          `EXISTS (SELECT 1 FROM enrolment e JOIN commune c ON c.insee_code = e.insee_code
                   WHERE e.programme_id = programme.id AND c.organisation_id = :org)`,
          { org },
        );
      // A prescriber structure's agents register people for the programmes its own commune
      // joined (the rule BeneficiariesService applies), so that is what they see.
      case 'PRESCRIBER':
        return query.where(
          `EXISTS (SELECT 1 FROM enrolment e JOIN prescriber p ON p.insee_code = e.insee_code
                   WHERE e.programme_id = programme.id AND p.organisation_id = :org)`,
          { org },
        );
      default:
        return query.where('FALSE');
    }
  }

  findVisible(
    scope: OrganisationScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Programme | null> {
    return this.scoped(scope, manager).andWhere('programme.id = :id', { id }).getOne();
  }

  /** Locks the programme row: status changes, shares and allocations are serialised on it. */
  findForUpdate(manager: EntityManager, id: string): Promise<Programme | null> {
    return manager.findOne(Programme, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findPage(
    scope: OrganisationScope,
    filter: ProgrammeFilterDto,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Programme[], number]> {
    const query = this.scoped(scope, this.dataSource.manager);
    if (filter.status) query.andWhere('programme.status = :status', { status: filter.status });
    if (filter.q) query.andWhere('programme.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`programme.${field}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  save(manager: EntityManager, programme: Partial<Programme>): Promise<Programme> {
    return manager.save(Programme, programme);
  }

  shares(
    programmeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FundingShare[]> {
    return manager.find(FundingShare, {
      where: { programmeId },
      relations: { funder: true },
      order: { basisPoints: 'DESC', funderId: 'ASC' },
    });
  }

  async replaceShares(
    manager: EntityManager,
    programmeId: string,
    shares: Omit<FundingShare, 'programme' | 'funder'>[],
  ): Promise<void> {
    await manager.delete(FundingShare, { programmeId });
    await manager.insert(FundingShare, shares);
  }
}
