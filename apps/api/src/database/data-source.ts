import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironmentDatabaseUrl } from '#src/config/config.module.js';
import { typeOrmOptions } from './typeorm-options.js';

/** The data source the TypeORM CLI uses (migration:generate / run / revert). */
export default new DataSource(typeOrmOptions({ DATABASE_URL: readEnvironmentDatabaseUrl() }));
