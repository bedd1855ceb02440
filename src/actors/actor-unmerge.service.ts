import type { EntityManager } from 'typeorm';
import { requireActorMergeAccess } from '../access/actor-access';
import { recordAudit } from '../audit/audit.service';
import { conflict, notFound } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { allOrganizationsDataSource } from '../db/request-scope';
import { ActorMerge } from './actor-merge.entity';
import { countsOf } from './actor-merge.service';
import { Actor } from './actor.entity';
import { reinsertRows, type MergeJournal } from './merge-journal';
import { touchMergeNeighbours } from './merge-touch';

/**
 * Undoes the last merge of `source` from its journal: every organisation's rows the merge
 * re-pointed go back to the source, the rows it removed (aliases, self- and folded relations
 * with their assertions) come back with their ids, the assertions it added to a surviving
 * relation go, the source (and the actors it re-pointed) no longer point at the target, and the
 * merge's entries leave the deletions feed. Rows written after the merge stay where they were
 * written. Merges are undone last first: CONFLICT when the source is not merged, or when the
 * target was merged on (or took a later merge) since, which must be undone first. Who may:
 * rule actor.merge (src/access).
 */
export async function unmergeActors(ctx: Context, sourceGlobalId: string): Promise<Actor> {
  requireActorMergeAccess(ctx);
  const sourceId = parseGlobalId(sourceGlobalId, 'Actor', 'sourceId');
  return allOrganizationsDataSource(ctx.db).transaction(async (manager) => {
    const source = await manager
      .getRepository(Actor)
      .createQueryBuilder('actor')
      .where({ id: sourceId })
      .setLock('pessimistic_write')
      .getOne();
    if (source === null) throw notFound('Actor', 'sourceId');
    const merge = await manager
      .getRepository(ActorMerge)
      .createQueryBuilder('merge')
      .where('merge.sourceId = :sourceId AND merge.undoneAt IS NULL', { sourceId })
      .orderBy('merge.id', 'DESC')
      .setLock('pessimistic_write')
      .getOne();
    if (source.mergedIntoId === null || merge === null || merge.targetId !== source.mergedIntoId) {
      throw conflict('This actor is not merged into another (or was merged before merges were journaled)', { field: 'sourceId' });
    }
    const target = await manager
      .getRepository(Actor)
      .createQueryBuilder('actor')
      .where({ id: merge.targetId })
      .setLock('pessimistic_write')
      .getOneOrFail();
    const later = await manager
      .getRepository(ActorMerge)
      .createQueryBuilder('merge')
      .where('merge.id > :id AND merge.undoneAt IS NULL AND (merge.targetId = :target OR merge.sourceId = :target)', {
        id: merge.id,
        target: target.id,
      })
      .getCount();
    if (target.mergedIntoId !== null || later > 0) {
      throw conflict('A later merge involves the actor this one was merged into: unmerge that one first', { field: 'sourceId' });
    }
    const journal = merge.journal as unknown as MergeJournal;
    await restore(manager, source, target, journal);
    await touchMergeNeighbours(manager, [source.id, target.id, ...journal.repointedActorIds], source.id);
    await manager.getRepository(ActorMerge).update(merge.id, { undoneAt: () => 'now()' });
    await recordAudit(ctx, manager, 'unmergeActors', [source.nodeId, target.nodeId], { mergeId: merge.id, restored: countsOf(journal) });
    return manager.getRepository(Actor).findOneByOrFail({ id: source.id });
  });
}

/** The merge's changes, undone in the reverse order they were made. */
async function restore(manager: EntityManager, source: Actor, target: Actor, journal: MergeJournal): Promise<void> {
  const [s, t] = [source.id, target.id];
  await manager.query(`DELETE FROM deletion WHERE id = ANY($1::bigint[])`, [journal.deletionIds]);
  if (journal.descriptionTaken) {
    await manager.query(`UPDATE actor SET description = NULL WHERE id = $1 AND description IS NOT DISTINCT FROM $2`, [
      t,
      source.description,
    ]);
  }
  await manager.query(`UPDATE actor SET merged_into_id = NULL, updated_at = now() WHERE id = $1`, [s]);
  await manager.query(`UPDATE actor SET merged_into_id = $1, updated_at = now() WHERE id = ANY($2::bigint[]) AND merged_into_id = $3`, [
    s,
    journal.repointedActorIds,
    t,
  ]);
  for (const removed of [...journal.relationsRemoved].reverse()) {
    for (const key of removed.assertionsAdded) {
      await manager.query(`DELETE FROM actor_relation_evidence WHERE relation_id = $1 AND claim_id = $2 AND organization_id = $3`, [
        key.relation_id,
        key.claim_id,
        key.organization_id,
      ]);
    }
    await reinsertRows(manager, 'actor_relation', [removed.relation]);
    await reinsertRows(manager, 'actor_relation_evidence', removed.assertions);
  }
  for (const moved of journal.relationsMoved) {
    await manager.query(`UPDATE actor_relation SET actor_id = $2, target_id = $3 WHERE id = $1`, [
      moved.id,
      moved.actor_id,
      moved.target_id,
    ]);
  }
  await manager.query(`DELETE FROM actor_alias WHERE id = ANY($1::bigint[])`, [journal.aliasIdsAdded]);
  await reinsertRows(manager, 'actor_alias', journal.aliasesRemoved);
  await manager.query(`UPDATE actor_external_id SET actor_id = $1 WHERE id = ANY($2::bigint[]) AND actor_id = $3`, [
    s,
    journal.externalIds,
    t,
  ]);
  await manager.query(
    `DELETE FROM event_participant p USING jsonb_to_recordset($1::jsonb) AS added(event_id text, role text)
     WHERE p.actor_id = $2 AND p.event_id = added.event_id::bigint AND p.role::text = added.role`,
    [JSON.stringify(journal.participationsAdded), t],
  );
  await manager.query(
    `INSERT INTO event_participant (event_id, role, actor_id)
     SELECT p.event_id::bigint, p.role::participant_role, $2 FROM jsonb_to_recordset($1::jsonb) AS p(event_id text, role text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(journal.participations), s],
  );
  await manager.query(`UPDATE mention SET actor_id = $1 WHERE id = ANY($2::bigint[]) AND actor_id = $3`, [s, journal.mentionIds, t]);
  await manager.query(`DELETE FROM claim_subject WHERE actor_id = $1 AND claim_id = ANY($2::bigint[])`, [t, journal.subjectClaimIdsAdded]);
  await manager.query(`INSERT INTO claim_subject (claim_id, actor_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING`, [
    journal.subjectClaimIds,
    s,
  ]);
  await manager.query(`UPDATE claim SET claimant_id = $1, updated_at = now() WHERE id = ANY($2::bigint[]) AND claimant_id = $3`, [
    s,
    journal.claimantClaimIds,
    t,
  ]);
}
