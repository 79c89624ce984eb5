import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import type { OrganisationScope } from '#src/access/principal.js';
import { Commune } from './commune.entity.js';
import type { CommuneFilterDto } from './dto/commune.dto.js';
import { Enrolment } from './enrolment.entity.js';

@Injectable()
export class CommunesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(
    scope: Pick<OrganisationScope, 'filter'>,
    filter: CommuneFilterDto,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Commune[], number]> {
    const query = this.dataSource.getRepository(Commune).createQueryBuilder('commune');
    if (scope.filter) query.andWhere('commune.organisation_id = :org', { org: scope.filter });
    if (filter.departement)
      query.andWhere('commune.departement = :dep', { dep: filter.departement });
    if (filter.epciSiren) query.andWhere('commune.epci_siren = :epci', { epci: filter.epciSiren });
    if (filter.programmeId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM enrolment e WHERE e.insee_code = commune.insee_code AND e.programme_id = :pid)',
        { pid: filter.programmeId },
      );
    }
    if (filter.q) {
      query.andWhere('(commune.name ILIKE :q OR commune.insee_code = :code)', {
        q: `%${escapeLike(filter.q)}%`,
        code: filter.q,
      });
    }
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`commune.${field}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  findByInsee(
    inseeCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Commune | null> {
    return manager.findOneBy(Commune, { inseeCode });
  }

  findManyByInsee(manager: EntityManager, codes: string[]): Promise<Commune[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(Commune)
      .createQueryBuilder('c')
      .where('c.insee_code IN (:...codes)', { codes })
      .getMany();
  }

  save(manager: EntityManager, commune: Partial<Commune>): Promise<Commune> {
    return manager.save(Commune, commune);
  }

  enrolments(
    programmeId: string,
    scope: OrganisationScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Enrolment[]> {
    const query = manager
      .getRepository(Enrolment)
      .createQueryBuilder('enrolment')
      .innerJoinAndSelect('enrolment.commune', 'commune')
      .leftJoinAndSelect('enrolment.referents', 'referent')
      .where('enrolment.programme_id = :programmeId', { programmeId })
      .orderBy('commune.name', 'ASC');
    // A commune's staff see their own enrolment; readers of the whole programme (its funders, the
    // owner's staff) see every commune of it once the programme itself is visible to them.
    if (!scope.all && scope.organisationKind === 'COMMUNE') {
      query.andWhere('commune.organisation_id = :org', { org: scope.organisationId });
    }
    return query.getMany();
  }

  findEnrolment(
    manager: EntityManager,
    programmeId: string,
    inseeCode: string,
  ): Promise<Enrolment | null> {
    return manager.findOne(Enrolment, {
      where: { programmeId, inseeCode },
      relations: { commune: true, referents: true },
    });
  }

  saveEnrolment(manager: EntityManager, enrolment: Enrolment): Promise<Enrolment> {
    return manager.save(Enrolment, enrolment);
  }

  createEnrolment(manager: EntityManager, fields: Partial<Enrolment>): Enrolment {
    return manager.create(Enrolment, fields);
  }
}
