import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Beneficiaries and their diagnostics (issue 11): minimal by design (age band or birth year,
 * commune, situation, optional first name, a contact only with a recorded consent) and a household
 * key (HMAC of the normalised address, never the address); a programme's eligible situations and
 * communes.
 */
export class Beneficiaries1795406400000 implements MigrationInterface {
  name = 'Beneficiaries1795406400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "beneficiary" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "prescriber_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "age_band" character varying(10), "birth_year" smallint, "situation" character varying(20) NOT NULL, "first_name" character varying(50), "contact" character varying(254), "consent_scope" character varying(30), "consent_at" TIMESTAMP WITH TIME ZONE, "consent_recorded_by" uuid, "household_key" bytea NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_beneficiary_household_key" CHECK (octet_length(household_key) = 32), CONSTRAINT "CHK_beneficiary_contact_consent" CHECK (contact IS NULL OR consent_scope IS NOT NULL), CONSTRAINT "CHK_beneficiary_consent" CHECK ((consent_scope IS NULL) = (consent_at IS NULL) AND (consent_scope IS NULL) = (consent_recorded_by IS NULL)), CONSTRAINT "CHK_beneficiary_consent_scope" CHECK (consent_scope IN ('FOLLOW_UP', 'PROGRAMME_INFORMATION')), CONSTRAINT "CHK_beneficiary_situation" CHECK (situation IN ('MINIMA_SOCIAUX', 'RETRAITE', 'DEMANDEUR_EMPLOI', 'JEUNE', 'SALARIE', 'AUTRE')), CONSTRAINT "CHK_beneficiary_birth_year" CHECK (birth_year BETWEEN 1900 AND 2100), CONSTRAINT "CHK_beneficiary_age_band" CHECK (age_band IN ('UNDER_26', '26_44', '45_59', '60_74', '75_PLUS')), CONSTRAINT "CHK_beneficiary_age" CHECK ((age_band IS NULL) <> (birth_year IS NULL)), CONSTRAINT "PK_c7514d7fed62b8e619cb1840f41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_beneficiary_programme_commune" ON "beneficiary"  ("programme_id", "insee_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_beneficiary_programme_household" ON "beneficiary"  ("programme_id", "household_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_beneficiary_prescriber_created" ON "beneficiary"  ("prescriber_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "diagnostic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "beneficiary_id" uuid NOT NULL, "services" text array NOT NULL, "procedures" text array NOT NULL, "autonomy" smallint NOT NULL, "equipment" text array NOT NULL, "notes" character varying(500), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_diagnostic_autonomy" CHECK (autonomy BETWEEN 1 AND 4), CONSTRAINT "CHK_diagnostic_equipment" CHECK (equipment <@ ARRAY['NONE', 'PHONE', 'COMPUTER', 'TABLET', 'INTERNET']::text[]), CONSTRAINT "CHK_diagnostic_procedures" CHECK (procedures <@ ARRAY['CAF', 'FRANCE_TRAVAIL', 'ASSURANCE_MALADIE', 'RETRAITE', 'ANTS', 'IMPOTS', 'ENERGIE', 'BANQUE', 'SANTE', 'OTHER']::text[]), CONSTRAINT "PK_98c9b0b51c24cd981d15ee3091b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_diagnostic_beneficiary_created" ON "diagnostic"  ("beneficiary_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "eligible_situations" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "eligible_insee_codes" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "CHK_programme_eligible_situations" CHECK (eligible_situations <@ ARRAY['MINIMA_SOCIAUX', 'RETRAITE', 'DEMANDEUR_EMPLOI', 'JEUNE', 'SALARIE', 'AUTRE']::text[])`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_e9494f9f22320407a4e963a2929" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_3bc9f8fb565c83eea618ec9fd4f" FOREIGN KEY ("prescriber_id") REFERENCES "prescriber"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_449b3b9c019dd90eb0a0ab6b2ac" FOREIGN KEY ("insee_code") REFERENCES "commune"("insee_code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_98e72769b0429937a408791bec4" FOREIGN KEY ("consent_recorded_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_c4f7ab6eac4a34a62f518837443" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_795846cfc850108f3956d84fa8c" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" ADD CONSTRAINT "FK_0a1e7c0b2771cd3dd8677731dec" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_0a1e7c0b2771cd3dd8677731dec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "diagnostic" DROP CONSTRAINT "FK_795846cfc850108f3956d84fa8c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_c4f7ab6eac4a34a62f518837443"`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_98e72769b0429937a408791bec4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_449b3b9c019dd90eb0a0ab6b2ac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_3bc9f8fb565c83eea618ec9fd4f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_e9494f9f22320407a4e963a2929"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" DROP CONSTRAINT "CHK_programme_eligible_situations"`,
    );
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "eligible_insee_codes"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "eligible_situations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_diagnostic_beneficiary_created"`);
    await queryRunner.query(`DROP TABLE "diagnostic"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_beneficiary_prescriber_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_beneficiary_programme_household"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_beneficiary_programme_commune"`);
    await queryRunner.query(`DROP TABLE "beneficiary"`);
  }
}
