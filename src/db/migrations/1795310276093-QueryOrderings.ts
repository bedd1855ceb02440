import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expression indexes TypeORM cannot express (the entities mark them `synchronize: false`):
 * - orderBy PUBLISHED_AT / DATE put missing values last by comparing them as +infinity
 *   ascending and -infinity descending (sortExpression in src/common/sorted-pagination.ts);
 *   one index per direction serves the (value, id) keyset in both paging directions;
 * - filter.search on events, on the expression listEvents uses (event-criteria.ts).
 * Queries must use these exact expressions to be served by them.
 */
export class QueryOrderings1795310276093 implements MigrationInterface {
  name = 'QueryOrderings1795310276093';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_article_published_at_asc" ON "article" (COALESCE("published_at", CAST('infinity' AS timestamptz)), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_article_published_at_desc" ON "article" (COALESCE("published_at", CAST('-infinity' AS timestamptz)), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_event_date_asc" ON "event" (COALESCE("date", CAST('infinity' AS date)), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_event_date_desc" ON "event" (COALESCE("date", CAST('-infinity' AS date)), "id")`);
    await queryRunner.query(`CREATE INDEX "ix_event_text_search" ON "event" USING gin (to_tsvector('english', coalesce("description", '')))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_event_text_search"`);
    await queryRunner.query(`DROP INDEX "ix_event_date_desc"`);
    await queryRunner.query(`DROP INDEX "ix_event_date_asc"`);
    await queryRunner.query(`DROP INDEX "ix_article_published_at_desc"`);
    await queryRunner.query(`DROP INDEX "ix_article_published_at_asc"`);
  }
}
