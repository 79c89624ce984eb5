import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TerritoryAndFunding1795399577977 implements MigrationInterface {
  name = 'TerritoryAndFunding1795399577977';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "allocation_criterion" ("programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "name" character varying(64) NOT NULL, "value" numeric(16,4) NOT NULL, CONSTRAINT "CHK_allocation_criterion_value" CHECK (value >= 0), CONSTRAINT "PK_c3439babb36f7e5caf2c249926c" PRIMARY KEY ("programme_id", "insee_code", "name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "version" integer NOT NULL, "total_carnets" integer NOT NULL, "fixed_per_commune" integer NOT NULL, "weights" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_allocation_version_counts" CHECK (total_carnets >= 0 AND fixed_per_commune >= 0), CONSTRAINT "PK_573be762c789c0565162c4b86c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_allocation_current" ON "allocation_version"  ("programme_id") WHERE superseded_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_allocation_version" ON "allocation_version"  ("programme_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation_line" ("allocation_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "fixed" integer NOT NULL, "variable" integer NOT NULL, "total" integer NOT NULL, "score" numeric(20,12) NOT NULL, "explanation" jsonb NOT NULL, CONSTRAINT "CHK_allocation_line_sum" CHECK (total = fixed + variable AND fixed >= 0 AND variable >= 0), CONSTRAINT "PK_a765d9c254210667c2e00c579a3" PRIMARY KEY ("allocation_id", "insee_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "commune" ("insee_code" character varying(5) NOT NULL, "name" text NOT NULL, "postal_codes" text array NOT NULL, "population" integer NOT NULL, "siren" character(9), "departement" character varying(3) NOT NULL, "epci_siren" character(9), "epci_name" text, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_c0677fb1fac707299478d300d1" UNIQUE ("organisation_id"), CONSTRAINT "PK_e7332d2d062084a544895f4abf7" PRIMARY KEY ("insee_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_commune_departement" ON "commune"  ("departement") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_commune_epci" ON "commune"  ("epci_siren") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_commune_organisation" ON "commune"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "filename" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "funder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" character varying(20) NOT NULL, "siret" character(14), "contact_name" text, "contact_email" text, "contact_phone" text, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_85933bcfd639c7870bf65abcad" UNIQUE ("organisation_id"), CONSTRAINT "CHK_funder_kind" CHECK (kind IN ('STATE', 'EU_FUND', 'REGION', 'DEPARTMENT', 'EPCI', 'COMMUNE', 'CAF', 'PENSION_FUND', 'BANK', 'POSTAL_OPERATOR', 'COMPANY', 'ASSOCIATION', 'OTHER')), CONSTRAINT "PK_e34ffe86cfb5df3896aa68e767a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_funder_siret" ON "funder"  ("siret") WHERE siret IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_funder_organisation" ON "funder"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding_share" ("programme_id" uuid NOT NULL, "funder_id" uuid NOT NULL, "basis_points" integer NOT NULL, CONSTRAINT "CHK_funding_share_bp" CHECK (basis_points > 0 AND basis_points <= 10000), CONSTRAINT "PK_4176406a93db647661096d92c9e" PRIMARY KEY ("programme_id", "funder_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "territory_label" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "validity_end_date" date NOT NULL, "grace_days" integer NOT NULL DEFAULT '0', "face_value_cents" integer NOT NULL DEFAULT '1000', "cheques_per_carnet" integer NOT NULL DEFAULT '10', "budget_cents" bigint NOT NULL, "max_carnets_per_household" integer NOT NULL DEFAULT '1', "eligible_publics" text array NOT NULL DEFAULT '{}', "payable_services" text array NOT NULL DEFAULT '{}', "status" character varying(10) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_programme_household" CHECK (max_carnets_per_household >= 1), CONSTRAINT "CHK_programme_dates" CHECK (end_date >= start_date AND grace_days >= 0), CONSTRAINT "CHK_programme_money" CHECK (face_value_cents > 0 AND cheques_per_carnet > 0 AND budget_cents >= 0), CONSTRAINT "CHK_programme_status" CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED')), CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enrolment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "deliberation_date" date NOT NULL, "deliberation_reference" text NOT NULL, "deliberation_document_id" uuid, "convention_signed_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_enrolment_commune" ON "enrolment"  ("insee_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_enrolment_programme_commune" ON "enrolment"  ("programme_id", "insee_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "enrolment_referent" ("enrolment_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_43246ca86208328f96e51bbc8ae" PRIMARY KEY ("enrolment_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e30897da84753e597228e3f885" ON "enrolment_referent"  ("enrolment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4843834fbd467eabb19a94d1b4" ON "enrolment_referent"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_line" ADD CONSTRAINT "FK_4124f7124b2e139adb4b8e83b3f" FOREIGN KEY ("allocation_id") REFERENCES "allocation_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commune" ADD CONSTRAINT "FK_c0677fb1fac707299478d300d1a" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funder" ADD CONSTRAINT "FK_85933bcfd639c7870bf65abcad1" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_share" ADD CONSTRAINT "FK_8b81ef3a7170978be58733edbc2" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_share" ADD CONSTRAINT "FK_8ceb3f8e061bb277bb641188c9d" FOREIGN KEY ("funder_id") REFERENCES "funder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_a680aa1bc443abb2512f0e241fd" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_2ec7714c6d1a9d018c600dbefe4" FOREIGN KEY ("insee_code") REFERENCES "commune"("insee_code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_f62daa721c4d9e8bf501088e5c9" FOREIGN KEY ("deliberation_document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_referent" ADD CONSTRAINT "FK_e30897da84753e597228e3f8850" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_referent" ADD CONSTRAINT "FK_4843834fbd467eabb19a94d1b4b" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enrolment_referent" DROP CONSTRAINT "FK_4843834fbd467eabb19a94d1b4b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_referent" DROP CONSTRAINT "FK_e30897da84753e597228e3f8850"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" DROP CONSTRAINT "FK_f62daa721c4d9e8bf501088e5c9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" DROP CONSTRAINT "FK_2ec7714c6d1a9d018c600dbefe4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" DROP CONSTRAINT "FK_a680aa1bc443abb2512f0e241fd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_share" DROP CONSTRAINT "FK_8ceb3f8e061bb277bb641188c9d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_share" DROP CONSTRAINT "FK_8b81ef3a7170978be58733edbc2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funder" DROP CONSTRAINT "FK_85933bcfd639c7870bf65abcad1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "commune" DROP CONSTRAINT "FK_c0677fb1fac707299478d300d1a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation_line" DROP CONSTRAINT "FK_4124f7124b2e139adb4b8e83b3f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_4843834fbd467eabb19a94d1b4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e30897da84753e597228e3f885"`);
    await queryRunner.query(`DROP TABLE "enrolment_referent"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_enrolment_programme_commune"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolment_commune"`);
    await queryRunner.query(`DROP TABLE "enrolment"`);
    await queryRunner.query(`DROP TABLE "programme"`);
    await queryRunner.query(`DROP TABLE "funding_share"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_funder_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_funder_siret"`);
    await queryRunner.query(`DROP TABLE "funder"`);
    await queryRunner.query(`DROP TABLE "document"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_commune_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_commune_epci"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_commune_departement"`);
    await queryRunner.query(`DROP TABLE "commune"`);
    await queryRunner.query(`DROP TABLE "allocation_line"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_allocation_version"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_allocation_current"`);
    await queryRunner.query(`DROP TABLE "allocation_version"`);
    await queryRunner.query(`DROP TABLE "allocation_criterion"`);
  }
}
