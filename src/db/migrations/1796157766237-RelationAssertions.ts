import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A relation's dates belong to each organisation's assertion of it (issue 9, finding 3): the
 * shared actor_relation row kept whichever dates were given last, so B's answer (and the
 * public's) showed A's private dates, and B's dates overwrote A's. Each actor_relation_evidence
 * row becomes one organisation's assertion on one claim, with its own dates; the relation shows
 * the span of the assertions a viewer may see. Existing rows become the assertion of the
 * organisation that wrote the claim, with the relation's dates.
 *
 * Generated, then completed by hand: the data moves before the old columns go, and the
 * row-level security of the assertions (read with the claim, written by their organisation
 * only) replaces the claim-only policy of ClaimRowLevelSecurity.
 */
export class RelationAssertions1796157766237 implements MigrationInterface {
  name = 'RelationAssertions1796157766237';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ADD "organization_id" bigint`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ADD "start_date" date`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ADD "end_date" date`);
    await queryRunner.query(`
      UPDATE actor_relation_evidence e SET organization_id = claim.organization_id, start_date = r.start_date, end_date = r.end_date
      FROM claim, actor_relation r WHERE claim.id = e.claim_id AND r.id = e.relation_id`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ALTER COLUMN "organization_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "actor_relation" DROP CONSTRAINT "ck_actor_relation_dates"`);
    await queryRunner.query(`ALTER TABLE "actor_relation" DROP COLUMN "start_date"`);
    await queryRunner.query(`ALTER TABLE "actor_relation" DROP COLUMN "end_date"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP CONSTRAINT "pk_actor_relation_evidence"`);
    await queryRunner.query(
      `ALTER TABLE "actor_relation_evidence" ADD CONSTRAINT "pk_actor_relation_evidence" PRIMARY KEY ("relation_id", "claim_id", "organization_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_actor_relation_evidence_organization_id" ON "actor_relation_evidence" ("organization_id") `,
    );
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ADD "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(
      `ALTER TABLE "actor_relation_evidence" ADD CONSTRAINT "ck_actor_relation_evidence_dates" CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)`,
    );
    await queryRunner.query(
      `ALTER TABLE "actor_relation_evidence" ADD CONSTRAINT "fk_actor_relation_evidence_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Read with a claim the viewer can see; written (inserted, changed, removed) only by the
    // assertion's own organisation, and only on a claim it can see.
    await queryRunner.query(`DROP POLICY actor_relation_evidence_with_claim ON "actor_relation_evidence"`);
    await queryRunner.query(`
      CREATE POLICY actor_relation_evidence_visible ON "actor_relation_evidence" FOR SELECT
      USING (EXISTS (SELECT 1 FROM claim WHERE claim.id = actor_relation_evidence.claim_id))`);
    for (const [command, clause] of [
      ['INSERT', 'WITH CHECK'],
      ['UPDATE', 'USING'],
      ['DELETE', 'USING'],
    ]) {
      const check = command === 'UPDATE' ? ` WITH CHECK (${OWN_VISIBLE_ASSERTION})` : '';
      await queryRunner.query(`
        CREATE POLICY actor_relation_evidence_${command.toLowerCase()}_own ON "actor_relation_evidence" FOR ${command}
        ${clause} (${OWN_VISIBLE_ASSERTION})${check}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const command of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP POLICY actor_relation_evidence_${command}_own ON "actor_relation_evidence"`);
    }
    await queryRunner.query(`DROP POLICY actor_relation_evidence_visible ON "actor_relation_evidence"`);
    await queryRunner.query(`
      CREATE POLICY actor_relation_evidence_with_claim ON "actor_relation_evidence"
      USING (EXISTS (SELECT 1 FROM claim WHERE claim.id = "actor_relation_evidence".claim_id))
      WITH CHECK (EXISTS (SELECT 1 FROM claim WHERE claim.id = "actor_relation_evidence".claim_id))`);
    await queryRunner.query(`ALTER TABLE "actor_relation" ADD "end_date" date`);
    await queryRunner.query(`ALTER TABLE "actor_relation" ADD "start_date" date`);
    // The widest span any assertion gave: the old single-row meaning.
    await queryRunner.query(`
      UPDATE actor_relation r SET start_date = span.start_date, end_date = span.end_date
      FROM (SELECT relation_id, min(start_date) AS start_date, max(end_date) AS end_date FROM actor_relation_evidence GROUP BY relation_id) span
      WHERE span.relation_id = r.id`);
    await queryRunner.query(`UPDATE actor_relation SET end_date = NULL WHERE end_date < start_date`);
    await queryRunner.query(
      `ALTER TABLE "actor_relation" ADD CONSTRAINT "ck_actor_relation_dates" CHECK (((end_date IS NULL) OR (start_date IS NULL) OR (end_date >= start_date)))`,
    );
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP CONSTRAINT "fk_actor_relation_evidence_organization_id"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP CONSTRAINT "ck_actor_relation_evidence_dates"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP COLUMN "created_at"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP COLUMN "end_date"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP COLUMN "start_date"`);
    // Several organisations' assertions on one claim become one row again.
    await queryRunner.query(`
      DELETE FROM actor_relation_evidence e USING actor_relation_evidence other
      WHERE other.relation_id = e.relation_id AND other.claim_id = e.claim_id AND other.organization_id < e.organization_id`);
    await queryRunner.query(`DROP INDEX "ix_actor_relation_evidence_organization_id"`);
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP CONSTRAINT "pk_actor_relation_evidence"`);
    await queryRunner.query(
      `ALTER TABLE "actor_relation_evidence" ADD CONSTRAINT "pk_actor_relation_evidence" PRIMARY KEY ("relation_id", "claim_id")`,
    );
    await queryRunner.query(`ALTER TABLE "actor_relation_evidence" DROP COLUMN "organization_id"`);
  }
}

/** An assertion of the viewer's own organisation, on a claim the viewer can see (claim's own policy filters the subquery). */
const OWN_VISIBLE_ASSERTION = `organization_id = verbatim_viewer_organization_id()
  AND EXISTS (SELECT 1 FROM claim WHERE claim.id = actor_relation_evidence.claim_id)`;
