import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, LessThan } from 'typeorm';
import { RefreshToken } from './refresh-token.entity.js';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Locks the token row so that two concurrent refreshes with it cannot both succeed. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<RefreshToken | null> {
    return manager.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RefreshToken | null> {
    return manager.findOneBy(RefreshToken, { id });
  }

  async insert(
    manager: EntityManager,
    token: Pick<RefreshToken, 'id' | 'familyId' | 'userId' | 'secretHash' | 'expiresAt'>,
  ): Promise<void> {
    await manager.insert(RefreshToken, {
      ...token,
      usedAt: null,
      revokedAt: null,
      successorId: null,
      usedBy: null,
    });
  }

  /** Records the rotation: when, which token succeeded it, and who (hashed) presented it. */
  async markUsed(
    manager: EntityManager,
    id: string,
    use: Pick<RefreshToken, 'usedAt' | 'successorId' | 'usedBy'>,
  ): Promise<void> {
    await manager.update(RefreshToken, { id }, use);
  }

  /** Revokes every live token of a family; returns how many were revoked. */
  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const result = await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return result.affected ?? 0;
  }

  /** Deletes tokens that expired more than `graceDays` ago; returns how many. */
  async deleteExpired(before: Date): Promise<number> {
    const result = await this.dataSource.manager.delete(RefreshToken, {
      expiresAt: LessThan(before),
    });
    return result.affected ?? 0;
  }
}
