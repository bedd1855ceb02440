import { MigrationInterface, QueryRunner } from "typeorm";

/** The deletions feed for mirrors (src/sync): retracted claims, merged actors, deleted ids. Generated. */
export class Deletions1795309787915 implements MigrationInterface {
    name = 'Deletions1795309787915'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."deletion_kind" AS ENUM('RETRACTED', 'MERGED', 'DELETED')`);
        await queryRunner.query(`CREATE TABLE "deletion" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "kind" "public"."deletion_kind" NOT NULL, "node_id" text NOT NULL, "replaced_by" text, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "visibility" "public"."visibility" NOT NULL DEFAULT 'PUBLIC', "organization_id" bigint, CONSTRAINT "ck_deletion_replaced_by" CHECK ((kind = 'MERGED') = (replaced_by IS NOT NULL)), CONSTRAINT "pk_deletion" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_deletion_at" ON "deletion"  ("at") `);
        await queryRunner.query(`CREATE INDEX "ix_deletion_organization_id" ON "deletion"  ("organization_id") `);
        await queryRunner.query(`ALTER TABLE "deletion" ADD CONSTRAINT "fk_deletion_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deletion" DROP CONSTRAINT "fk_deletion_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deletion_organization_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deletion_at"`);
        await queryRunner.query(`DROP TABLE "deletion"`);
        await queryRunner.query(`DROP TYPE "public"."deletion_kind"`);
    }

}
