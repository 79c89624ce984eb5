import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '#src/config/app-config.js';
import { typeOrmOptions } from './typeorm-options.js';

@Module({})
export class DatabaseModule {
  /** `entities`: every module's, listed by the composition root (src/entities.ts). */
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => typeOrmOptions(config, entities),
        }),
      ],
    };
  }
}
