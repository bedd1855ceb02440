import type { EntityManager } from 'typeorm';
import { requireActorMergeAccess } from '../access/actor-access';
import { recordAudit } from '../audit/audit.service';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { allOrganizationsDataSource } from '../db/request-scope';
import { DeletionKind } from '../sync/deletion.entity';
import { recordDeletions } from '../sync/deletion.service';
import { lockActorsForUpdate } from './actor-locks';
import { ActorMerge } from './actor-merge.entity';
import { Actor } from './actor.entity';
import { emptyJournal, returnedIds, returnedRows, type AssertionKey, type JsonRow, type MergeJournal } from './merge-journal';
import { touchMergeNeighbours } from './merge-touch';

/**
 * Merges `source` into `target` in one transaction (DESIGN.md): claims (as claimant and as
 * subject), mentions, event participations, relations, aliases and external ids move to the
 * target; the source's name becomes one of its aliases; the source row stays, pointing at the
 * target, so its id keeps resolving. Nothing is destroyed: every change is kept in the merge
 * journal (actor_merge), so unmergeActors restores the state before it. Who may merge: rule
 * actor.merge (src/access). Refusals: the same actor twice is BAD_USER_INPUT; a source or
 * target already merged away is CONFLICT (`mergedInto` says where to go); a missing actor is
 * NOT_FOUND.
 */
export async function mergeActors(ctx: Context, sourceGlobalId: string, targetGlobalId: string): Promise<Actor> {
  requireActorMergeAccess(ctx);
  const sourceId = parseGlobalId(sourceGlobalId, 'Actor', 'sourceId');
  const targetId = parseGlobalId(targetGlobalId, 'Actor', 'targetId');
  if (sourceId === targetId) throw badInput('targetId', 'An actor cannot be merged into itself');

  // A merge is about the actors, not about whose claims mention them: it must move every
  // organisation's claims and relation assertions, private ones included (row-level security
  // would hide those from the viewer's scope and leave them behind). It reads nothing back for
  // the caller from this scope: the answer is the target actor, a public row.
  return allOrganizationsDataSource(ctx.db).transaction(async (manager) => {
    // Both rows FOR UPDATE, in id order: writes that refer to either actor wait for the merge.
    const [source, target] = await lockActorsForUpdate(manager, [
      { id: sourceId, field: 'sourceId' },
      { id: targetId, field: 'targetId' },
    ]);
    await touchMergeNeighbours(manager, [sourceId, targetId], sourceId);
    const journal = emptyJournal();
    const move = [sourceId, targetId];
    journal.claimantClaimIds = await returnedIds(
      manager,
      `UPDATE claim SET claimant_id = $2, updated_at = now() WHERE claimant_id = $1 RETURNING id::text AS id`,
      move,
    );
    journal.subjectClaimIds = await returnedIds(manager, `DELETE FROM claim_subject WHERE actor_id = $1 RETURNING claim_id::text AS id`, [
      sourceId,
    ]);
    journal.subjectClaimIdsAdded = await returnedIds(
      manager,
      `INSERT INTO claim_subject (claim_id, actor_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING RETURNING claim_id::text AS id`,
      [journal.subjectClaimIds, targetId],
    );
    journal.mentionIds = await returnedIds(manager, `UPDATE mention SET actor_id = $2 WHERE actor_id = $1 RETURNING id::text AS id`, move);
    journal.participations = await returnedRows(
      manager,
      `DELETE FROM event_participant WHERE actor_id = $1 RETURNING event_id::text, role::text`,
      [sourceId],
    );
    journal.participationsAdded = await returnedRows(
      manager,
      `INSERT INTO event_participant (event_id, role, actor_id)
       SELECT p.event_id::bigint, p.role::participant_role, $2 FROM jsonb_to_recordset($1::jsonb) AS p(event_id text, role text)
       ON CONFLICT DO NOTHING RETURNING event_id::text, role::text`,
      [JSON.stringify(journal.participations), targetId],
    );
    journal.externalIds = await returnedIds(
      manager,
      `UPDATE actor_external_id SET actor_id = $2 WHERE actor_id = $1 RETURNING id::text AS id`,
      move,
    );
    await moveAliases(manager, source, target, journal);
    await moveRelations(manager, sourceId, targetId, journal);
    // Actors merged into the source earlier now point straight at the target: one hop, always.
    journal.repointedActorIds = await returnedIds(
      manager,
      `UPDATE actor SET merged_into_id = $2, updated_at = now() WHERE merged_into_id = $1 RETURNING id::text AS id`,
      move,
    );
    await manager.getRepository(Actor).update(sourceId, { mergedIntoId: targetId });
    if (target.description === null && source.description !== null) {
      await manager.getRepository(Actor).update(targetId, { description: source.description });
      journal.descriptionTaken = true;
    }
    journal.deletionIds = await recordDeletions(
      manager,
      [sourceId, ...journal.repointedActorIds].map((id) => ({
        kind: DeletionKind.MERGED,
        nodeId: toGlobalId('Actor', id),
        replacedBy: target.nodeId,
      })),
    );
    const merge = await manager.getRepository(ActorMerge).save({
      sourceId,
      targetId,
      organizationId: ctx.viewer.organizationId,
      journal: journal as unknown as Record<string, unknown>,
      undoneAt: null,
    });
    await recordAudit(ctx, manager, 'mergeActors', [source.nodeId, target.nodeId], {
      sourceName: source.name,
      mergeId: merge.id,
      moved: countsOf(journal),
    });
    return manager.getRepository(Actor).findOneByOrFail({ id: targetId });
  });
}

