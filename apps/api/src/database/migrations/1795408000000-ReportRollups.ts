import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coarser roll-ups of the reporting store, so that the programme-wide reports read a few thousand
 * rows instead of summing report_handout_month (up to ~290,000 rows at 10 million cheques) on every
 * call: `report_handout_origin` (report_handout_month without the month: summary, by-commune,
 * by-prescriber, by-funder), `report_handout_commune_month` (hand-outs per commune and month:
 * timeseries) and `report_venue_service` (report_venue_month without the month: by-venue,
 * by-service). The refresh keeps them in its transaction; here they are filled from the store as
 * it stands, so that an installation already refreshed keeps reporting its figures.
 */
export class ReportRollups1795408000000 implements MigrationInterface {
  name = 'ReportRollups1795408000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_handout_origin" ("programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "prescriber_id" uuid NOT NULL, "situation" character varying(20) NOT NULL, "age_band" character varying(10) NOT NULL, "carnets" integer NOT NULL, "households" integer NOT NULL, "started" integer NOT NULL, "completed" integer NOT NULL, "unused" integer NOT NULL, "redeemed" integer NOT NULL, "in_batch" integer NOT NULL, "reimbursed" integer NOT NULL, "expired" integer NOT NULL, "cancelled" integer NOT NULL, "used_cents" bigint NOT NULL, CONSTRAINT "PK_5a76e806d58f70f5fc9e3780a20" PRIMARY KEY ("programme_id", "insee_code", "prescriber_id", "situation", "age_band"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_handout_commune_month" ("programme_id" uuid NOT NULL, "insee_code" character varying(5) NOT NULL, "period" character(7) NOT NULL, "carnets" integer NOT NULL, CONSTRAINT "PK_bb989a0d92b66a8edaf7b0bac4f" PRIMARY KEY ("programme_id", "insee_code", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_venue_service" ("programme_id" uuid NOT NULL, "venue_id" uuid NOT NULL, "service" text NOT NULL, "redemptions" integer NOT NULL, "cheques" integer NOT NULL, "amount_cents" bigint NOT NULL, "participants" integer NOT NULL, "minutes" integer NOT NULL, CONSTRAINT "PK_ef1d5310ba7140b1afd79fc3875" PRIMARY KEY ("programme_id", "venue_id", "service"))`,
    );
    // The same sums as the refresh's (report-refresh.repository.ts), from the store's finer rows.
    await queryRunner.query(
      `INSERT INTO "report_handout_origin" ("programme_id", "insee_code", "prescriber_id", "situation", "age_band", "carnets", "households", "started", "completed", "unused", "redeemed", "in_batch", "reimbursed", "expired", "cancelled", "used_cents")
       SELECT programme_id, insee_code, prescriber_id, situation, age_band, sum(carnets),
              sum(households), sum(started), sum(completed), sum(unused), sum(redeemed),
              sum(in_batch), sum(reimbursed), sum(expired), sum(cancelled), sum(used_cents)
       FROM "report_handout_month"
       GROUP BY programme_id, insee_code, prescriber_id, situation, age_band`,
    );
    await queryRunner.query(
      `INSERT INTO "report_handout_commune_month" ("programme_id", "insee_code", "period", "carnets")
       SELECT programme_id, insee_code, period, sum(carnets)
       FROM "report_handout_month"
       GROUP BY programme_id, insee_code, period`,
    );
    await queryRunner.query(
      `INSERT INTO "report_venue_service" ("programme_id", "venue_id", "service", "redemptions", "cheques", "amount_cents", "participants", "minutes")
       SELECT programme_id, venue_id, service, sum(redemptions), sum(cheques), sum(amount_cents),
              sum(participants), sum(minutes)
       FROM "report_venue_month"
       GROUP BY programme_id, venue_id, service`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_venue_service"`);
    await queryRunner.query(`DROP TABLE "report_handout_commune_month"`);
    await queryRunner.query(`DROP TABLE "report_handout_origin"`);
  }
}
