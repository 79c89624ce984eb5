import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting store (reporting module, report-tables.entity.ts): tables the refresh job fills
 * from the base tables so that every report reads a few thousand rows, never the cheques;
 * `report_state` holds its one row (as of, watermark). The change feed the refresh reads:
 * IDX_cheque_status_changed (every status change of a cheque stamps status_changed_at: hand-out,
 * redemption, batch, payment, expiry, cancellation) and IDX_redemption_cancelled.
 * `programme.open_data`: its anonymised usage is published without login.
 */
export class Reporting1795407000000 implements MigrationInterface {
  name = 'Reporting1795407000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_state" ("id" smallint NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE, "watermark" TIMESTAMP WITH TIME ZONE, "last_duration_ms" integer, "last_carnets" integer, "last_periods" integer, CONSTRAINT "CHK_report_state_single" CHECK (id = 1), CONSTRAINT "PK_7651ac7a13e9a8b4236b0ec30b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "report_state" ("id") VALUES (1)`);
    await queryRunner.query(
      `CREATE TABLE "report_carnet" ("carnet_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "prescriber_id" uuid NOT NULL, "situation" character varying(20) NOT NULL, "age_band" character varying(10) NOT NULL, "services" text array NOT NULL DEFAULT '{}', "procedures" text array NOT NULL DEFAULT '{}', "handed_out_at" TIMESTAMP WITH TIME ZONE NOT NULL, "period" character(7) NOT NULL, "household_first" boolean NOT NULL, "valid_until" date NOT NULL, "cheques" smallint NOT NULL, "unused" smallint NOT NULL, "redeemed" smallint NOT NULL, "in_batch" smallint NOT NULL, "reimbursed" smallint NOT NULL, "expired" smallint NOT NULL, "cancelled" smallint NOT NULL, "used_cents" integer NOT NULL, "first_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_report_carnet_cheques" CHECK (cheques = unused + redeemed + in_batch + reimbursed + expired + cancelled), CONSTRAINT "PK_2b765414c83919865b11788050e" PRIMARY KEY ("carnet_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_carnet_beneficiary" ON "report_carnet"  ("beneficiary_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_carnet_origin" ON "report_carnet"  ("programme_id", "insee_code", "prescriber_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_handout_month" ("programme_id" uuid NOT NULL, "period" character(7) NOT NULL, "insee_code" character varying(5) NOT NULL, "prescriber_id" uuid NOT NULL, "situation" character varying(20) NOT NULL, "age_band" character varying(10) NOT NULL, "carnets" integer NOT NULL, "households" integer NOT NULL, "started" integer NOT NULL, "completed" integer NOT NULL, "unused" integer NOT NULL, "redeemed" integer NOT NULL, "in_batch" integer NOT NULL, "reimbursed" integer NOT NULL, "expired" integer NOT NULL, "cancelled" integer NOT NULL, "used_cents" bigint NOT NULL, CONSTRAINT "PK_2e3ec25fcecf81c36d20e998763" PRIMARY KEY ("programme_id", "period", "insee_code", "prescriber_id", "situation", "age_band"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_handout_month_commune" ON "report_handout_month"  ("programme_id", "insee_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_first_use" ("programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "prescriber_id" uuid NOT NULL, "delay_days" integer NOT NULL, "carnets" integer NOT NULL, CONSTRAINT "PK_7a02f4bcd94fcc5cb14b3e8aebd" PRIMARY KEY ("programme_id", "insee_code", "prescriber_id", "delay_days"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_need" ("programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "kind" character varying(10) NOT NULL, "need" text NOT NULL, "carnets" integer NOT NULL, "used_cheques" integer NOT NULL, "used_cents" bigint NOT NULL, CONSTRAINT "CHK_report_need_kind" CHECK (kind IN ('SERVICE', 'PROCEDURE', 'NONE')), CONSTRAINT "PK_edf810f259517fc180028cc8647" PRIMARY KEY ("programme_id", "insee_code", "kind", "need"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_venue_month" ("programme_id" uuid NOT NULL, "period" character(7) NOT NULL, "venue_id" uuid NOT NULL, "service" text NOT NULL, "redemptions" integer NOT NULL, "cheques" integer NOT NULL, "amount_cents" bigint NOT NULL, "participants" integer NOT NULL, "minutes" integer NOT NULL, CONSTRAINT "PK_0dfdbec2bd6592e868ad1e0f057" PRIMARY KEY ("programme_id", "period", "venue_id", "service"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_venue_month_venue" ON "report_venue_month"  ("venue_id", "programme_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_origin_month" ("programme_id" uuid NOT NULL, "period" character(7) NOT NULL, "insee_code" character varying(5) NOT NULL, "prescriber_id" uuid NOT NULL, "service" text NOT NULL, "cheques" integer NOT NULL, "amount_cents" bigint NOT NULL, CONSTRAINT "PK_5bee2632b8210f04fabf3aa0db6" PRIMARY KEY ("programme_id", "period", "insee_code", "prescriber_id", "service"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_origin_month_commune" ON "report_origin_month"  ("programme_id", "insee_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_expiry" ("programme_id" uuid NOT NULL, "valid_until" date NOT NULL, "holder_kind" character varying(12) NOT NULL, "location" text NOT NULL, "insee_code" character varying(5), "prescriber_id" uuid, "cheques" integer NOT NULL, "cents" bigint NOT NULL, CONSTRAINT "PK_b358e77505332a0134c83cca23c" PRIMARY KEY ("programme_id", "valid_until", "holder_kind", "location"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "open_data" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cheque_status_changed" ON "cheque"  ("status_changed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_redemption_cancelled" ON "redemption"  ("cancelled_at") WHERE cancelled_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_redemption_cancelled"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cheque_status_changed"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "open_data"`);
    await queryRunner.query(`DROP TABLE "report_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_origin_month_commune"`);
    await queryRunner.query(`DROP TABLE "report_origin_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_venue_month_venue"`);
    await queryRunner.query(`DROP TABLE "report_venue_month"`);
    await queryRunner.query(`DROP TABLE "report_need"`);
    await queryRunner.query(`DROP TABLE "report_first_use"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_handout_month_commune"`);
    await queryRunner.query(`DROP TABLE "report_handout_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_carnet_origin"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_carnet_beneficiary"`);
    await queryRunner.query(`DROP TABLE "report_carnet"`);
    await queryRunner.query(`DROP TABLE "report_state"`);
  }
}
