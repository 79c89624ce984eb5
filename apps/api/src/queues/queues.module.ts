import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '#src/config/app-config.js';
import { declaredQueueNames } from './queues.js';

const queues = BullModule.registerQueue(...declaredQueueNames().map((name) => ({ name })));

/** BullMQ on the configured Redis, with every declared queue registered for producers. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    queues,
  ],
  exports: [queues],
})
export class QueuesModule {}
