import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Actor name search: a `search_name` column on actor and actor_alias (the key computed by
 * src/nlp/normalize-name.ts) with GIN trigram indexes. Edited by hand: the extension, the
 * backfill and the gin_trgm_ops indexes are beyond the generator (the entities mark the
 * indexes `synchronize: false`).
 */
export class ActorSearch1795307970467 implements MigrationInterface {
    name = 'ActorSearch1795307970467'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        // No API wrote actors before this migration; rows inserted by hand get an approximate key
        // (lowercase, punctuation as spaces) that the service replaces on their next update.
        await queryRunner.query(`ALTER TABLE "actor_alias" ADD "search_name" text NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "actor" ADD "search_name" text NOT NULL DEFAULT ''`);
        await queryRunner.query(`UPDATE "actor_alias" SET "search_name" = btrim(lower(regexp_replace(name, '[^[:alnum:]]+', ' ', 'g')))`);
        await queryRunner.query(`UPDATE "actor" SET "search_name" = btrim(lower(regexp_replace(name, '[^[:alnum:]]+', ' ', 'g')))`);
        await queryRunner.query(`ALTER TABLE "actor_alias" ALTER COLUMN "search_name" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "actor" ALTER COLUMN "search_name" DROP DEFAULT`);
        await queryRunner.query(`CREATE INDEX "ix_actor_search_name_trgm" ON "actor" USING gin ("search_name" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_actor_alias_search_name_trgm" ON "actor_alias" USING gin ("search_name" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_actor_alias_search_name_trgm"`);
        await queryRunner.query(`DROP INDEX "ix_actor_search_name_trgm"`);
        await queryRunner.query(`ALTER TABLE "actor" DROP COLUMN "search_name"`);
        await queryRunner.query(`ALTER TABLE "actor_alias" DROP COLUMN "search_name"`);
        // pg_trgm stays: other objects may use it, and it is harmless.
    }

}
