import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One programme owner per deployment: its managers see every programme, so a second OWNER
 * organisation would be a second set of people seeing everything. The service refuses it
 * (OWNER_ORGANISATION_EXISTS); this index makes two concurrent creations unable to both pass.
 */
export class OneOwnerOrganisation1795405700000 implements MigrationInterface {
  name = 'OneOwnerOrganisation1795405700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [owners] = (await queryRunner.query(
      `SELECT count(*)::int AS count FROM "organisation" WHERE kind = 'OWNER'`,
    )) as { count: number }[];
    if ((owners?.count ?? 0) > 1) {
      throw new Error(
        `This database has ${owners?.count} OWNER organisations; Carnet allows one. Move their ` +
          'users to one of them and delete the others (or change their kind), then migrate again.',
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisation_one_owner" ON "organisation" ("kind") WHERE kind = 'OWNER'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_organisation_one_owner"`);
  }
}
