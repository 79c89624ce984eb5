import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tallies that hold under load and at 10 M cheques (bench/scale.mjs):
 * - the expired value of a programme without counting its expired cheques (445,540 of them took
 *   0.6 s): `programme.expired_cheques` and `expired_cents`, filled once here, then kept by the
 *   statement trigger on cheque that keeps the prescribers' `started` (renamed cheque_tallies);
 * - that trigger locks the carnets whose first or last used cheque changes before it counts
 *   their cheques: two redemptions of one carnet, or a redemption and the carnet's write-off (which
 *   locks the carnet too), count one after the other instead of each missing the other's cheque;
 * - a beneficiary's custody row keeps the prescriber it was created with (the counters credit it);
 * - an index on the structures' custody rows: the expiry and stock views skip beneficiaries' rows.
 */
export class Tallies1795406100000 implements MigrationInterface {
  name = 'Tallies1795406100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "expired_cheques" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "expired_cents" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "CHK_programme_expired" CHECK (expired_cheques >= 0 AND expired_cents >= 0)`,
    );
    await queryRunner.query(`UPDATE programme p SET expired_cheques = e.cheques, expired_cents = e.cents
      FROM (SELECT programme_id, count(*)::int AS cheques, sum(face_value_cents)::bigint AS cents
            FROM cheque WHERE status = 'EXPIRED' GROUP BY programme_id) e
      WHERE p.id = e.programme_id`);
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_holder_structures" ON "custody_holder" ("programme_id") WHERE kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')`,
    );
    await queryRunner.query(`CREATE FUNCTION custody_holder_keep_prescriber() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a beneficiary''s custody row keeps the prescriber who handed the carnet out'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_custody_holder_reference';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER custody_holder_prescriber_fixed BEFORE UPDATE OF prescriber_id ON "custody_holder" FOR EACH ROW WHEN (OLD.kind = 'BENEFICIARY' AND NEW.prescriber_id IS DISTINCT FROM OLD.prescriber_id) EXECUTE FUNCTION custody_holder_keep_prescriber()`,
    );
    await queryRunner.query(`DROP TRIGGER cheque_started ON "cheque"`);
    await queryRunner.query(`DROP FUNCTION cheque_apply_started()`);
    await queryRunner.query(`CREATE FUNCTION cheque_apply_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM carnet WHERE id IN (
          SELECT carnet_id FROM (
            SELECT carnet_id, 1 AS d FROM after_update WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
            UNION ALL
            SELECT carnet_id, -1 FROM before_update WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
          ) u GROUP BY carnet_id HAVING sum(d) <> 0
        ) ORDER BY id FOR UPDATE;
        UPDATE custody_holder h SET started = h.started + d.delta
        FROM (
          SELECT p.id AS holder_id, sum(s.delta)::int AS delta
          FROM (
            SELECT f.carnet_id,
                   CASE WHEN f.used_before = 0 AND f.used_now > 0 THEN 1
                        WHEN f.used_before > 0 AND f.used_now = 0 THEN -1 ELSE 0 END AS delta
            FROM (
              SELECT c.carnet_id, n.used_now, n.used_now - c.flips AS used_before
              FROM (
                -- Cheques never change carnet: the used count moved by (used after) - (used before),
                -- summed per carnet without joining the two transition tables.
                SELECT carnet_id, sum(d) AS flips FROM (
                  SELECT carnet_id, 1 AS d FROM after_update
                  WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
                  UNION ALL
                  SELECT carnet_id, -1 FROM before_update
                  WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
                ) u GROUP BY carnet_id HAVING sum(d) <> 0
              ) c
              CROSS JOIN LATERAL (
                SELECT count(*) AS used_now FROM cheque q WHERE q.carnet_id = c.carnet_id
                  AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
              ) n
            ) f
          ) s
          JOIN carnet k ON k.id = s.carnet_id
          JOIN custody_holder b ON b.id = k.holder_id AND b.kind = 'BENEFICIARY'
          JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                               AND p.prescriber_id = b.prescriber_id
          WHERE s.delta <> 0
          GROUP BY p.id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        -- Cheques only reach EXPIRED from unused statuses and never leave it; the difference
        -- between after and before still counts both ways, so the totals hold whatever moves.
        UPDATE programme p SET expired_cheques = p.expired_cheques + d.cheques,
                               expired_cents = p.expired_cents + d.cents
        FROM (
          SELECT programme_id, sum(n)::int AS cheques, sum(cents)::bigint AS cents FROM (
            SELECT programme_id, 1 AS n, face_value_cents AS cents FROM after_update WHERE status = 'EXPIRED'
            UNION ALL
            SELECT programme_id, -1, -face_value_cents FROM before_update WHERE status = 'EXPIRED'
          ) e GROUP BY programme_id
        ) d
        WHERE p.id = d.programme_id AND (d.cheques <> 0 OR d.cents <> 0);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER cheque_tallies AFTER UPDATE ON "cheque" REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION cheque_apply_tallies()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER cheque_tallies ON "cheque"`);
    await queryRunner.query(`DROP FUNCTION cheque_apply_tallies()`);
    await queryRunner.query(`DROP TRIGGER custody_holder_prescriber_fixed ON "custody_holder"`);
    await queryRunner.query(`DROP FUNCTION custody_holder_keep_prescriber()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_holder_structures"`);
    await queryRunner.query(`CREATE FUNCTION cheque_apply_started() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE custody_holder h SET started = h.started + d.delta
        FROM (
          SELECT p.id AS holder_id, sum(s.delta)::int AS delta
          FROM (
            SELECT f.carnet_id,
                   CASE WHEN f.used_before = 0 AND f.used_now > 0 THEN 1
                        WHEN f.used_before > 0 AND f.used_now = 0 THEN -1 ELSE 0 END AS delta
            FROM (
              SELECT c.carnet_id, n.used_now, n.used_now - c.flips AS used_before
              FROM (
                -- Cheques never change carnet: the used count moved by (used after) - (used before),
                -- summed per carnet without joining the two transition tables.
                SELECT carnet_id, sum(d) AS flips FROM (
                  SELECT carnet_id, 1 AS d FROM after_update
                  WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
                  UNION ALL
                  SELECT carnet_id, -1 FROM before_update
                  WHERE status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
                ) u GROUP BY carnet_id HAVING sum(d) <> 0
              ) c
              CROSS JOIN LATERAL (
                SELECT count(*) AS used_now FROM cheque q WHERE q.carnet_id = c.carnet_id
                  AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
              ) n
            ) f
          ) s
          JOIN carnet k ON k.id = s.carnet_id
          JOIN custody_holder b ON b.id = k.holder_id AND b.kind = 'BENEFICIARY'
          JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                               AND p.prescriber_id = b.prescriber_id
          WHERE s.delta <> 0
          GROUP BY p.id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER cheque_started AFTER UPDATE ON "cheque" REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION cheque_apply_started()`,
    );
    await queryRunner.query(`ALTER TABLE "programme" DROP CONSTRAINT "CHK_programme_expired"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "expired_cents"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "expired_cheques"`);
  }
}
