import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions get their own row (auth_session), checked on every request through the `sid`
 * claim of access tokens, so that logout and the reuse of a refresh token stop them at once.
 * Refresh tokens remember their successor and who used them (the reuse grace window).
 */
export class AuthSessions1795405600000 implements MigrationInterface {
  name = 'AuthSessions1795405600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_auth_session_user" ON "auth_session"  ("user_id") `);
    // Every existing family of refresh tokens becomes a session, closed if all its tokens are.
    await queryRunner.query(
      `INSERT INTO "auth_session" ("id", "user_id", "created_at", "revoked_at")
       SELECT "family_id", (array_agg("user_id"))[1], min("created_at"),
              CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN max("revoked_at") END
       FROM "refresh_token" GROUP BY "family_id"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD "successor_id" uuid`);
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD "used_by" text`);
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "FK_b8783d517fab10672700a39cb49" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_eb31f2a7917404a46e17f539f19" FOREIGN KEY ("family_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_eb31f2a7917404a46e17f539f19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" DROP CONSTRAINT "FK_b8783d517fab10672700a39cb49"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP COLUMN "used_by"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP COLUMN "successor_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_session_user"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
  }
}
