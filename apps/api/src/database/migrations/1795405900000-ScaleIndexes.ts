import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the queries that grow with the number of carnets and cheques (plans checked with
 * EXPLAIN in apps/api/test/query-plans.int-spec.ts):
 * - custody_movement(programme_id): the ledger read and the foreign key, per programme;
 * - carnet(holder_id, serial): the replacement candidate, first serial of a stock (it also serves
 *   every lookup by holder alone, so it replaces IDX_carnet_holder);
 * - cheque(programme_id, valid_until) over unused cheques only: the nightly expiry, per programme.
 */
export class ScaleIndexes1795405900000 implements MigrationInterface {
  name = 'ScaleIndexes1795405900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_programme" ON "custody_movement" ("programme_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_carnet_holder_serial" ON "carnet" ("holder_id", "serial") `,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_holder"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cheque_expiry_due" ON "cheque" ("programme_id", "valid_until") WHERE status IN ('ISSUED', 'DISTRIBUTED')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_cheque_expiry_due"`);
    await queryRunner.query(`CREATE INDEX "IDX_carnet_holder" ON "carnet" ("holder_id") `);
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_holder_serial"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_programme"`);
  }
}
