import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FrenchCollation1795401728564 implements MigrationInterface {
  name = 'FrenchCollation1795401728564';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisation" ALTER COLUMN "name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ALTER COLUMN "display_name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "commune" ALTER COLUMN "name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funder" ALTER COLUMN "name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ALTER COLUMN "name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue" ALTER COLUMN "name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue" ALTER COLUMN "commune_name" TYPE text COLLATE "fr-FR-x-icu"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "venue" ALTER COLUMN "commune_name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue" ALTER COLUMN "name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ALTER COLUMN "name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funder" ALTER COLUMN "name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "commune" ALTER COLUMN "name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ALTER COLUMN "display_name" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ALTER COLUMN "name" TYPE text COLLATE pg_catalog."default"`,
    );
  }
}
