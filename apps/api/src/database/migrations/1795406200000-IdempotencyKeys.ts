import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys (common/idempotency): one row per (caller, key), written in the transaction of
 * the write it protects with that write's answer, replayed until expires_at, then purged by the
 * worker (hence the index on expires_at).
 */
export class IdempotencyKeys1795406200000 implements MigrationInterface {
  name = 'IdempotencyKeys1795406200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("caller" text NOT NULL, "key" character varying(255) NOT NULL, "operation" text NOT NULL, "fingerprint" character(64) NOT NULL, "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("caller", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_key_expires_at" ON "idempotency_key" ("expires_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_key_expires_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
