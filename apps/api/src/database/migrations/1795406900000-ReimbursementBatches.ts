import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly reimbursement batches (reimbursements module):
 * - `reimbursement_batch`: one per programme and month (UQ_reimbursement_batch_period), its
 *   state, its sealed totals, who created, generated, approved (CHK four eyes) and exported it;
 * - `reimbursement_line`: what it pays one venue, with the payee copied at sealing; its amounts and
 *   payee never change after insert (trigger reimbursement_line_frozen), only the bank's outcome;
 * - `reimbursement_line_redemption`: the redemptions of a line; UQ_reimbursement_redemption_active
 *   keeps a redemption in one paying line at most;
 * - `reimbursement_batch_funder`, `reimbursement_line_funder`: the funder split, to the cent;
 * - `reimbursement_file` and its chunks: the files produced once at export, with their SHA-256;
 * - `programme.sepa_format`: the SEPA message version its batches are exported in.
 */
export class ReimbursementBatches1795406900000 implements MigrationInterface {
  name = 'ReimbursementBatches1795406900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reimbursement_batch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "period" character(7) NOT NULL, "cutoff" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'GENERATING', "created_by" uuid, "created_by_label" text, "generated_by" uuid, "generated_by_label" text, "generated_at" TIMESTAMP WITH TIME ZONE, "line_count" integer NOT NULL DEFAULT '0', "redemption_count" integer NOT NULL DEFAULT '0', "cheque_count" integer NOT NULL DEFAULT '0', "payable_cents" bigint NOT NULL DEFAULT '0', "on_hold_cents" bigint NOT NULL DEFAULT '0', "approved_by" uuid, "approved_by_label" text, "approved_at" TIMESTAMP WITH TIME ZONE, "sepa_format" character varying(20), "requested_execution_date" date, "message_id" character varying(35), "export_requested_by" uuid, "export_requested_by_label" text, "export_requested_at" TIMESTAMP WITH TIME ZONE, "exported_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_reimbursement_batch_totals" CHECK (line_count >= 0 AND redemption_count >= 0 AND cheque_count >= 0 AND payable_cents >= 0 AND on_hold_cents >= 0), CONSTRAINT "CHK_reimbursement_batch_exported" CHECK ((status IN ('EXPORTED', 'PAID', 'PARTIALLY_PAID')) = (exported_at IS NOT NULL)), CONSTRAINT "CHK_reimbursement_batch_sealed" CHECK ((status = 'GENERATING') = (generated_at IS NULL)), CONSTRAINT "CHK_reimbursement_batch_approved" CHECK ((status IN ('GENERATING', 'DRAFT')) = (approved_at IS NULL) AND (approved_at IS NULL) = (approved_by IS NULL)), CONSTRAINT "CHK_reimbursement_batch_four_eyes" CHECK (approved_by IS NULL OR (approved_by IS DISTINCT FROM created_by AND approved_by IS DISTINCT FROM generated_by)), CONSTRAINT "CHK_reimbursement_batch_period" CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'), CONSTRAINT "CHK_reimbursement_batch_status" CHECK (status IN ('GENERATING', 'DRAFT', 'APPROVED', 'EXPORTED', 'PAID', 'PARTIALLY_PAID')), CONSTRAINT "PK_0c3252f50ca8a16a69f721c76da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reimbursement_batch_status" ON "reimbursement_batch"  ("status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reimbursement_batch_period" ON "reimbursement_batch"  ("programme_id", "period") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "venue_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "hold_reasons" text array NOT NULL DEFAULT '{}', "redemption_count" integer NOT NULL, "cheque_count" integer NOT NULL, "amount_cents" bigint NOT NULL, "venue_name" text NOT NULL, "venue_pivot" character varying(14) NOT NULL, "venue_typologies" text array NOT NULL DEFAULT '{}', "bank_account_id" uuid, "holder_name" text, "iban" character varying(34), "bic" character varying(11), "end_to_end_id" character varying(35), "paid_on" date, "rejection_reason" text, "outcome_by" uuid, "outcome_by_label" text, "outcome_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_reimbursement_line_outcome" CHECK ((status = 'PAID') = (paid_on IS NOT NULL) AND (status = 'REJECTED') = (rejection_reason IS NOT NULL) AND (status IN ('PAID', 'REJECTED')) = (outcome_at IS NOT NULL)), CONSTRAINT "CHK_reimbursement_line_amounts" CHECK (redemption_count > 0 AND cheque_count > 0 AND amount_cents > 0), CONSTRAINT "CHK_reimbursement_line_payee" CHECK (status = 'ON_HOLD' OR (bank_account_id IS NOT NULL AND iban IS NOT NULL AND bic IS NOT NULL AND holder_name IS NOT NULL AND end_to_end_id IS NOT NULL)), CONSTRAINT "CHK_reimbursement_line_hold" CHECK ((status = 'ON_HOLD') = (cardinality(hold_reasons) > 0) AND hold_reasons <@ ARRAY['VENUE_SUSPENDED', 'NO_VERIFIED_BANK_ACCOUNT', 'BANK_REJECTED_TRANSFER']::text[]), CONSTRAINT "CHK_reimbursement_line_status" CHECK (status IN ('PAYABLE', 'ON_HOLD', 'PAID', 'REJECTED')), CONSTRAINT "PK_73426fa9d018549b58ac5fa56ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reimbursement_line_venue" ON "reimbursement_line"  ("venue_id", "batch_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reimbursement_line_venue" ON "reimbursement_line"  ("batch_id", "venue_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_line_redemption" ("line_id" uuid NOT NULL, "redemption_id" uuid NOT NULL, "active" boolean NOT NULL, CONSTRAINT "PK_26fa2a3a536eae9dbbdf52f049f" PRIMARY KEY ("line_id", "redemption_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reimbursement_line_redemption" ON "reimbursement_line_redemption"  ("redemption_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reimbursement_redemption_active" ON "reimbursement_line_redemption"  ("redemption_id") WHERE active`,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_batch_funder" ("batch_id" uuid NOT NULL, "funder_id" uuid NOT NULL, "basis_points" integer NOT NULL, "cents" bigint NOT NULL, CONSTRAINT "CHK_reimbursement_batch_funder" CHECK (cents >= 0 AND basis_points > 0 AND basis_points <= 10000), CONSTRAINT "PK_0caf7bb229a59337ba64ac8ae9e" PRIMARY KEY ("batch_id", "funder_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_line_funder" ("line_id" uuid NOT NULL, "funder_id" uuid NOT NULL, "cents" bigint NOT NULL, CONSTRAINT "CHK_reimbursement_line_funder" CHECK (cents >= 0), CONSTRAINT "PK_fbd83d02a08244dffb6c7205f87" PRIMARY KEY ("line_id", "funder_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "media_type" text NOT NULL, "venue_id" uuid, "complete" boolean NOT NULL DEFAULT false, "size_bytes" bigint NOT NULL DEFAULT '0', "sha256" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_reimbursement_file_sealed" CHECK (complete = (sha256 IS NOT NULL)), CONSTRAINT "PK_8b18ae2866f4061c1079e5a11ed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reimbursement_file_venue" ON "reimbursement_file"  ("venue_id", "batch_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reimbursement_file_name" ON "reimbursement_file"  ("batch_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reimbursement_file_chunk" ("file_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_86baef7b6268b8a6e72ba3dd656" PRIMARY KEY ("file_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "sepa_format" character varying(20) NOT NULL DEFAULT 'pain.001.001.09'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "CHK_programme_sepa_format" CHECK (sepa_format IN ('pain.001.001.09', 'pain.001.001.03'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch" ADD CONSTRAINT "FK_e28dea4cbe7c9416469f7d669d7" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line" ADD CONSTRAINT "FK_110b7ab6eba5d9c0ab26195e3e5" FOREIGN KEY ("batch_id") REFERENCES "reimbursement_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line" ADD CONSTRAINT "FK_a69d2645a63fd829b0d1a64d108" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_redemption" ADD CONSTRAINT "FK_e3762e7e2c4f3754979479d2a70" FOREIGN KEY ("line_id") REFERENCES "reimbursement_line"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_redemption" ADD CONSTRAINT "FK_e56310ae87705cf9bb815648a67" FOREIGN KEY ("redemption_id") REFERENCES "redemption"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch_funder" ADD CONSTRAINT "FK_cc41c45a4dbcae729b4f5ee0568" FOREIGN KEY ("batch_id") REFERENCES "reimbursement_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch_funder" ADD CONSTRAINT "FK_99165cac78b3d2bf1ba5977ea6e" FOREIGN KEY ("funder_id") REFERENCES "funder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_funder" ADD CONSTRAINT "FK_12213c6b7f05f7e15240c393817" FOREIGN KEY ("line_id") REFERENCES "reimbursement_line"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_funder" ADD CONSTRAINT "FK_c700e044cb55dd1d42c8f69cb45" FOREIGN KEY ("funder_id") REFERENCES "funder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_file" ADD CONSTRAINT "FK_e1d840e0541afe011fe8d1ff5ab" FOREIGN KEY ("batch_id") REFERENCES "reimbursement_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_file_chunk" ADD CONSTRAINT "FK_83aed3b46c15e4951738824e050" FOREIGN KEY ("file_id") REFERENCES "reimbursement_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
          CREATE FUNCTION reimbursement_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF (NEW.batch_id, NEW.venue_id, NEW.hold_reasons, NEW.redemption_count, NEW.cheque_count,
                NEW.amount_cents, NEW.venue_name, NEW.venue_pivot, NEW.venue_typologies,
                NEW.bank_account_id, NEW.holder_name, NEW.iban, NEW.bic, NEW.end_to_end_id)
               IS DISTINCT FROM
               (OLD.batch_id, OLD.venue_id, OLD.hold_reasons, OLD.redemption_count, OLD.cheque_count,
                OLD.amount_cents, OLD.venue_name, OLD.venue_pivot, OLD.venue_typologies,
                OLD.bank_account_id, OLD.holder_name, OLD.iban, OLD.bic, OLD.end_to_end_id) THEN
              RAISE EXCEPTION 'A reimbursement line''s amounts and payee never change (line %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
          END $$`);
    await queryRunner.query(
      `CREATE TRIGGER reimbursement_line_frozen BEFORE UPDATE ON "reimbursement_line" FOR EACH ROW EXECUTE FUNCTION reimbursement_line_frozen()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER reimbursement_line_frozen ON "reimbursement_line"`);
    await queryRunner.query(`DROP FUNCTION reimbursement_line_frozen()`);
    await queryRunner.query(
      `ALTER TABLE "reimbursement_file_chunk" DROP CONSTRAINT "FK_83aed3b46c15e4951738824e050"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_file" DROP CONSTRAINT "FK_e1d840e0541afe011fe8d1ff5ab"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_funder" DROP CONSTRAINT "FK_c700e044cb55dd1d42c8f69cb45"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_funder" DROP CONSTRAINT "FK_12213c6b7f05f7e15240c393817"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch_funder" DROP CONSTRAINT "FK_99165cac78b3d2bf1ba5977ea6e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch_funder" DROP CONSTRAINT "FK_cc41c45a4dbcae729b4f5ee0568"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_redemption" DROP CONSTRAINT "FK_e56310ae87705cf9bb815648a67"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line_redemption" DROP CONSTRAINT "FK_e3762e7e2c4f3754979479d2a70"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line" DROP CONSTRAINT "FK_a69d2645a63fd829b0d1a64d108"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_line" DROP CONSTRAINT "FK_110b7ab6eba5d9c0ab26195e3e5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reimbursement_batch" DROP CONSTRAINT "FK_e28dea4cbe7c9416469f7d669d7"`,
    );
    await queryRunner.query(`ALTER TABLE "programme" DROP CONSTRAINT "CHK_programme_sepa_format"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "sepa_format"`);
    await queryRunner.query(`DROP TABLE "reimbursement_file_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reimbursement_file_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reimbursement_file_venue"`);
    await queryRunner.query(`DROP TABLE "reimbursement_file"`);
    await queryRunner.query(`DROP TABLE "reimbursement_line_funder"`);
    await queryRunner.query(`DROP TABLE "reimbursement_batch_funder"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reimbursement_redemption_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reimbursement_line_redemption"`);
    await queryRunner.query(`DROP TABLE "reimbursement_line_redemption"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reimbursement_line_venue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reimbursement_line_venue"`);
    await queryRunner.query(`DROP TABLE "reimbursement_line"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reimbursement_batch_period"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reimbursement_batch_status"`);
    await queryRunner.query(`DROP TABLE "reimbursement_batch"`);
  }
}
