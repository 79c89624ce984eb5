import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One programme owner per deployment: its managers see every programme, so a second OWNER
 * organisation would be a second set of people seeing everything. The service refuses it
 * (OWNER_ORGANISATION_EXISTS); this index makes two concurrent creations unable to both pass.
 */
export class OneOwnerOrganisation1795405700000 implements MigrationInterface {
  name = 'OneOwnerOrganisation1795405700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisation_one_owner" ON "organisation" ("kind") WHERE kind = 'OWNER'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_organisation_one_owner"`);
  }
}
