import type { DataSource } from 'typeorm';
import { AuditEvent } from '#src/audit/audit-event.entity.js';
import { AuditRepository } from '#src/audit/audit.repository.js';
import { AuditService } from '#src/audit/audit.service.js';
import { runWithRequestContext } from '#src/common/request-context.js';
import { RedactAuditEvents1795405800000 } from '#src/database/migrations/1795405800000-RedactAuditEvents.js';
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

  it('rewrites entries written before redaction once, then is append-only again', async () => {
    const iban = 'FR7630006000011234567890189';
    // An entry as written before redaction existed: the trigger is lifted only to plant it.
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
    const [legacy] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO audit_event (actor_type, actor_label, action, entity_type, entity_id, after)
       VALUES ('system', 'legacy', 'bank-account.entered', 'venue', 'v1', $1) RETURNING id`,
      [JSON.stringify({ iban, holder: 'EPN', note: `virement sur ${iban}`, passwordHash: 'x' })],
    );
    await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
    const untouched = await dataSource.query(`SELECT id, after FROM audit_event WHERE id <> $1`, [
      legacy.id,
    ]);

    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new RedactAuditEvents1795405800000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const [row] = await dataSource.query(`SELECT after FROM audit_event WHERE id = $1`, [
      legacy.id,
    ]);
    expect(row.after).toEqual({
      iban: 'FR76•••••••••••••••••••0189',
      holder: 'EPN',
      note: 'virement sur FR76•••••••••••••••••••0189',
      passwordHash: '[redacted]',
    });
    expect(
      await dataSource.query(`SELECT id, after FROM audit_event WHERE id <> $1`, [legacy.id]),
    ).toEqual(untouched);
    await expect(dataSource.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses DELETE and TRUNCATE', async () => {
    const count = await dataSource.getRepository(AuditEvent).count();
    expect(count).toBeGreaterThan(0);
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect(await dataSource.getRepository(AuditEvent).count()).toBe(count);
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
