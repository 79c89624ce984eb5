import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redemption (redemptions module) and what it needs around it:
 * - `redemption`: cheques spent at a venue for one service, with the month it is paid for; a
 *   cancellation is a state (who, when), never a deletion; `reimbursement_batch_id` is the column
 *   the monthly batch will set, and a redemption it holds can no longer be cancelled;
 * - `redemption_cheque`: its cheques; UQ_redemption_cheque_active keeps a cheque in one live
 *   redemption at most, under the conditional status update that decides it;
 * - `cheque.code_failures` and `locked_at`: five wrong security codes lock a cheque until a
 *   programme manager unlocks it;
 * - networks of venues: the VENUE_NETWORK organisation kind and `venue_network_member`, whose
 *   API clients act for their member venues.
 */
export class Redemptions1795406800000 implements MigrationInterface {
  name = 'Redemptions1795406800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "CHK_organisation_kind"`);
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "CHK_organisation_kind" CHECK (kind IN ('OWNER', 'FUNDER', 'COMMUNE', 'PRESCRIBER', 'VENUE', 'VENUE_NETWORK'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "venue_network_member" ("network_id" uuid NOT NULL, "venue_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e983dafaa21c7f04a00a03d139e" PRIMARY KEY ("network_id", "venue_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_venue_network_member_venue" ON "venue_network_member"  ("venue_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "redemption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "service" text NOT NULL, "service_date" date NOT NULL, "duration_minutes" smallint NOT NULL, "participants" smallint NOT NULL DEFAULT '1', "cheque_count" smallint NOT NULL, "amount_cents" integer NOT NULL, "period" character(7) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'ACTIVE', "actor_type" character varying(10) NOT NULL, "actor_id" uuid NOT NULL, "actor_label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by" uuid, "cancelled_by_label" text, "reimbursement_batch_id" uuid, CONSTRAINT "CHK_redemption_period" CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'), CONSTRAINT "CHK_redemption_amount" CHECK (amount_cents > 0 AND cheque_count > 0), CONSTRAINT "CHK_redemption_participants" CHECK (participants BETWEEN 1 AND 30), CONSTRAINT "CHK_redemption_duration" CHECK (duration_minutes BETWEEN 15 AND 480), CONSTRAINT "CHK_redemption_batch" CHECK (NOT (status = 'CANCELLED' AND reimbursement_batch_id IS NOT NULL)), CONSTRAINT "CHK_redemption_cancelled" CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancelled_by IS NULL)), CONSTRAINT "CHK_redemption_status" CHECK (status IN ('ACTIVE', 'CANCELLED')), CONSTRAINT "PK_e96b16cd3061a61305951bc95a3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_redemption_programme_period" ON "redemption"  ("programme_id", "period", "venue_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_redemption_venue_created" ON "redemption"  ("venue_id", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_redemption_created" ON "redemption"  ("created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "redemption_cheque" ("redemption_id" uuid NOT NULL, "cheque_number" character(12) NOT NULL, "position" smallint NOT NULL, "face_value_cents" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_daeb081b1982d6d95f660fc3200" PRIMARY KEY ("redemption_id", "cheque_number"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_redemption_cheque_number" ON "redemption_cheque"  ("cheque_number")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_redemption_cheque_active" ON "redemption_cheque"  ("cheque_number") WHERE active`,
    );
    await queryRunner.query(
      `ALTER TABLE "cheque" ADD "code_failures" smallint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "cheque" ADD "locked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "cheque" ADD CONSTRAINT "CHK_cheque_code_failures" CHECK (code_failures >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_network_member" ADD CONSTRAINT "FK_df116cf7c98b1d57e35d78f7743" FOREIGN KEY ("network_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_network_member" ADD CONSTRAINT "FK_2f8372499fc2161eabc7d9adaec" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption" ADD CONSTRAINT "FK_5afee4c0aab6d9583b196de918a" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption" ADD CONSTRAINT "FK_c2b891a0af0ae00374b2cc175c0" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption_cheque" ADD CONSTRAINT "FK_5f0118737b0876c9606590590d0" FOREIGN KEY ("redemption_id") REFERENCES "redemption"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption_cheque" ADD CONSTRAINT "FK_d7843f70f6344a9646630879cb2" FOREIGN KEY ("cheque_number") REFERENCES "cheque"("number") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "redemption_cheque" DROP CONSTRAINT "FK_d7843f70f6344a9646630879cb2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption_cheque" DROP CONSTRAINT "FK_5f0118737b0876c9606590590d0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption" DROP CONSTRAINT "FK_c2b891a0af0ae00374b2cc175c0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "redemption" DROP CONSTRAINT "FK_5afee4c0aab6d9583b196de918a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_network_member" DROP CONSTRAINT "FK_2f8372499fc2161eabc7d9adaec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_network_member" DROP CONSTRAINT "FK_df116cf7c98b1d57e35d78f7743"`,
    );
    await queryRunner.query(`ALTER TABLE "cheque" DROP CONSTRAINT "CHK_cheque_code_failures"`);
    await queryRunner.query(`ALTER TABLE "cheque" DROP COLUMN "locked_at"`);
    await queryRunner.query(`ALTER TABLE "cheque" DROP COLUMN "code_failures"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_redemption_cheque_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_redemption_cheque_number"`);
    await queryRunner.query(`DROP TABLE "redemption_cheque"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_redemption_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_redemption_venue_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_redemption_programme_period"`);
    await queryRunner.query(`DROP TABLE "redemption"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_venue_network_member_venue"`);
    await queryRunner.query(`DROP TABLE "venue_network_member"`);
    // The old check admits no network: their API clients and themselves go first.
    await queryRunner.query(
      `DELETE FROM "api_client" WHERE organisation_id IN (SELECT id FROM "organisation" WHERE kind = 'VENUE_NETWORK')`,
    );
    await queryRunner.query(`DELETE FROM "organisation" WHERE kind = 'VENUE_NETWORK'`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "CHK_organisation_kind"`);
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "CHK_organisation_kind" CHECK (kind IN ('OWNER', 'FUNDER', 'COMMUNE', 'PRESCRIBER', 'VENUE'))`,
    );
  }
}
