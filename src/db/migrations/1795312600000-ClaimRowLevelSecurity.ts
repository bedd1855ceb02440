import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's own line of defence for private claims (docs/security.md). Requests run as
 * the role `verbatim_request` (src/db/request-scope.ts sets it, with the viewer's organisation in
 * `verbatim.organization_id`, on every connection a request checks out). That role is neither
 * owner nor superuser and has NOBYPASSRLS, so these policies hold for every statement a request
 * runs, even one that forgets the visibility condition: ORGANIZATION claims show only to their
 * organisation, and so do the rows that expose a claim (its evidence spans, old texts, subject
 * and event links, relation evidence, its entry in the deletions feed). A missing setting means
 * "anonymous": public rows only.
 *
 * Written by hand: TypeORM does not model roles, grants or policies. The role is cluster-wide,
 * so it is created only if missing (several databases, e.g. parallel test files, share it) and
 * never dropped by `down`.
 */
export class ClaimRowLevelSecurity1795312600000 implements MigrationInterface {
  name = 'ClaimRowLevelSecurity1795312600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE verbatim_request NOLOGIN NOSUPERUSER NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- made by another database's migration
      END $$`);
    // The login role must be able to SET ROLE to it; superusers always can.
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, 'verbatim_request', 'MEMBER') THEN
          EXECUTE format('GRANT verbatim_request TO %I', current_user);
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO verbatim_request`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO verbatim_request`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO verbatim_request`);
    // Tables that later migrations create (as this same login role) get the same grants.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO verbatim_request`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO verbatim_request`);
    // Its migration history is not the requests' business.
    await queryRunner.query(`REVOKE ALL ON TABLE "migration" FROM verbatim_request`);

    await queryRunner.query(`
      CREATE FUNCTION verbatim_viewer_organization_id() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT nullif(current_setting('verbatim.organization_id', true), '')::bigint $$`);
    await queryRunner.query(`ALTER TABLE "claim" ENABLE ROW LEVEL SECURITY`);
    // The same rule as src/claims/claim-access.ts.
    await queryRunner.query(`
      CREATE POLICY claim_visible ON "claim" FOR SELECT
      USING (visibility = 'PUBLIC' OR organization_id = verbatim_viewer_organization_id())`);
    await queryRunner.query(`
      CREATE POLICY claim_insert_own ON "claim" FOR INSERT
      WITH CHECK (organization_id = verbatim_viewer_organization_id())`);
    // Admins may review other organisations' public claims; nobody may touch what they cannot see.
    await queryRunner.query(`
      CREATE POLICY claim_update_visible ON "claim" FOR UPDATE
      USING (visibility = 'PUBLIC' OR organization_id = verbatim_viewer_organization_id())
      WITH CHECK (visibility = 'PUBLIC' OR organization_id = verbatim_viewer_organization_id())`);
    // No DELETE policy: requests never delete claims.
    // The deletions feed carries a claim's visibility and organisation on each entry (src/sync).
    await queryRunner.query(`ALTER TABLE "deletion" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY deletion_visible ON "deletion"
      USING (visibility = 'PUBLIC' OR organization_id = verbatim_viewer_organization_id())
      WITH CHECK (visibility = 'PUBLIC' OR organization_id = verbatim_viewer_organization_id())`);
    for (const table of CLAIM_CHILD_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      // The subquery on claim is itself filtered by claim's policy: a row shows with its claim.
      await queryRunner.query(`
        CREATE POLICY ${table}_with_claim ON "${table}"
        USING (EXISTS (SELECT 1 FROM claim WHERE claim.id = "${table}".claim_id))
        WITH CHECK (EXISTS (SELECT 1 FROM claim WHERE claim.id = "${table}".claim_id))`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CLAIM_CHILD_TABLES) {
      await queryRunner.query(`DROP POLICY ${table}_with_claim ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`DROP POLICY deletion_visible ON "deletion"`);
    await queryRunner.query(`ALTER TABLE "deletion" DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP POLICY claim_update_visible ON "claim"`);
    await queryRunner.query(`DROP POLICY claim_insert_own ON "claim"`);
    await queryRunner.query(`DROP POLICY claim_visible ON "claim"`);
    await queryRunner.query(`ALTER TABLE "claim" DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`DROP FUNCTION verbatim_viewer_organization_id()`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM verbatim_request`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM verbatim_request`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM verbatim_request`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM verbatim_request`);
    await queryRunner.query(`REVOKE ALL ON SCHEMA public FROM verbatim_request`);
  }
}

/** Tables whose rows expose a claim: its spans, its old texts, its subjects, events and relations. */
const CLAIM_CHILD_TABLES = ['evidence', 'claim_revision', 'claim_subject', 'claim_event', 'actor_relation_evidence'];
