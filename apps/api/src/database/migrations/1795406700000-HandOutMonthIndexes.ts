import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The homes of a structure and of a commune count the carnets handed out this month, net of those
 * handed back: one range of a partial index per custody row, instead of every movement the
 * structure ever made. A HAND_BACK movement goes from the beneficiary back to the structure.
 */
export class HandOutMonthIndexes1795406700000 implements MigrationInterface {
  name = 'HandOutMonthIndexes1795406700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_hand_out" ON "custody_movement" ("from_holder_id", "created_at") WHERE kind = 'HAND_OUT'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_hand_back" ON "custody_movement" ("to_holder_id", "created_at") WHERE kind = 'HAND_BACK'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_hand_back"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_hand_out"`);
  }
}
