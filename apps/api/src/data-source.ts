import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironmentDatabaseUrl } from './config/config.module.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { ENTITIES } from './entities.js';

/** The data source the TypeORM CLI uses (migration:generate / run / revert). */
export default new DataSource(
  typeOrmOptions({ DATABASE_URL: readEnvironmentDatabaseUrl() }, ENTITIES),
);
