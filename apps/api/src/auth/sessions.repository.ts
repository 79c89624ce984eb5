import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { Session } from './session.entity.js';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, session: Pick<Session, 'id' | 'userId'>): Promise<void> {
    await manager.insert(Session, { ...session, revokedAt: null });
  }

  /** Closes the session (idempotent): its access tokens stop working at the next request. */
  async revoke(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Session, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Deletes sessions none of whose refresh tokens is left (they were purged); returns how many. */
  async deleteWithoutTokens(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(Session)
      .where('NOT EXISTS (SELECT 1 FROM refresh_token t WHERE t.family_id = auth_session.id)')
      .execute();
    return result.affected ?? 0;
  }
}
