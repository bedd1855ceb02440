import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for actor_relation (issue 9): a relation exists for a viewer only through
 * the assertions it may see (rule relation.see, src/actors/actor-relation.query.ts), so the bare
 * row "A MEMBER_OF B", resting only on another organisation's private claims, is itself private.
 * Its assertions (actor_relation_evidence) are already read with their claim; this policy reads
 * a relation with its visible assertions, so even a query that forgets the join sees none other.
 *
 * Requests never write the table directly (no INSERT, UPDATE or DELETE policy: refused). Stating
 * a relation needs its id whether or not the caller can see it yet (it may rest only on another
 * organisation's private claims, or be new): verbatim_relation_to_assert finds or creates the
 * row and locks it, as the table's owner, and answers only its id, which a request cannot use
 * to read anything the policy hides. Merges move relations through the plain data source.
 *
 * Written by hand: TypeORM does not model policies or functions.
 */
export class ActorRelationRowLevelSecurity1796167500000 implements MigrationInterface {
  name = 'ActorRelationRowLevelSecurity1796167500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "actor_relation" ENABLE ROW LEVEL SECURITY`);
    // The subquery is itself filtered by actor_relation_evidence's policy (with a visible claim).
    await queryRunner.query(`
      CREATE POLICY actor_relation_visible ON "actor_relation" FOR SELECT
      USING (EXISTS (SELECT 1 FROM actor_relation_evidence WHERE actor_relation_evidence.relation_id = actor_relation.id))`);
    await queryRunner.query(`
      CREATE FUNCTION verbatim_relation_to_assert(p_actor_id bigint, p_type relation_type, p_target_id bigint, OUT relation_id bigint, OUT created boolean)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      BEGIN
        INSERT INTO actor_relation (actor_id, type, target_id) VALUES (p_actor_id, p_type, p_target_id)
        ON CONFLICT ON CONSTRAINT uq_actor_relation_actor_id_type_target_id DO NOTHING
        RETURNING id INTO relation_id;
        created := relation_id IS NOT NULL;
        IF NOT created THEN
          SELECT r.id INTO relation_id FROM actor_relation r
          WHERE r.actor_id = p_actor_id AND r.type = p_type AND r.target_id = p_target_id FOR UPDATE;
        END IF;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION verbatim_relation_to_assert(bigint, relation_type, bigint) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION verbatim_relation_to_assert(bigint, relation_type, bigint) TO verbatim_request`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION verbatim_relation_to_assert(bigint, relation_type, bigint)`);
    await queryRunner.query(`DROP POLICY actor_relation_visible ON "actor_relation"`);
    await queryRunner.query(`ALTER TABLE "actor_relation" DISABLE ROW LEVEL SECURITY`);
  }
}
