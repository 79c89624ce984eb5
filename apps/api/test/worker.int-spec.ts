import { getQueueToken } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RefreshToken } from '#src/auth/refresh-token.entity.js';
import { AppConfig } from '#src/config/app-config.js';
import { QUEUES } from '#src/queues/queues.js';
import {
  MissingJobHandlersError,
  WorkerReadinessService,
} from '#src/queues/worker-readiness.service.js';
import { WorkerModule } from '#src/worker.module.js';
import { createTestDatabase, testConfig, testEnv } from './utils.js';

describe('worker (PostgreSQL + Redis)', () => {
  it('refuses to start when a declared job has no processor', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [WorkerReadinessService, { provide: AppConfig, useValue: {} }],
    }).compile();
    const readiness = moduleRef.get(WorkerReadinessService);
    expect(() => readiness.assertEveryJobHasHandler()).toThrow(MissingJobHandlersError);
    expect(() => readiness.assertEveryJobHasHandler()).toThrow(
      `auth/${QUEUES.auth.jobs.purgeExpiredRefreshTokens}`,
    );
    await moduleRef.close();
  });

  it('starts with every handler, schedules its jobs and runs them against the database', async () => {
    const database = await createTestDatabase();
    const config = testConfig(database.url);
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    const worker = moduleRef.createNestApplication();
    await worker.init();
    const queueEvents = new QueueEvents(QUEUES.auth.name, {
      connection: { url: testEnv().redisUrl },
      prefix: config.QUEUE_PREFIX,
    });
    try {
      const queue = worker.get<Queue>(getQueueToken(QUEUES.auth.name));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toContain(QUEUES.auth.jobs.purgeExpiredRefreshTokens);

      const dataSource = worker.get(DataSource);
      const userId = await createUser(dataSource);
      const familyId = randomUUID();
      await dataSource.query(`INSERT INTO auth_session (id, user_id) VALUES ($1, $2)`, [
        familyId,
        userId,
      ]);
      const longExpired = {
        id: randomUUID(),
        familyId,
        userId,
        secretHash: 'x',
        expiresAt: new Date(Date.now() - 3 * 86400_000),
        usedAt: null,
        revokedAt: null,
      };
      const live = {
        ...longExpired,
        id: randomUUID(),
        expiresAt: new Date(Date.now() + 86400_000),
      };
      await dataSource.getRepository(RefreshToken).insert([longExpired, live]);

      await queueEvents.waitUntilReady();
      const job = await queue.add(QUEUES.auth.jobs.purgeExpiredRefreshTokens, {});
      expect(await job.waitUntilFinished(queueEvents, 20_000)).toEqual({ deleted: 1 });
      const left = await dataSource.getRepository(RefreshToken).find();
      expect(left.map((t) => t.id)).toEqual([live.id]);
    } finally {
      await queueEvents.close();
      await worker.close();
      await database.drop();
    }
  });
});

async function createUser(dataSource: DataSource): Promise<string> {
  const [organisation] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organisation (kind, name) VALUES ('OWNER', 'Test owner') RETURNING id`,
  );
  const [user] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO user_account (email, display_name, password_hash, role, organisation_id) VALUES ('w@test.fr', 'W', 'x', 'ADMIN', $1) RETURNING id`,
    [organisation.id],
  );
  return user.id;
}