/** How many rows of each kind the merge changed, for the audit log (ids stay in the journal). */
export function countsOf(journal: MergeJournal): Record<string, number> {
  return {
    claimsAsClaimant: journal.claimantClaimIds.length,
    claimsAsSubject: journal.subjectClaimIds.length,
    mentions: journal.mentionIds.length,
    participations: journal.participations.length,
    externalIds: journal.externalIds.length,
    aliases: journal.aliasesRemoved.length,
    relationsMoved: journal.relationsMoved.length,
    relationsFoldedOrDropped: journal.relationsRemoved.length,
  };
}

/** The source's aliases, then its name, become the target's aliases (exact spellings it already has are skipped). */
async function moveAliases(manager: EntityManager, source: Actor, target: Actor, journal: MergeJournal): Promise<void> {
  const removed = await returnedRows<{ row: JsonRow }>(
    manager,
    `DELETE FROM actor_alias WHERE actor_id = $1 RETURNING to_jsonb(actor_alias.*) AS row`,
    [source.id],
  );
  journal.aliasesRemoved = removed.map((r) => r.row);
  journal.aliasIdsAdded = await returnedIds(
    manager,
    `INSERT INTO actor_alias (actor_id, name, language, search_name)
     SELECT $2::bigint, a.name, a.language, a.search_name FROM jsonb_populate_recordset(NULL::actor_alias, $1::jsonb) a
     WHERE a.name <> $3::text
     UNION ALL SELECT $2::bigint, $4::text, NULL, $5::text WHERE $4::text <> $3::text
     ON CONFLICT ON CONSTRAINT uq_actor_alias_actor_id_name DO NOTHING RETURNING id::text AS id`,
    [JSON.stringify(journal.aliasesRemoved), target.id, target.name, source.name, source.searchName],
  );
}

/**
 * Relations in both directions move to the target. One that would relate the target to itself
 * (the source and target were related) is removed; one the target already has is folded into
 * it (its assertions join the surviving relation's). Removed rows are kept whole in the journal.
 */
async function moveRelations(manager: EntityManager, sourceId: string, targetId: string, journal: MergeJournal): Promise<void> {
  const rows = await manager.query<Array<{ row: JsonRow & { id: string; actor_id: string; target_id: string; type: string } }>>(
    `SELECT jsonb_build_object('id', id::text, 'actor_id', actor_id::text, 'target_id', target_id::text) || to_jsonb(r) - 'id' - 'actor_id' - 'target_id' AS row
     FROM actor_relation r WHERE actor_id = $1 OR target_id = $1 ORDER BY id FOR UPDATE`,
    [sourceId],
  );
  for (const { row } of rows) {
    const actorId = row.actor_id === sourceId ? targetId : row.actor_id;
    const relatedId = row.target_id === sourceId ? targetId : row.target_id;
    const [survivor] =
      actorId === relatedId
        ? []
        : await manager.query<Array<{ id: string }>>(
            `SELECT id::text FROM actor_relation WHERE actor_id = $1 AND type = $2 AND target_id = $3 FOR UPDATE`,
            [actorId, row.type, relatedId],
          );
    if (actorId !== relatedId && survivor === undefined) {
      await manager.query(`UPDATE actor_relation SET actor_id = $2, target_id = $3 WHERE id = $1`, [row.id, actorId, relatedId]);
      journal.relationsMoved.push({ id: row.id, actor_id: row.actor_id, target_id: row.target_id });
      continue;
    }
    const assertionsAdded =
      survivor === undefined
        ? []
        : await returnedRows<AssertionKey>(
            manager,
            `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id, start_date, end_date, created_at, updated_at)
             SELECT $2, claim_id, organization_id, start_date, end_date, created_at, updated_at
             FROM actor_relation_evidence WHERE relation_id = $1 ON CONFLICT DO NOTHING
             RETURNING relation_id::text, claim_id::text, organization_id::text`,
            [row.id, survivor.id],
          );
    const assertions = await returnedRows<{ row: JsonRow }>(
      manager,
      `DELETE FROM actor_relation_evidence WHERE relation_id = $1 RETURNING to_jsonb(actor_relation_evidence.*) AS row`,
      [row.id],
    );
    await manager.query(`DELETE FROM actor_relation WHERE id = $1`, [row.id]);
    journal.relationsRemoved.push({
      relation: row,
      assertions: assertions.map((a) => a.row),
      foldedInto: survivor?.id ?? null,
      assertionsAdded,
    });
  }
}
