import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, LessThan } from 'typeorm';
import { RefreshToken } from './refresh-token.entity.js';
import { Session } from './session.entity.js';

/**
 * Refresh tokens. Lock order, everywhere a session and its tokens are both written (refresh,
 * logout, reuse, closing a user's sessions): the auth_session row first, then its tokens. Taken
 * here (lockForUse, revokeAllOfUser) and nowhere else.
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks the session of token `id`, then the token, and returns both (null if the token does not
   * exist). Anything that rotates or revokes tokens of a session therefore queues on the session
   * row: a logout cannot interleave with a refresh, and a refresh sees a session closed meanwhile.
   * The token's family is read without a lock first; it never changes.
   */
  async lockForUse(
    manager: EntityManager,
    id: string,
  ): Promise<{ session: Session | null; token: RefreshToken } | null> {
    const unlocked = await manager.findOne(RefreshToken, {
      where: { id },
      select: { id: true, familyId: true },
    });
    if (!unlocked) return null;
    const session = await manager.findOne(Session, {
      where: { id: unlocked.familyId },
      lock: { mode: 'pessimistic_write' },
    });
    const token = await manager.findOne(RefreshToken, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return token ? { session, token } : null;
  }

  /**
   * Closes every session of a user and revokes their tokens (password, role or activity changed),
   * session rows first as above; returns how many sessions were open.
   */
  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<number> {
    const sessions = await manager.update(
      Session,
      { userId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    await manager.update(
      RefreshToken,
      { userId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return sessions.affected ?? 0;
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
