import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QualificationStatus } from '@carnet/domain';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import type { OrganisationScope } from '#src/access/principal.js';
import { BankAccount } from './bank-account.entity.js';
import type { VenueFilterDto } from './dto/venue.dto.js';
import { QualificationDecision } from './qualification-decision.entity.js';
import { Venue } from './venue.entity.js';

@Injectable()
export class VenuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(
    scope: OrganisationScope | null,
    filter: VenueFilterDto & { statuses?: QualificationStatus[] },
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Venue[], number]> {
    const query = this.dataSource.getRepository(Venue).createQueryBuilder('venue');
    if (scope?.filter) query.andWhere('venue.organisation_id = :org', { org: scope.filter });
    if (filter.qualificationStatus)
      query.andWhere('venue.qualification_status = :s', { s: filter.qualificationStatus });
    if (filter.statuses)
      query.andWhere('venue.qualification_status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.inseeCode) {
      query.andWhere('(venue.insee_code = :code OR :code = ANY(venue.served_insee_codes))', {
        code: filter.inseeCode,
      });
    }
    if (filter.itinerance) query.andWhere(':it = ANY(venue.itinerance)', { it: filter.itinerance });
    if (filter.q) {
      query.andWhere('(venue.name ILIKE :q OR venue.commune_name ILIKE :q)', {
        q: `%${escapeLike(filter.q)}%`,
      });
    }
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`venue.${field}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Venue | null> {
    return manager.findOneBy(Venue, { id });
  }

  findForUpdate(manager: EntityManager, id: string): Promise<Venue | null> {
    return manager.findOne(Venue, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, venue: Partial<Venue>): Promise<Venue> {
    return manager.save(Venue, venue);
  }

  decisions(venueId: string): Promise<QualificationDecision[]> {
    return this.dataSource.manager.find(QualificationDecision, {
      where: { venueId },
      order: { decidedAt: 'DESC' },
    });
  }

  async addDecision(
    manager: EntityManager,
    decision: Omit<QualificationDecision, 'id' | 'decidedAt'>,
  ): Promise<void> {
    await manager.insert(QualificationDecision, decision);
  }

  currentBankAccount(
    venueId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<BankAccount | null> {
    return manager.findOne(BankAccount, {
      where: { venueId, validTo: IsNull() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  bankAccountHistory(venueId: string): Promise<BankAccount[]> {
    return this.dataSource.manager.find(BankAccount, {
      where: { venueId },
      order: { validFrom: 'DESC', enteredAt: 'DESC' },
    });
  }

  async closeBankAccount(manager: EntityManager, id: string): Promise<void> {
    await manager.update(BankAccount, { id }, { validTo: () => 'clock_timestamp()' });
  }

  saveBankAccount(manager: EntityManager, account: Partial<BankAccount>): Promise<BankAccount> {
    return manager.save(BankAccount, account);
  }

  pendingBankAccounts(): Promise<(BankAccount & { venueName: string })[]> {
    return this.dataSource
      .getRepository(BankAccount)
      .createQueryBuilder('account')
      .innerJoin(Venue, 'venue', 'venue.id = account.venue_id')
      .addSelect('venue.name', 'venue_name')
      .where("account.status = 'PENDING' AND account.valid_to IS NULL")
      .orderBy('account.entered_at', 'ASC')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((e, i) =>
          Object.assign(e, { venueName: (raw[i] as { venue_name: string }).venue_name }),
        ),
      );
  }

  findByPivots(manager: EntityManager, pivots: string[]): Promise<Venue[]> {
    return pivots.length === 0 ? Promise.resolve([]) : manager.findBy(Venue, { pivot: In(pivots) });
  }
}
