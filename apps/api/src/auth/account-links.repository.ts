import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AccountLink, type AccountLinkKind } from './account-link.entity.js';

/** Invitation and password-reset links (only hashes of their tokens). */
@Injectable()
export class AccountLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    link: Omit<AccountLink, 'createdAt' | 'user'>,
  ): Promise<void> {
    await manager.insert(AccountLink, link);
  }

  findById(id: string): Promise<AccountLink | null> {
    return this.dataSource.manager.findOne(AccountLink, {
      where: { id },
      relations: { user: { organisation: true } },
    });
  }

  findByTokenHash(
    tokenHash: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<AccountLink | null> {
    return manager.findOne(AccountLink, {
      where: { tokenHash },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** When the user's latest link of this kind was made (null: never). */
  async latestCreatedAt(userId: string, kind: AccountLinkKind): Promise<Date | null> {
    const latest = await this.dataSource.manager.findOne(AccountLink, {
      where: { userId, kind },
      order: { createdAt: 'DESC' },
      select: { id: true, createdAt: true },
    });
    return latest?.createdAt ?? null;
  }

  /** Voids the user's links still open (of one kind, or all); returns how many. */
  async revokeOpen(
    manager: EntityManager,
    userId: string,
    kind?: AccountLinkKind,
  ): Promise<number> {
    const result = await manager.update(
      AccountLink,
      { userId, usedAt: IsNull(), revokedAt: IsNull(), ...(kind ? { kind } : {}) },
      { revokedAt: () => 'now()' },
    );
    return result.affected ?? 0;
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.update(AccountLink, { id }, { usedAt: () => 'now()' });
  }
}
