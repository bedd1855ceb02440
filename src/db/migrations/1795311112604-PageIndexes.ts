import { MigrationInterface, QueryRunner } from "typeorm";

/** Nested pages read per parent in key order (childPageLoader): (parent, id) indexes replace (parent) ones. Generated. */
export class PageIndexes1795311112604 implements MigrationInterface {
    name = 'PageIndexes1795311112604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_claim_claimant_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_source_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_claim_subject_actor_id"`);
        await queryRunner.query(`CREATE INDEX "ix_claim_claimant_id_id" ON "claim"  ("claimant_id", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_article_source_id_id" ON "article"  ("source_id", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_claim_subject_actor_id_claim_id" ON "claim_subject"  ("actor_id", "claim_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_claim_subject_actor_id_claim_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_article_source_id_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_claim_claimant_id_id"`);
        await queryRunner.query(`CREATE INDEX "ix_claim_subject_actor_id" ON "claim_subject" USING btree ("actor_id") `);
        await queryRunner.query(`CREATE INDEX "ix_article_source_id" ON "article" USING btree ("source_id") `);
        await queryRunner.query(`CREATE INDEX "ix_claim_claimant_id" ON "claim" USING btree ("claimant_id") `);
    }

}
