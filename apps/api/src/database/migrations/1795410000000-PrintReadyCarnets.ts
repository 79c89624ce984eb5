import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Print-ready carnets: a funder's logo (a stored document, PNG or JPEG) printed on the covers;
 * the programme's help phone number printed there too; whether a run's PDF carries crop marks.
 */
export class PrintReadyCarnets1795410000000 implements MigrationInterface {
  name = 'PrintReadyCarnets1795410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funder" ADD "logo_document_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "funder" ADD CONSTRAINT "FK_3a4330e7c6b039bbbcb9dc3e941" FOREIGN KEY ("logo_document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "programme" ADD "help_phone" text`);
    await queryRunner.query(
      `ALTER TABLE "issuance" ADD "crop_marks" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "issuance" DROP COLUMN "crop_marks"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "help_phone"`);
    await queryRunner.query(
      `ALTER TABLE "funder" DROP CONSTRAINT "FK_3a4330e7c6b039bbbcb9dc3e941"`,
    );
    await queryRunner.query(`ALTER TABLE "funder" DROP COLUMN "logo_document_id"`);
  }
}
