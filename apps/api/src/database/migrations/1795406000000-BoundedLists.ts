import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists and views that hold at 10 million cheques:
 * - indexes ending in `id` for the keyset pages of the audit log (by entity, actor, action) and of
 *   carnets sorted by creation (common/keyset.ts);
 * - placement counters on the prescribers' custody rows, so the expiry view reads one row per
 *   commune and prescriber instead of walking every carnet: `handed_out` (carnets this prescriber
 *   handed out that their beneficiary still holds) and `started` (of those, carnets with a used
 *   cheque). A beneficiary's custody row names the prescriber who handed the carnet out. The
 *   ledger's statement trigger keeps `handed_out` (and `started` when a carnet that has a used
 *   cheque moves); a statement trigger on cheque keeps `started` when cheques become used or
 *   unused. CHECKs refuse a counter below zero or more started than handed out.
 */
export class BoundedLists1795406000000 implements MigrationInterface {
  name = 'BoundedLists1795406000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_entity"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_entity" ON "audit_event" ("entity_type", "entity_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_actor" ON "audit_event" ("actor_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_action" ON "audit_event" ("action", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_carnet_created" ON "carnet" ("created_at", "id") `);

    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD "handed_out" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD "started" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD CONSTRAINT "CHK_custody_holder_placement" CHECK (handed_out >= 0 AND started >= 0 AND started <= handed_out)`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "CHK_custody_holder_reference"`,
    );
    await queryRunner.query(`ALTER TABLE "custody_holder" ADD CONSTRAINT "CHK_custody_holder_reference" CHECK ((kind = 'PROGRAMME' AND insee_code IS NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'COMMUNE' AND insee_code IS NOT NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'PRESCRIBER' AND prescriber_id IS NOT NULL AND insee_code IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'BENEFICIARY' AND beneficiary_id IS NOT NULL AND insee_code IS NULL AND prescriber_id IS NOT NULL))`);

    await queryRunner.query(`CREATE OR REPLACE FUNCTION custody_apply_movements() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE custody_holder h SET carnets = h.carnets + d.delta
        FROM (
          SELECT holder_id, sum(delta)::int AS delta FROM (
            SELECT to_holder_id AS holder_id, 1 AS delta FROM moved WHERE to_holder_id IS NOT NULL
            UNION ALL
            SELECT from_holder_id, -1 FROM moved WHERE from_holder_id IS NOT NULL
          ) m GROUP BY holder_id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        UPDATE custody_holder h SET received = h.received + d.delta
        FROM (
          SELECT c.id AS holder_id, sum(CASE WHEN m.to_holder_id = c.id THEN 1 ELSE -1 END)::int AS delta
          FROM moved m
          JOIN custody_holder c ON c.id IN (m.from_holder_id, m.to_holder_id) AND c.kind = 'COMMUNE'
          JOIN custody_holder p ON p.id IN (m.from_holder_id, m.to_holder_id) AND p.kind = 'PROGRAMME'
          WHERE m.kind IN ('TRANSFER', 'RETURN')
          GROUP BY c.id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        -- A carnet reaching or leaving a beneficiary counts for the prescriber named on the
        -- beneficiary's row: handed out, and started when one of its cheques is used.
        UPDATE custody_holder h SET handed_out = h.handed_out + d.handed_out,
                                    started = h.started + d.started
        FROM (
          SELECT p.id AS holder_id,
                 sum(CASE WHEN b.id = m.to_holder_id THEN 1 ELSE -1 END)::int AS handed_out,
                 sum(CASE WHEN EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = m.carnet_id
                                         AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))
                          THEN CASE WHEN b.id = m.to_holder_id THEN 1 ELSE -1 END ELSE 0 END)::int AS started
          FROM moved m
          JOIN custody_holder b ON b.id IN (m.from_holder_id, m.to_holder_id) AND b.kind = 'BENEFICIARY'
          JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                               AND p.prescriber_id = b.prescriber_id
          GROUP BY p.id
        ) d
        WHERE h.id = d.holder_id AND (d.handed_out <> 0 OR d.started <> 0);
        RETURN NULL;
      END $$`);

    // A carnet starts when its first cheque is used and stops being started if a cancelled
    // redemption leaves it none: counted on the prescriber who handed it out.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER cheque_started ON "cheque"`);
    await queryRunner.query(`DROP FUNCTION cheque_apply_started()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION custody_apply_movements() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE custody_holder h SET carnets = h.carnets + d.delta
        FROM (
          SELECT holder_id, sum(delta)::int AS delta FROM (
            SELECT to_holder_id AS holder_id, 1 AS delta FROM moved WHERE to_holder_id IS NOT NULL
            UNION ALL
            SELECT from_holder_id, -1 FROM moved WHERE from_holder_id IS NOT NULL
          ) m GROUP BY holder_id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        UPDATE custody_holder h SET received = h.received + d.delta
        FROM (
          SELECT c.id AS holder_id, sum(CASE WHEN m.to_holder_id = c.id THEN 1 ELSE -1 END)::int AS delta
          FROM moved m
          JOIN custody_holder c ON c.id IN (m.from_holder_id, m.to_holder_id) AND c.kind = 'COMMUNE'
          JOIN custody_holder p ON p.id IN (m.from_holder_id, m.to_holder_id) AND p.kind = 'PROGRAMME'
          WHERE m.kind IN ('TRANSFER', 'RETURN')
          GROUP BY c.id
        ) d
        WHERE h.id = d.holder_id AND d.delta <> 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "CHK_custody_holder_reference"`,
    );
    await queryRunner.query(`ALTER TABLE "custody_holder" ADD CONSTRAINT "CHK_custody_holder_reference" CHECK ((kind = 'PROGRAMME' AND insee_code IS NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'COMMUNE' AND insee_code IS NOT NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'PRESCRIBER' AND prescriber_id IS NOT NULL AND insee_code IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'BENEFICIARY' AND beneficiary_id IS NOT NULL AND insee_code IS NULL AND prescriber_id IS NULL))`);
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "CHK_custody_holder_placement"`,
    );
    await queryRunner.query(`ALTER TABLE "custody_holder" DROP COLUMN "started"`);
    await queryRunner.query(`ALTER TABLE "custody_holder" DROP COLUMN "handed_out"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_action"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_entity"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_entity" ON "audit_event" ("entity_type", "entity_id") `,
    );
  }
}
