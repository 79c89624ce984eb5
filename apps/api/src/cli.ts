import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { applyGlobalPrefix, buildOpenApiDocument } from './bootstrap.js';
import { readEnvironmentConfig, readEnvironmentDatabaseUrl } from './config/config.module.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { ENTITIES } from './entities.js';
import { ReportRefreshService } from './reporting/refresh/report-refresh.service.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo-seed.js';

/**
 * Operations run outside the servers:
 *   node dist/cli.js migrate            apply pending migrations
 *   node dist/cli.js migrate:revert     revert the last migration
 *   node dist/cli.js seed-demo          create the demo data once (refused in production)
 *   node dist/cli.js demo-logins        print the demo accounts
 *   node dist/cli.js refresh-reports [--rebuild]
 *                                       bring the reports' figures up to date now (or rebuild them)
 *   node dist/cli.js openapi <file>     write the OpenAPI document (no database needed)
 */
async function withDataSource<T>(fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(
    typeOrmOptions({ DATABASE_URL: readEnvironmentDatabaseUrl() }, ENTITIES),
  );
  await dataSource.initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'migrate': {
    const applied = await withDataSource((ds) => ds.runMigrations({ transaction: 'each' }));
    console.log(
      applied.length === 0
        ? 'Database schema is up to date.'
        : `Applied ${applied.map((m) => m.name).join(', ')}`,
    );
    break;
  }
  case 'migrate:revert':
    await withDataSource((ds) => ds.undoLastMigration({ transaction: 'each' }));
    console.log('Reverted the last migration.');
    break;
  case 'seed-demo': {
    if (readEnvironmentConfig().isProduction) {
      console.error('Refusing to seed demo data with NODE_ENV=production.');
      process.exit(1);
    }
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
    // Then the reporting store, rebuilt, so that the dashboards have their figures from the start
    // (the worker's job keeps them fresh afterwards): the seed back-dates status changes up to 14
    // months, before any watermark an earlier refresh left.
    const [created, refreshed] = await seedDemo(app)
      .then(
        async (done) =>
          [done, await app.get(ReportRefreshService).refresh({ rebuild: true })] as const,
      )
      .finally(() => app.close());
    console.log(
      `${created ? 'Demo data created' : 'Demo data already present'}; reports rebuilt ` +
        `(${refreshed.carnets} carnets and ${refreshed.periods} months in ${refreshed.durationMs} ms).`,
    );
    break;
  }
  case 'refresh-reports': {
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
    const outcome = await app
      .get(ReportRefreshService)
      .refresh({ rebuild: args.includes('--rebuild') })
      .finally(() => app.close());
    console.log(
      `Reports ${outcome.rebuilt ? 'rebuilt' : 'refreshed'} as of ${outcome.asOf.toISOString()}: ` +
        `${outcome.carnets} carnets and ${outcome.periods} months recomputed in ${outcome.durationMs} ms.`,
    );
    break;
  }
  case 'demo-logins':
    console.log(`\n  Demo logins (password: ${DEMO_PASSWORD})`);
    for (const user of DEMO_USERS) console.log(`    ${user.email.padEnd(27)}${user.role}`);
    console.log(
      '  Demo cheques: ~230 carnets are held by beneficiaries, about 60 % of them already\n' +
        '  started at venues (fourteen months of history); their other cheques are DISTRIBUTED,\n' +
        "  payable. Numbers and security codes are in the second issuance run's CSV\n" +
        '  (admin: Programmes → Pass numérique Lens-Liévin → Émissions → CSV, as manager@);\n' +
        '  mediateur@ redeems them for the Médiathèque Robert Cousin (« Encaisser des chèques »).',
    );
    break;
  case 'openapi': {
    const target = args[0] ?? 'openapi.json';
    const app = await NestFactory.create<NestExpressApplication>(AppModule, {
      preview: true,
      logger: false,
    });
    applyGlobalPrefix(app);
    writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    await app.close();
    console.log(`Wrote ${target}`);
    break;
  }
  default:
    console.error(
      'Usage: node dist/cli.js migrate | migrate:revert | seed-demo | refresh-reports [--rebuild] | demo-logins | openapi <file>',
    );
    process.exit(2);
}
