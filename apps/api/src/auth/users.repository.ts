import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@carnet/domain';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export interface UserFilter {
  q?: string;
  role?: Role;
  organisationId?: string;
  active?: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.manager.findOne(User, {
      where: { email: email.toLowerCase() },
      relations: { organisation: true },
    });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOne(User, { where: { id }, relations: { organisation: true } });
  }

  /**
   * The user with their organisation if the session is theirs and still open, else null. One
   * query by primary keys: it runs on every authenticated request.
   */
  findInOpenSession(id: string, sessionId: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .innerJoinAndSelect('user.organisation', 'organisation')
      .innerJoin(
        Session,
        'session',
        'session.id = :sessionId AND session.userId = user.id AND session.revokedAt IS NULL',
        { sessionId },
      )
      .where('user.id = :id', { id })
      .getOne();
  }

  findPage(
    filter: UserFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[User[], number]> {
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.organisation', 'organisation');
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.organisationId) {
      query.andWhere('user.organisation_id = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.active !== undefined)
      query.andWhere('user.active = :active', { active: filter.active });
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      query.andWhere(
        new Brackets((w) =>
          w
            .where('user.email ILIKE :pattern', { pattern })
            .orWhere('user.display_name ILIKE :pattern'),
        ),
      );
    }
    for (const [column, direction] of Object.entries(order))
      query.addOrderBy(`user.${column}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  /** Active users of an organisation with a role, by name (for pickers such as référents). */
  findActiveByOrganisationAndRole(organisationId: string, role: Role): Promise<User[]> {
    return this.dataSource.manager.find(User, {
      where: { organisationId, role, active: true },
      order: { displayName: 'ASC' },
    });
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<User[]> {
    return manager.findBy(User, { id: In(ids) });
  }

  emailExists(manager: EntityManager, email: string): Promise<boolean> {
    return manager.existsBy(User, { email });
  }

  save(manager: EntityManager, user: User): Promise<User> {
    return manager.save(User, user);
  }

  create(manager: EntityManager, user: Partial<User>): User {
    return manager.create(User, user);
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.manager.update(User, { id }, { passwordHash });
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.dataSource.manager.update(User, { id }, { lastLoginAt: () => 'now()' });
  }
}
