import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '#src/database/migrations/index.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './utils.js';

const TABLES = [
  'organisation',
  'user_account',
  'auth_session',
  'refresh_token',
  'account_link',
  'api_client',
  'audit_event',
  'document',
  'funder',
  'programme',
  'funding_share',
  'commune',
  'enrolment',
  'enrolment_referent',
  'allocation_criterion',
  'allocation_version',
  'allocation_line',
  'venue',
  'venue_qualification_decision',
  'venue_bank_account',
  'prescriber',
  'prescriber_commune',
  'training',
  'training_attendee',
  'beneficiary',
  'diagnostic',
  'hand_out',
  'household_exception',
  'numbering',
  'issuance',
  'custody_holder',
  'carnet',
  'cheque',
  'custody_movement',
  'print_file',
  'print_file_chunk',
  'idempotency_key',
  'venue_network_member',
  'redemption',
  'redemption_cheque',
  'reimbursement_batch',
  'reimbursement_line',
  'reimbursement_line_redemption',
  'reimbursement_batch_funder',
  'reimbursement_line_funder',
  'reimbursement_file',
  'reimbursement_file_chunk',
  'report_state',
  'report_carnet',
  'report_handout_month',
  'report_handout_origin',
  'report_handout_commune_month',
  'report_first_use',
  'report_need',
  'report_venue_month',
  'report_venue_service',
  'report_origin_month',
  'report_expiry',
];

async function tables(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migration'`,
  );
  return rows.map((r) => r.table_name).sort();
}

describe('migrations (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await openDataSource(database.url);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('go up on an empty database, then all the way down, then up again', async () => {
    expect(await tables(dataSource)).toEqual([]);

    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tables(dataSource)).toEqual([...TABLES].sort());

    for (let i = 0; i < MIGRATIONS.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables(dataSource)).toEqual([]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables(dataSource)).toEqual([...TABLES].sort());
  });

  it('leave nothing for the entities to add: the schema is exactly what the code maps', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
