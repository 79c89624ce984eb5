import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '#src/config/app-config.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Schema changes only through migrations: synchronize stays off everywhere. The entities come from
 * the composition root (`ENTITIES` in src/entities.ts), which knows every module.
 */
export function typeOrmOptions(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  entities: DataSourceOptions['entities'],
): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: config.DATABASE_URL,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // JIT compiles a query when its estimated cost is high: 60–80 ms spent on statements that then
    // run in a millisecond (measured at 10 M cheques, bench/scale.mjs). The API runs short queries.
    extra: { max: 20, application_name: 'carnet', options: '-c jit=off' },
  };
}
