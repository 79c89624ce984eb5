import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Venues1795400291398 implements MigrationInterface {
  name = 'Venues1795400291398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_bank_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "holder_name" text NOT NULL, "iban" character varying(34) NOT NULL, "bic" character varying(11) NOT NULL, "document_id" uuid, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "valid_to" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_bank_account_four_eyes" CHECK (decided_by IS NULL OR decided_by <> entered_by), CONSTRAINT "CHK_bank_account_status" CHECK (status IN ('PENDING', 'VERIFIED', 'REJECTED')), CONSTRAINT "PK_533405dd61f8325df449a0cf40e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bank_account_venue" ON "venue_bank_account"  ("venue_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_bank_account_current" ON "venue_bank_account"  ("venue_id") WHERE valid_to IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "venue_qualification_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "from_status" character varying(16) NOT NULL, "to_status" character varying(16) NOT NULL, "checklist" jsonb NOT NULL, "reason" text NOT NULL, "decided_by" uuid, "decided_by_label" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae9fc383885914f2121eca19e9c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_qualification_decision_venue" ON "venue_qualification_decision"  ("venue_id", "decided_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "venue" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "pivot" character varying(14) NOT NULL, "name" text NOT NULL, "address" text NOT NULL, "address_complement" text, "postal_code" character varying(5) NOT NULL, "commune_name" text NOT NULL, "insee_code" character varying(5), "latitude" numeric(9,6), "longitude" numeric(9,6), "typologies" text array NOT NULL DEFAULT '{}', "itinerance" text array NOT NULL DEFAULT '{}', "served_insee_codes" text array NOT NULL DEFAULT '{}', "horaires" text, "services" text array NOT NULL DEFAULT '{}', "publics" text array NOT NULL DEFAULT '{}', "specific_support" text array NOT NULL DEFAULT '{}', "fees" text array NOT NULL DEFAULT '{}', "access_modalities" text array NOT NULL DEFAULT '{}', "support_modalities" text array NOT NULL DEFAULT '{}', "phone" text, "email" text, "website" text, "summary" text, "qualification_status" character varying(16) NOT NULL DEFAULT 'APPLIED', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_9f312e87687178cad1a537edfa" UNIQUE ("organisation_id"), CONSTRAINT "CHK_venue_qualification" CHECK (qualification_status IN ('APPLIED', 'UNDER_REVIEW', 'QUALIFIED', 'SUSPENDED', 'WITHDRAWN')), CONSTRAINT "PK_c53deb6d1bcb088f9d459e7dbc0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_venue_organisation" ON "venue"  ("organisation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_venue_pivot" ON "venue"  ("pivot") `);
    await queryRunner.query(`CREATE INDEX "IDX_venue_insee" ON "venue"  ("insee_code") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_venue_qualification" ON "venue"  ("qualification_status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "venue" ADD CONSTRAINT "FK_9f312e87687178cad1a537edfa4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "venue" DROP CONSTRAINT "FK_9f312e87687178cad1a537edfa4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_venue_qualification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_venue_insee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_venue_pivot"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_venue_organisation"`);
    await queryRunner.query(`DROP TABLE "venue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_qualification_decision_venue"`);
    await queryRunner.query(`DROP TABLE "venue_qualification_decision"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_bank_account_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bank_account_venue"`);
    await queryRunner.query(`DROP TABLE "venue_bank_account"`);
  }
}
