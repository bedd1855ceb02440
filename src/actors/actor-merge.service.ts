import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { allOrganizationsDataSource } from '../db/request-scope';
import { DeletionKind } from '../sync/deletion.entity';
import { recordDeletions } from '../sync/deletion.service';
import { lockActorsForUpdate } from './actor-locks';
import { Actor } from './actor.entity';

/**
 * Merges `source` into `target` in one transaction (DESIGN.md): claims (as claimant and as
 * subject), mentions, event participations, relations, aliases and external ids move to the
 * target; the source's name becomes one of its aliases; the source row stays, pointing at the
 * target, so its id keeps resolving. Refusals: the same actor twice is BAD_USER_INPUT (never
 * valid); a source or target that is already merged away is CONFLICT (the state forbids it,
 * and `mergedInto` says where to go instead); a missing actor is NOT_FOUND.
 */
export async function mergeActors(ctx: Context, sourceGlobalId: string, targetGlobalId: string): Promise<Actor> {
  const sourceId = parseGlobalId(sourceGlobalId, 'Actor', 'sourceId');
  const targetId = parseGlobalId(targetGlobalId, 'Actor', 'targetId');
  if (sourceId === targetId) throw badInput('targetId', 'An actor cannot be merged into itself');

  // A merge is about the actors, not about whose claims mention them: it must move every
  // organisation's claims and relation evidence, private ones included (row-level security
  // would hide those from the viewer's scope and leave them behind). It reads nothing back for
  // the caller from this scope: the answer resolves through the viewer's own loaders.
  return allOrganizationsDataSource(ctx.db).transaction(async (manager) => {
    // Both rows FOR UPDATE, in id order: writes that refer to either actor wait for the merge.
    const [source, target] = await lockActorsForUpdate(manager, [
      { id: sourceId, field: 'sourceId' },
      { id: targetId, field: 'targetId' },
    ]);
    await touchMergeNeighbours(manager, sourceId, targetId);
    const moved = {
      claimsAsClaimant: await rowCount(manager, `UPDATE claim SET claimant_id = $2, updated_at = now() WHERE claimant_id = $1`, [
        sourceId,
        targetId,
      ]),
      claimsAsSubject: await moveLinks(manager, 'claim_subject', 'claim_id', sourceId, targetId),
      mentions: await rowCount(manager, `UPDATE mention SET actor_id = $2 WHERE actor_id = $1`, [sourceId, targetId]),
      participations: await moveLinks(manager, 'event_participant', 'event_id, role', sourceId, targetId),
      externalIds: await rowCount(manager, `UPDATE actor_external_id SET actor_id = $2 WHERE actor_id = $1`, [sourceId, targetId]),
      aliases: await moveAliases(manager, source, target),
    };
    const relations = await moveRelations(manager, sourceId, targetId);
    // Actors merged into the source earlier now point straight at the target: one hop, always.
    const repointed = await returnedRows<{ id: string }>(
      manager,
      `UPDATE actor SET merged_into_id = $2, updated_at = now() WHERE merged_into_id = $1 RETURNING id::text`,
      [sourceId, targetId],
    );
    await manager.getRepository(Actor).update(sourceId, { mergedIntoId: targetId });
    await recordDeletions(
      manager,
      [sourceId, ...repointed.map((row) => row.id)].map((id) => ({
        kind: DeletionKind.MERGED,
        nodeId: toGlobalId('Actor', id),
        replacedBy: target.nodeId,
      })),
    );
    if (target.description === null && source.description !== null) {
      await manager.getRepository(Actor).update(targetId, { description: source.description });
    }
    await recordAudit(ctx, manager, 'mergeActors', [source.nodeId, target.nodeId], { sourceName: source.name, moved, relations });
    return manager.getRepository(Actor).findOneByOrFail({ id: targetId });
  });
}

/**
 * Marks as changed, for sync, every row whose fields the merge changes: the claims about the
 * source (their subjects), the events it took part in (their participants), the actors related
 * to it (their relations), and both actors. Runs before the links move.
 */
async function touchMergeNeighbours(manager: EntityManager, sourceId: string, targetId: string): Promise<void> {
  await manager.query(`UPDATE claim SET updated_at = now() WHERE id IN (SELECT claim_id FROM claim_subject WHERE actor_id = $1)`, [
    sourceId,
  ]);
  await manager.query(`UPDATE event SET updated_at = now() WHERE id IN (SELECT event_id FROM event_participant WHERE actor_id = $1)`, [
    sourceId,
  ]);
  await manager.query(
    `UPDATE actor SET updated_at = now()
     WHERE id IN ($1, $2) OR id IN (SELECT CASE WHEN actor_id = $1 THEN target_id ELSE actor_id END FROM actor_relation
                                    WHERE actor_id = $1 OR target_id = $1)`,
    [sourceId, targetId],
  );
}

