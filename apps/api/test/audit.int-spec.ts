import type { DataSource } from 'typeorm';
import { AuditEvent } from '#src/audit/audit-event.entity.js';
import { AuditRepository } from '#src/audit/audit.repository.js';
import { AuditService } from '#src/audit/audit.service.js';
import { runWithRequestContext } from '#src/common/request-context.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './utils.js';

describe('audit log (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let audit: AuditService;
  const actor = { type: 'system' as const, name: 'test' };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database.url);
    audit = new AuditService(new AuditRepository(dataSource));
    await dataSource.transaction((manager) =>
      audit.record(manager, actor, {
        action: 'thing.created',
        entityType: 'thing',
        entityId: '1',
        after: { a: 1 },
      }),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('refuses UPDATE of an event, even by the table owner', async () => {
    await expect(dataSource.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
  });

  it('refuses DELETE and TRUNCATE', async () => {
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect(await dataSource.getRepository(AuditEvent).count()).toBe(1);
  });

  it('records an event with the request id, in the transaction of the change', async () => {
    await runWithRequestContext({ requestId: 'req-42' }, () =>
      dataSource.transaction((manager) =>
        audit.record(manager, actor, {
          action: 'thing.updated',
          entityType: 'thing',
          entityId: '1',
          before: { a: 1 },
          after: { a: 2 },
        }),
      ),
    );
    const event = await dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'thing.updated' });
    expect(event).toMatchObject({
      actorType: 'SYSTEM',
      actorLabel: 'system:test',
      entityType: 'thing',
      entityId: '1',
      before: { a: 1 },
      after: { a: 2 },
      requestId: 'req-42',
    });
    expect(event.occurredAt).toBeInstanceOf(Date);
  });

  it('keeps no event of a change that rolled back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.record(manager, actor, {
          action: 'thing.deleted',
          entityType: 'thing',
          entityId: '1',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await dataSource.getRepository(AuditEvent).countBy({ action: 'thing.deleted' })).toBe(0);
  });
});
