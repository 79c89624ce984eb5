import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795396869725 implements MigrationInterface {
  name = 'Foundation1795396869725';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_organisation_kind" CHECK (kind IN ('OWNER', 'FUNDER', 'COMMUNE', 'PRESCRIBER', 'VENUE')), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "client_id" text NOT NULL, "secret_hash" text NOT NULL, "organisation_id" uuid NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_client_client_id" ON "api_client"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_client_organisation" ON "api_client"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" character varying(32) NOT NULL, "organisation_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_user_account_email_lower" CHECK (email = lower(email)), CONSTRAINT "CHK_user_account_role" CHECK (role IN ('ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT', 'VENUE_STAFF')), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_user_account_email" ON "user_account"  ("email") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_user_account_organisation" ON "user_account"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL, "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "secret_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_token_family" ON "refresh_token"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_token_user" ON "refresh_token"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_label" text NOT NULL, "organisation_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_occurred_at" ON "audit_event"  ("occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_event_entity" ON "audit_event"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_client" ADD CONSTRAINT "FK_8184d7cb314d8da1c6c8da37f50" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ADD CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_update_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" DROP CONSTRAINT "FK_6b1d49dc4407c09cf2e6e99a646"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_client" DROP CONSTRAINT "FK_8184d7cb314d8da1c6c8da37f50"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_token_family"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_account_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_user_account_email"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_client_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_client_client_id"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
  }
}
