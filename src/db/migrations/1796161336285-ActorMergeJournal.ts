import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The merge journal (issue 9, finding 4): what each mergeActors changed, so unmergeActors can
 * restore it. Generated; the row-level security is added by hand: the journal holds every
 * organisation's rows (private claims' ids, private relation assertions with their dates), so
 * the request role may not read or write it at all (security on, no policy), whatever a query
 * forgets. Merge and unmerge reach it through the plain data source only.
 */

export class ActorMergeJournal1796161336285 implements MigrationInterface {
    name = 'ActorMergeJournal1796161336285'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "actor_merge" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "source_id" bigint NOT NULL, "target_id" bigint NOT NULL, "organization_id" bigint, "journal" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "undone_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_actor_merge" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_actor_merge_source_id" ON "actor_merge"  ("source_id") `);
        await queryRunner.query(`CREATE INDEX "ix_actor_merge_target_id" ON "actor_merge"  ("target_id") `);
        await queryRunner.query(`ALTER TABLE "actor_merge" ADD CONSTRAINT "fk_actor_merge_source_id" FOREIGN KEY ("source_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "actor_merge" ADD CONSTRAINT "fk_actor_merge_target_id" FOREIGN KEY ("target_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "actor_merge" ENABLE ROW LEVEL SECURITY`);
        await queryRunner.query(`REVOKE ALL ON TABLE "actor_merge" FROM verbatim_request`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "actor_merge" DISABLE ROW LEVEL SECURITY`);
        await queryRunner.query(`ALTER TABLE "actor_merge" DROP CONSTRAINT "fk_actor_merge_target_id"`);
        await queryRunner.query(`ALTER TABLE "actor_merge" DROP CONSTRAINT "fk_actor_merge_source_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_actor_merge_target_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_actor_merge_source_id"`);
        await queryRunner.query(`DROP TABLE "actor_merge"`);
    }

}