/** Runs a statement in the transaction and returns how many rows it wrote. */
async function rowCount(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (manager.queryRunner === undefined) throw new Error('rowCount runs inside a transaction');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.affected ?? 0;
}

/** The rows an UPDATE or DELETE ... RETURNING gave back (a plain query() answers [rows, count] for those). */
async function returnedRows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (manager.queryRunner === undefined) throw new Error('returnedRows runs inside a transaction');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.records as T[];
}

/** Re-points a link table's actor_id, skipping rows the target already has (same other key columns). */
async function moveLinks(manager: EntityManager, table: string, otherKey: string, sourceId: string, targetId: string): Promise<number> {
  const moved = await rowCount(
    manager,
    `INSERT INTO ${table} (${otherKey}, actor_id) SELECT ${otherKey}, $2 FROM ${table} WHERE actor_id = $1 ON CONFLICT DO NOTHING`,
    [sourceId, targetId],
  );
  await manager.query(`DELETE FROM ${table} WHERE actor_id = $1`, [sourceId]);
  return moved;
}

/** The source's aliases, then its name, become the target's aliases (exact spellings it already has are skipped). */
async function moveAliases(manager: EntityManager, source: Actor, target: Actor): Promise<number> {
  const moved = await rowCount(
    manager,
    `INSERT INTO actor_alias (actor_id, name, language, search_name)
     SELECT $2, name, language, search_name FROM actor_alias WHERE actor_id = $1 AND name <> $3
     ON CONFLICT ON CONSTRAINT uq_actor_alias_actor_id_name DO NOTHING`,
    [source.id, target.id, target.name],
  );
  await manager.query(`DELETE FROM actor_alias WHERE actor_id = $1`, [source.id]);
  const named =
    source.name === target.name
      ? 0
      : await rowCount(
          manager,
          `INSERT INTO actor_alias (actor_id, name, language, search_name) VALUES ($1, $2, NULL, $3)
     ON CONFLICT ON CONSTRAINT uq_actor_alias_actor_id_name DO NOTHING`,
          [target.id, source.name, source.searchName],
        );
  return moved + named;
}

interface RelationRow {
  id: string;
  actor_id: string;
  type: string;
  target_id: string;
}

/**
 * Relations in both directions move to the target. One that would relate the target to itself
 * (the source and target were related) is dropped; one the target already has is folded into
 * it (its evidence claims join the surviving relation's). Returns what was dropped, for the audit.
 */
async function moveRelations(manager: EntityManager, sourceId: string, targetId: string) {
  const rows: RelationRow[] = await manager.query(
    `SELECT id::text, actor_id::text, type::text, target_id::text FROM actor_relation
     WHERE actor_id = $1 OR target_id = $1 ORDER BY id FOR UPDATE`,
    [sourceId],
  );
  const outcome = { moved: 0, folded: [] as string[], droppedSelfRelations: [] as Array<{ id: string; claimIds: string[] }> };
  for (const row of rows) {
    const actorId = row.actor_id === sourceId ? targetId : row.actor_id;
    const relatedId = row.target_id === sourceId ? targetId : row.target_id;
    if (actorId === relatedId) {
      const evidence = await returnedRows<{ claim_id: string }>(
        manager,
        `DELETE FROM actor_relation_evidence WHERE relation_id = $1 RETURNING claim_id::text`,
        [row.id],
      );
      await manager.query(`DELETE FROM actor_relation WHERE id = $1`, [row.id]);
      outcome.droppedSelfRelations.push({ id: row.id, claimIds: evidence.map((e) => toGlobalId('Claim', e.claim_id)) });
      continue;
    }
    const [survivor]: Array<{ id: string }> = await manager.query(
      `SELECT id::text FROM actor_relation WHERE actor_id = $1 AND type = $2 AND target_id = $3 FOR UPDATE`,
      [actorId, row.type, relatedId],
    );
    if (survivor === undefined) {
      await manager.query(`UPDATE actor_relation SET actor_id = $2, target_id = $3 WHERE id = $1`, [row.id, actorId, relatedId]);
      outcome.moved += 1;
      continue;
    }
    await manager.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id, start_date, end_date, created_at, updated_at)
       SELECT $2, claim_id, organization_id, start_date, end_date, created_at, updated_at
       FROM actor_relation_evidence WHERE relation_id = $1 ON CONFLICT DO NOTHING`,
      [row.id, survivor.id],
    );
    await manager.query(`DELETE FROM actor_relation WHERE id = $1`, [row.id]);
    outcome.folded.push(row.id);
  }
  return outcome;
}
