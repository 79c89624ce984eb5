import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-outs of carnets to beneficiaries (beneficiaries module):
 * - `hand_out`: the prescription (agent, structure, diagnostic, carnet, the ledger's transfer),
 *   with the household's key copied so that UQ_hand_out_household makes the programme's carnets per
 *   household (`max_carnets_per_household` slots) the database's rule (two structures at once: one
 *   waits, then takes the next slot or nothing); each manager's permission (`household_exception`)
 *   allows one more (UQ_hand_out_exception);
 * - the custody ledger's HAND_BACK kind: a hand-out undone is a compensating row, never an edit;
 * - custody_holder.beneficiary_id now references the beneficiary.
 */
export class HandOuts1795406500000 implements MigrationInterface {
  name = 'HandOuts1795406500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household_exception" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "household_key" bytea, "justification" character varying(500) NOT NULL, "granted_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_household_exception_justification" CHECK (char_length(justification) >= 10), CONSTRAINT "CHK_household_exception_key" CHECK (octet_length(household_key) = 32), CONSTRAINT "PK_066ff7426e5bc0be558889be3de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_household_exception_beneficiary" ON "household_exception"  ("beneficiary_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_household_exception_household" ON "household_exception"  ("programme_id", "household_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "hand_out" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "household_key" bytea, "carnet_id" uuid NOT NULL, "prescriber_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "diagnostic_id" uuid NOT NULL, "exception_id" uuid, "status" character varying(10) NOT NULL DEFAULT 'ACTIVE', "transfer_id" uuid NOT NULL, "slot" smallint NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "undone_at" TIMESTAMP WITH TIME ZONE, "undone_by" uuid, "undo_transfer_id" uuid, CONSTRAINT "CHK_hand_out_household_key" CHECK (octet_length(household_key) = 32), CONSTRAINT "CHK_hand_out_undone" CHECK ((status = 'UNDONE') = (undone_at IS NOT NULL) AND (undone_at IS NULL) = (undone_by IS NULL) AND (undone_at IS NULL) = (undo_transfer_id IS NULL)), CONSTRAINT "CHK_hand_out_slot" CHECK (slot >= 1), CONSTRAINT "CHK_hand_out_status" CHECK (status IN ('ACTIVE', 'UNDONE')), CONSTRAINT "PK_944d4d7350f1e5d94c14830034c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_hand_out_prescriber_created" ON "hand_out"  ("prescriber_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_hand_out_beneficiary" ON "hand_out"  ("beneficiary_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_hand_out_carnet" ON "hand_out"  ("carnet_id") WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_hand_out_exception" ON "hand_out"  ("exception_id") WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_hand_out_household" ON "hand_out"  ("programme_id", "household_key", "slot") WHERE status = 'ACTIVE' AND exception_id IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD CONSTRAINT "FK_449af951d20b154a9551efc17f8" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" ADD CONSTRAINT "FK_38c2df83a4801f2ca9bd06007a8" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" ADD CONSTRAINT "FK_47f561b364d6cb1297151415ecd" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" ADD CONSTRAINT "FK_f4e5680cd7c904ec9c0018512e7" FOREIGN KEY ("granted_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_587f6d5ec5d4c4abe591cbd0793" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_b15f8f5b2491f6fb47ee5c231d4" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_1af64e5d48d18efb468c70b8108" FOREIGN KEY ("carnet_id") REFERENCES "carnet"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_aa4730ebec3659430064853f83e" FOREIGN KEY ("prescriber_id") REFERENCES "prescriber"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_874a3c36cf6d56ebdee29f2cd0d" FOREIGN KEY ("agent_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_195f2d156c116a3218d8d3ad13a" FOREIGN KEY ("diagnostic_id") REFERENCES "diagnostic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_274eb81422a54b4e2f7d557a41b" FOREIGN KEY ("exception_id") REFERENCES "household_exception"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" ADD CONSTRAINT "FK_9b5f169c8613614658dd4d7b0fd" FOREIGN KEY ("undone_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "CHK_custody_movement_kind"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "CHK_custody_movement_kind" CHECK (kind IN ('ISSUE', 'TRANSFER', 'RETURN', 'HAND_OUT', 'HAND_BACK', 'WRITE_OFF', 'REPLACEMENT'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "CHK_custody_movement_kind"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "CHK_custody_movement_kind" CHECK (kind IN ('ISSUE', 'TRANSFER', 'RETURN', 'HAND_OUT', 'WRITE_OFF', 'REPLACEMENT'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_9b5f169c8613614658dd4d7b0fd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_274eb81422a54b4e2f7d557a41b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_195f2d156c116a3218d8d3ad13a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_874a3c36cf6d56ebdee29f2cd0d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_aa4730ebec3659430064853f83e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_1af64e5d48d18efb468c70b8108"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_b15f8f5b2491f6fb47ee5c231d4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "hand_out" DROP CONSTRAINT "FK_587f6d5ec5d4c4abe591cbd0793"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" DROP CONSTRAINT "FK_f4e5680cd7c904ec9c0018512e7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" DROP CONSTRAINT "FK_47f561b364d6cb1297151415ecd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_exception" DROP CONSTRAINT "FK_38c2df83a4801f2ca9bd06007a8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "FK_449af951d20b154a9551efc17f8"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_hand_out_household"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hand_out_exception"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hand_out_carnet"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hand_out_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hand_out_prescriber_created"`);
    await queryRunner.query(`DROP TABLE "hand_out"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_exception_household"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_exception_beneficiary"`);
    await queryRunner.query(`DROP TABLE "household_exception"`);
  }
}
