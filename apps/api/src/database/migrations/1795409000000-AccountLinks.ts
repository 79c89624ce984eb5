import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts by e-mail: single-use links (invitation, password reset) stored as hashes, and users
 * without a password yet (invited, not signed in): password_hash becomes nullable.
 */
export class AccountLinks1795409000000 implements MigrationInterface {
  name = 'AccountLinks1795409000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_account" ALTER COLUMN "password_hash" DROP NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "account_link" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_account_link_kind" CHECK (kind IN ('INVITATION', 'PASSWORD_RESET')), CONSTRAINT "PK_account_link" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_account_link_token_hash" ON "account_link" ("token_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_account_link_user" ON "account_link" ("user_id", "kind")`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_link" ADD CONSTRAINT "FK_account_link_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_link"`);
    await queryRunner.query(`ALTER TABLE "user_account" ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
