import { MigrationInterface, QueryRunner } from "typeorm";

/** Indexes for keyset orderings (orderBy) and updatedSince. Generated. */
export class QueryIndexes1795310276092 implements MigrationInterface {
    name = 'QueryIndexes1795310276092'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_claim_updated_at_id" ON "claim"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_claim_extraction_created_at_id" ON "claim"  ("extraction_created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_actor_updated_at_id" ON "actor"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_actor_created_at_id" ON "actor"  ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_actor_name_id" ON "actor"  ("name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_article_ingested_at" ON "article"  ("ingested_at") `);
        await queryRunner.query(`CREATE INDEX "ix_event_updated_at_id" ON "event"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_event_created_at_id" ON "event"  ("created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_event_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_event_updated_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_ingested_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_actor_name_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_actor_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_actor_updated_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_claim_extraction_created_at_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_claim_updated_at_id"`);
    }

}
