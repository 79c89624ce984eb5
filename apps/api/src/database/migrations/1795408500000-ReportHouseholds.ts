import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting refresh's fixes: beneficiaries edited since the last refresh are found on
 * `IDX_beneficiary_updated` (their carnets are recomputed), and each handed-out carnet notes the
 * first carnet of its household (`report_carnet.household_carnet_id`, found again on
 * `IDX_report_carnet_household` when a member moves out). The household and age band definitions
 * changed: the watermark is forgotten, so the next refresh rebuilds the whole store.
 */
export class ReportHouseholds1795408500000 implements MigrationInterface {
  name = 'ReportHouseholds1795408500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_beneficiary_updated" ON "beneficiary" ("updated_at") `,
    );
    await queryRunner.query(`ALTER TABLE "report_carnet" ADD "household_carnet_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "IDX_report_carnet_household" ON "report_carnet" ("household_carnet_id") `,
    );
    await queryRunner.query(`UPDATE "report_state" SET "watermark" = NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_report_carnet_household"`);
    await queryRunner.query(`ALTER TABLE "report_carnet" DROP COLUMN "household_carnet_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_beneficiary_updated"`);
    await queryRunner.query(`UPDATE "report_state" SET "watermark" = NULL`);
  }
}
