import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The key of global ids and cursors (issue 9, finding 5; src/common/global-id.ts). Generated;
 * completed by hand: the one row is made here, its key by gen_random_uuid() (built into
 * PostgreSQL 13+), with the largest row id of each node type, up to which first-form ids
 * ("Type:rowId", what clients hold from before) keep resolving. The request role gets every new
 * table by default privileges (ClaimRowLevelSecurity); this one is revoked: a request, even one
 * running a forgotten or injected query, must never read the key.
 */
export class GlobalIdKey1796166920261 implements MigrationInterface {
    name = 'GlobalIdKey1796166920261'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "global_id_key" ("id" smallint NOT NULL DEFAULT '1', "key" text NOT NULL DEFAULT (gen_random_uuid())::text, "legacy_row_id_limits" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_global_id_key_single_row" CHECK (id = 1), CONSTRAINT "pk_global_id_key" PRIMARY KEY ("id"))`);
        await queryRunner.query(`REVOKE ALL ON TABLE "global_id_key" FROM verbatim_request`);
        await queryRunner.query(`
            INSERT INTO "global_id_key" (id, legacy_row_id_limits) SELECT 1, jsonb_build_object(
                'Source', (SELECT coalesce(max(id), 0)::text FROM source),
                'Article', (SELECT coalesce(max(id), 0)::text FROM article),
                'Sentence', (SELECT coalesce(max(id), 0)::text FROM sentence),
                'Actor', (SELECT coalesce(max(id), 0)::text FROM actor),
                'Claim', (SELECT coalesce(max(id), 0)::text FROM claim),
                'Event', (SELECT coalesce(max(id), 0)::text FROM event),
                'Mention', (SELECT coalesce(max(id), 0)::text FROM mention),
                'Organization', (SELECT coalesce(max(id), 0)::text FROM organization))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "global_id_key"`);
    }

}
