import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GIN indexes for full-text search (English stemming, so "killing" finds "killed"). Written by
 * hand: TypeORM cannot express index expressions; the entities mark them `synchronize: false`.
 * Queries must use these exact expressions to be served by the indexes.
 */
export class FullTextSearch1795308666771 implements MigrationInterface {
  name = 'FullTextSearch1795308666771';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_sentence_text_search" ON "sentence" USING gin (to_tsvector('english', "text"))`);
    await queryRunner.query(`CREATE INDEX "ix_article_text_search" ON "article" USING gin (to_tsvector('english', "title" || ' ' || "body"))`);
    await queryRunner.query(`CREATE INDEX "ix_claim_text_search" ON "claim" USING gin (to_tsvector('english', "text"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_claim_text_search"`);
    await queryRunner.query(`DROP INDEX "ix_article_text_search"`);
    await queryRunner.query(`DROP INDEX "ix_sentence_text_search"`);
  }
}
