import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CarnetsAndCheques1795405000054 implements MigrationInterface {
  name = 'CarnetsAndCheques1795405000054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "prescriber" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text COLLATE "fr-FR-x-icu" NOT NULL, "type" character varying(20) NOT NULL, "insee_code" character varying(5) NOT NULL, "siret" character(14), "address" text, "email" text, "phone" text, "organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_f7335363e920c8d56fead202bb" UNIQUE ("organisation_id"), CONSTRAINT "CHK_prescriber_type" CHECK (type IN ('CCAS', 'CENTRE_SOCIAL', 'BIBLIOTHEQUE', 'MAIRIE', 'MAISON_DE_QUARTIER', 'ASSOCIATION', 'MISSION_LOCALE', 'FRANCE_SERVICES', 'TRAVAILLEUR_SOCIAL')), CONSTRAINT "PK_3f86627ad7b96ddc7a29610ccb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_prescriber_commune" ON "prescriber"  ("insee_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_prescriber_organisation" ON "prescriber"  ("organisation_id") `,
    );
    await queryRunner.query(`CREATE TABLE "custody_holder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "insee_code" character varying(5), "prescriber_id" uuid, "beneficiary_id" uuid, "carnets" integer NOT NULL DEFAULT '0', "received" integer NOT NULL DEFAULT '0', "allocation_limit" integer, CONSTRAINT "CHK_custody_holder_allocation" CHECK (allocation_limit IS NULL OR received <= allocation_limit), CONSTRAINT "CHK_custody_holder_received" CHECK (received >= 0), CONSTRAINT "CHK_custody_holder_stock" CHECK (carnets >= 0), CONSTRAINT "CHK_custody_holder_reference" CHECK ((kind = 'PROGRAMME' AND insee_code IS NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'COMMUNE' AND insee_code IS NOT NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'PRESCRIBER' AND prescriber_id IS NOT NULL AND insee_code IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'BENEFICIARY' AND beneficiary_id IS NOT NULL AND insee_code IS NULL AND prescriber_id IS NULL)), CONSTRAINT "CHK_custody_holder_kind" CHECK (kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER', 'BENEFICIARY')), CONSTRAINT "PK_af288490e9b032eb2a7cd448119" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_custody_holder_beneficiary" ON "custody_holder"  ("programme_id", "beneficiary_id") WHERE kind = 'BENEFICIARY'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_custody_holder_prescriber" ON "custody_holder"  ("programme_id", "prescriber_id") WHERE kind = 'PRESCRIBER'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_custody_holder_commune" ON "custody_holder"  ("programme_id", "insee_code") WHERE kind = 'COMMUNE'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_custody_holder_programme" ON "custody_holder"  ("programme_id") WHERE kind = 'PROGRAMME'`,
    );
    await queryRunner.query(
      `CREATE TABLE "issuance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "carnet_count" integer NOT NULL, "cheques_per_carnet" integer NOT NULL, "face_value_cents" integer NOT NULL, "valid_until" date NOT NULL, "first_serial" bigint NOT NULL, "first_sequence" bigint NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'QUEUED', "carnets_done" integer NOT NULL DEFAULT '0', "print_generation" integer NOT NULL DEFAULT '1', "error" text, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_issuance_progress" CHECK (carnets_done BETWEEN 0 AND carnet_count), CONSTRAINT "CHK_issuance_status" CHECK (status IN ('QUEUED', 'RUNNING', 'PRINTING', 'DONE', 'FAILED')), CONSTRAINT "PK_bb07b4f10059d7d7890e247f1af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_issuance_programme" ON "issuance"  ("programme_id") `,
    );
    await queryRunner.query(`CREATE TABLE "carnet" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "serial" bigint NOT NULL, "programme_id" uuid NOT NULL, "issuance_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'ACTIVE', "holder_id" uuid, "last_holder_id" uuid, "cancellation_reason" character varying(10), "cancellation_comment" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "replaces_carnet_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_carnet_cancellation_reason" CHECK (cancellation_reason IS NULL OR cancellation_reason IN ('LOST', 'STOLEN', 'DAMAGED', 'WITHDRAWN')), CONSTRAINT "CHK_carnet_cancellation" CHECK ((status = 'ACTIVE' AND cancellation_reason IS NULL AND holder_id IS NOT NULL)
   OR (status = 'CANCELLED' AND cancellation_reason IS NOT NULL AND holder_id IS NULL)), CONSTRAINT "CHK_carnet_status" CHECK (status IN ('ACTIVE', 'CANCELLED')), CONSTRAINT "PK_1af9f91b46c00d0b1d2e6d510fa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_carnet_serial" ON "carnet"  ("serial") `);
    await queryRunner.query(`CREATE INDEX "IDX_carnet_issuance" ON "carnet"  ("issuance_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_carnet_holder" ON "carnet"  ("holder_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_carnet_replaces" ON "carnet"  ("replaces_carnet_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_carnet_programme_serial" ON "carnet"  ("programme_id", "serial") `,
    );
    await queryRunner.query(
      `CREATE TABLE "cheque" ("number" character(12) NOT NULL, "carnet_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "position" smallint NOT NULL, "face_value_cents" integer NOT NULL, "valid_until" date NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'ISSUED', "security_hash" bytea NOT NULL, "cancellation_reason" character varying(20), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_cheque_cancellation" CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL)), CONSTRAINT "CHK_cheque_face_value" CHECK (face_value_cents > 0), CONSTRAINT "CHK_cheque_number" CHECK (number ~ '^[0-9]{12}$'), CONSTRAINT "CHK_cheque_status" CHECK (status IN ('ISSUED', 'DISTRIBUTED', 'REDEEMED', 'IN_BATCH', 'REIMBURSED', 'CANCELLED', 'EXPIRED')), CONSTRAINT "PK_ced70f1815ba8dfdb551ec2907c" PRIMARY KEY ("number"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cheque_programme_status" ON "cheque"  ("programme_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_cheque_carnet" ON "cheque"  ("carnet_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "custody_movement" ("id" BIGSERIAL NOT NULL, "transfer_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "carnet_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "from_holder_id" uuid, "to_holder_id" uuid, "actor_id" uuid, "actor_label" text NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_custody_movement_ends" CHECK (from_holder_id IS NOT NULL OR to_holder_id IS NOT NULL), CONSTRAINT "CHK_custody_movement_kind" CHECK (kind IN ('ISSUE', 'TRANSFER', 'RETURN', 'HAND_OUT', 'WRITE_OFF', 'REPLACEMENT')), CONSTRAINT "PK_005983b83eab32c06954aeed54a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_transfer" ON "custody_movement"  ("transfer_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_from" ON "custody_movement"  ("from_holder_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_to" ON "custody_movement"  ("to_holder_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_custody_movement_carnet" ON "custody_movement"  ("carnet_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "numbering" ("name" character varying(30) NOT NULL, "next" bigint NOT NULL, CONSTRAINT "PK_57ab6ff250b2a74171944969ae9" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "print_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuance_id" uuid NOT NULL, "generation" integer NOT NULL, "kind" character varying(3) NOT NULL, "complete" boolean NOT NULL DEFAULT false, "last_serial" bigint NOT NULL DEFAULT '0', "size_bytes" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_print_file_kind" CHECK (kind IN ('CSV', 'PDF')), CONSTRAINT "PK_9e299beaef016ae0e982b303b2c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_print_file_generation" ON "print_file"  ("issuance_id", "generation", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "print_file_chunk" ("file_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_114a448d1d3e2a3290ce6bbb0bb" PRIMARY KEY ("file_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber" ADD CONSTRAINT "FK_938edbf07dad72dab921ec90d05" FOREIGN KEY ("insee_code") REFERENCES "commune"("insee_code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber" ADD CONSTRAINT "FK_f7335363e920c8d56fead202bbe" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD CONSTRAINT "FK_4d93ddea5b29084a054d29e478e" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD CONSTRAINT "FK_bb672f4a1f5b5b925e9c4eff213" FOREIGN KEY ("insee_code") REFERENCES "commune"("insee_code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" ADD CONSTRAINT "FK_1168536afdabf0382650cc1e183" FOREIGN KEY ("prescriber_id") REFERENCES "prescriber"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "issuance" ADD CONSTRAINT "FK_04639c214cead8f4319ae216280" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" ADD CONSTRAINT "FK_0581eb011dc7cbd270ba7d304dd" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" ADD CONSTRAINT "FK_c8720f1c2d8912ab35c80c0c054" FOREIGN KEY ("issuance_id") REFERENCES "issuance"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" ADD CONSTRAINT "FK_3e3839b3251d2ef35cc3e7dbdd3" FOREIGN KEY ("holder_id") REFERENCES "custody_holder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" ADD CONSTRAINT "FK_20da658ede20b91571cc90e3168" FOREIGN KEY ("last_holder_id") REFERENCES "custody_holder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" ADD CONSTRAINT "FK_f9d7c14c518dee03c5cf09e8039" FOREIGN KEY ("replaces_carnet_id") REFERENCES "carnet"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cheque" ADD CONSTRAINT "FK_39e542ac2c76990f72cb3a9bf1f" FOREIGN KEY ("carnet_id") REFERENCES "carnet"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cheque" ADD CONSTRAINT "FK_5610d13d24bc1c8a8b132606e66" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "FK_3c291d31a64ba0cfd07eecd247c" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "FK_6cc540296fbddc0397b08682430" FOREIGN KEY ("carnet_id") REFERENCES "carnet"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "FK_54fe290f67eabe38963c2d40f4d" FOREIGN KEY ("from_holder_id") REFERENCES "custody_holder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" ADD CONSTRAINT "FK_aeec410d4e78a9fce4efbb7134b" FOREIGN KEY ("to_holder_id") REFERENCES "custody_holder"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_file" ADD CONSTRAINT "FK_0a56949d78ca4889ea107b7c233" FOREIGN KEY ("issuance_id") REFERENCES "issuance"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_file_chunk" ADD CONSTRAINT "FK_1f0a1d2dedc53665e53afbe6242" FOREIGN KEY ("file_id") REFERENCES "print_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "numbering" ("name", "next") VALUES ('carnet_serial', 1), ('cheque_sequence', 1)`,
    );
    // The custody ledger is append-only, like the audit log.
    await queryRunner.query(`CREATE FUNCTION custody_movement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'custody_movement is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER custody_movement_no_update_delete BEFORE UPDATE OR DELETE ON "custody_movement" FOR EACH ROW EXECUTE FUNCTION custody_movement_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER custody_movement_no_truncate BEFORE TRUNCATE ON "custody_movement" FOR EACH STATEMENT EXECUTE FUNCTION custody_movement_append_only()`,
    );
    // Stocks are the sum of the ledger: every INSERT statement applies its rows to the holders at
    // once, and the CHECK constraints of custody_holder refuse a stock below zero or a commune
    // receiving more than its allocation, under any concurrency.
    await queryRunner.query(`CREATE FUNCTION custody_apply_movements() RETURNS trigger LANGUAGE plpgsql AS $$
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
      `CREATE TRIGGER custody_movement_apply AFTER INSERT ON "custody_movement" REFERENCING NEW TABLE AS moved FOR EACH STATEMENT EXECUTE FUNCTION custody_apply_movements()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER custody_movement_apply ON "custody_movement"`);
    await queryRunner.query(`DROP FUNCTION custody_apply_movements()`);
    await queryRunner.query(`DROP TRIGGER custody_movement_no_truncate ON "custody_movement"`);
    await queryRunner.query(`DROP TRIGGER custody_movement_no_update_delete ON "custody_movement"`);
    await queryRunner.query(`DROP FUNCTION custody_movement_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "print_file_chunk" DROP CONSTRAINT "FK_1f0a1d2dedc53665e53afbe6242"`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_file" DROP CONSTRAINT "FK_0a56949d78ca4889ea107b7c233"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "FK_aeec410d4e78a9fce4efbb7134b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "FK_54fe290f67eabe38963c2d40f4d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "FK_6cc540296fbddc0397b08682430"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_movement" DROP CONSTRAINT "FK_3c291d31a64ba0cfd07eecd247c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "cheque" DROP CONSTRAINT "FK_5610d13d24bc1c8a8b132606e66"`,
    );
    await queryRunner.query(
      `ALTER TABLE "cheque" DROP CONSTRAINT "FK_39e542ac2c76990f72cb3a9bf1f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" DROP CONSTRAINT "FK_f9d7c14c518dee03c5cf09e8039"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" DROP CONSTRAINT "FK_20da658ede20b91571cc90e3168"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" DROP CONSTRAINT "FK_3e3839b3251d2ef35cc3e7dbdd3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" DROP CONSTRAINT "FK_c8720f1c2d8912ab35c80c0c054"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carnet" DROP CONSTRAINT "FK_0581eb011dc7cbd270ba7d304dd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "issuance" DROP CONSTRAINT "FK_04639c214cead8f4319ae216280"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "FK_1168536afdabf0382650cc1e183"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "FK_bb672f4a1f5b5b925e9c4eff213"`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_holder" DROP CONSTRAINT "FK_4d93ddea5b29084a054d29e478e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber" DROP CONSTRAINT "FK_f7335363e920c8d56fead202bbe"`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriber" DROP CONSTRAINT "FK_938edbf07dad72dab921ec90d05"`,
    );
    await queryRunner.query(`DROP TABLE "print_file_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_print_file_generation"`);
    await queryRunner.query(`DROP TABLE "print_file"`);
    await queryRunner.query(`DROP TABLE "numbering"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_carnet"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_to"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_from"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_custody_movement_transfer"`);
    await queryRunner.query(`DROP TABLE "custody_movement"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cheque_carnet"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cheque_programme_status"`);
    await queryRunner.query(`DROP TABLE "cheque"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_programme_serial"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_carnet_replaces"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_holder"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_carnet_issuance"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_carnet_serial"`);
    await queryRunner.query(`DROP TABLE "carnet"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_issuance_programme"`);
    await queryRunner.query(`DROP TABLE "issuance"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_custody_holder_programme"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_custody_holder_commune"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_custody_holder_prescriber"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_custody_holder_beneficiary"`);
    await queryRunner.query(`DROP TABLE "custody_holder"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_prescriber_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_prescriber_commune"`);
    await queryRunner.query(`DROP TABLE "prescriber"`);
  }
}
