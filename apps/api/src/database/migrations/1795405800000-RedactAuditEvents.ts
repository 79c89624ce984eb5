import type { MigrationInterface, QueryRunner } from 'typeorm';
import { redactForAudit } from '../../audit/redaction.js';

const BATCH = 1000;

/**
 * The one sanctioned rewrite of the append-only audit log: entries written before redaction
 * existed may hold full IBANs (bank-account.entered) or secrets. They are rewritten through the
 * same redaction as new entries, with the append-only trigger lifted for this transaction only;
 * nothing else of an entry changes, and an entry that holds nothing to redact is not touched.
 * Irreversible by design: `down` does not bring the IBANs back.
 */
export class RedactAuditEvents1795405800000 implements MigrationInterface {
  name = 'RedactAuditEvents1795405800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "audit_event" DISABLE TRIGGER audit_event_no_update_delete`,
    );
    let after = '0';
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT "id", "before", "after" FROM "audit_event"
         WHERE "id" > $1 AND ("before" IS NOT NULL OR "after" IS NOT NULL)
         ORDER BY "id" LIMIT ${BATCH}`,
        [after],
      )) as { id: string; before: unknown; after: unknown }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const before = redactForAudit(row.before);
        const afterValue = redactForAudit(row.after);
        if (
          JSON.stringify(before) !== JSON.stringify(row.before) ||
          JSON.stringify(afterValue) !== JSON.stringify(row.after)
        ) {
          await queryRunner.query(
            `UPDATE "audit_event" SET "before" = $2, "after" = $3 WHERE "id" = $1`,
            [row.id, JSON.stringify(before), JSON.stringify(afterValue)],
          );
        }
      }
      after = rows[rows.length - 1].id;
    }
    await queryRunner.query(
      `ALTER TABLE "audit_event" ENABLE TRIGGER audit_event_no_update_delete`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: the redacted values are not kept anywhere.
  }
}
