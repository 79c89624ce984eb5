import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ENTITIES } from './entities.js';
import { LoggingModule } from './logging/logging.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';

/** What both entry points (HTTP API and worker) stand on. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot(ENTITIES),
    RedisModule,
    QueuesModule,
    AuditModule,
  ],
  exports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, QueuesModule, AuditModule],
})
export class CoreModule {}
