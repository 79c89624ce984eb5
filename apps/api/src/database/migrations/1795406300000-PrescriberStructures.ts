import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prescriber structures and their agents (issue 11): a structure's RNA (unique when set) and the
 * communes it serves beyond its own; trainings of agents and who attended them; a programme's
 * `require_trained_agent` setting, read at hand-out.
 */
export class PrescriberStructures1795406300000 implements MigrationInterface {
  name = 'PrescriberStructures1795406300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "prescriber_commune" ("prescriber_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, CONSTRAINT "PK_cd47185b4376aa9734309356121" PRIMARY KEY ("prescriber_id", "insee_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_prescriber_commune_insee" ON "prescriber_commune"  ("insee_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "training" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "trainer_name" text NOT NULL, "topics" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_training_topics" CHECK (cardinality(topics) > 0 AND topics <@ ARRAY['DIAGNOSTIC', 'ORIENTATION', 'PASS_USAGE', 'DATA_PROTECTION', 'DIGITAL_BASICS']::text[]), CONSTRAINT "PK_c436c96be3adf1aa439ef471427" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_training_date" ON "training"  ("date") `);
    await queryRunner.query(
      `CREATE TABLE "training_attendee" ("training_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_8fb8405778d27218b70b0e1116f" PRIMARY KEY ("training_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_training_attendee_user" ON "training_attendee"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "require_trained_agent" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "prescriber" ADD "rna" character(10)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_prescriber_rna" ON "prescriber"  ("rna") WHERE rna IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber" ADD CONSTRAINT "CHK_prescriber_rna" CHECK (rna ~ '^W[0-9]{9}$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber_commune" ADD CONSTRAINT "FK_be936e234279e93ddb129d88276" FOREIGN KEY ("prescriber_id") REFERENCES "prescriber"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber_commune" ADD CONSTRAINT "FK_5949838c5c950a10777ece2b61c" FOREIGN KEY ("insee_code") REFERENCES "commune"("insee_code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_attendee" ADD CONSTRAINT "FK_41587d105447d1faf67591e757a" FOREIGN KEY ("training_id") REFERENCES "training"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_attendee" ADD CONSTRAINT "FK_196d0bdbde7c1af63656fc06f67" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "training_attendee" DROP CONSTRAINT "FK_196d0bdbde7c1af63656fc06f67"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_attendee" DROP CONSTRAINT "FK_41587d105447d1faf67591e757a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber_commune" DROP CONSTRAINT "FK_5949838c5c950a10777ece2b61c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber_commune" DROP CONSTRAINT "FK_be936e234279e93ddb129d88276"`,
    );
    await queryRunner.query(`ALTER TABLE "prescriber" DROP CONSTRAINT "CHK_prescriber_rna"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_prescriber_rna"`);
    await queryRunner.query(`ALTER TABLE "prescriber" DROP COLUMN "rna"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "require_trained_agent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_training_attendee_user"`);
    await queryRunner.query(`DROP TABLE "training_attendee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_training_date"`);
    await queryRunner.query(`DROP TABLE "training"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_prescriber_commune_insee"`);
    await queryRunner.query(`DROP TABLE "prescriber_commune"`);
  }
}
