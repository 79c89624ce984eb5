import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy and orientation of beneficiaries: a beneficiary's identifying data can be purged (after
 * the retention period) or erased (on request), leaving a record without household key, first
 * name, contact, consent or birth year (reduced to its age band); communes get the coordinates
 * of their centre (distances to venues), and venues an index on the communes they visit.
 */
export class BeneficiaryPrivacy1795406600000 implements MigrationInterface {
  name = 'BeneficiaryPrivacy1795406600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary" ADD "purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "beneficiary" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "beneficiary" ALTER COLUMN "household_key" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "CHK_beneficiary_household_purged" CHECK ((household_key IS NULL) = (purged_at IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "CHK_beneficiary_purged" CHECK (purged_at IS NULL OR (first_name IS NULL AND contact IS NULL AND consent_scope IS NULL AND birth_year IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "CHK_beneficiary_erased" CHECK (erased_at IS NULL OR (purged_at IS NOT NULL AND erased_at >= purged_at))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_beneficiary_unpurged" ON "beneficiary" ("programme_id") WHERE purged_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "commune" ADD "latitude" numeric(9,6)`);
    await queryRunner.query(`ALTER TABLE "commune" ADD "longitude" numeric(9,6)`);
    await queryRunner.query(
      `ALTER TABLE "commune" ADD CONSTRAINT "CHK_commune_centre" CHECK ((latitude IS NULL) = (longitude IS NULL) AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_venue_served_insee_codes" ON "venue" USING gin ("served_insee_codes")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_venue_served_insee_codes"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP CONSTRAINT "CHK_commune_centre"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP COLUMN "longitude"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP COLUMN "latitude"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_beneficiary_unpurged"`);
    await queryRunner.query(`ALTER TABLE "beneficiary" DROP CONSTRAINT "CHK_beneficiary_erased"`);
    await queryRunner.query(`ALTER TABLE "beneficiary" DROP CONSTRAINT "CHK_beneficiary_purged"`);
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "CHK_beneficiary_household_purged"`,
    );
    // Purged records have no household key any more: a random one (32 bytes, nobody's address)
    // lets the column go back under NOT NULL without identifying anyone.
    await queryRunner.query(
      `UPDATE "beneficiary" SET "household_key" = decode(md5(random()::text) || md5(random()::text), 'hex') WHERE "household_key" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "beneficiary" ALTER COLUMN "household_key" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "beneficiary" DROP COLUMN "erased_at"`);
    await queryRunner.query(`ALTER TABLE "beneficiary" DROP COLUMN "purged_at"`);
  }
}
