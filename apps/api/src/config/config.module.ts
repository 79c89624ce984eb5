import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config.js';

/** The only reader of process.env: provides the validated AppConfig to every module. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: readEnvironmentConfig }],
  exports: [AppConfig],
})
export class ConfigModule {}

/** The config of this process, for entry points that run outside Nest (CLI, TypeORM data source). */
export function readEnvironmentConfig(): AppConfig {
  return loadConfig(process.env);
}

/** Only the database URL, for the TypeORM CLI (migrations need nothing else). */
export function readEnvironmentDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must be set to a postgres:// URL to run migrations.');
  }
  return url;
}
