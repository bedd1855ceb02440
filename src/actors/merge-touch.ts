import type { EntityManager } from 'typeorm';

/**
 * Marks as changed, for sync, every row whose fields a merge or unmerge changes: the claims
 * about `actorId` (their subjects), the events it took part in (their participants), the given
 * actors, and the actors related to it, but only through relations with a public assertion
 * (issue 9, finding 5: a private relation must not move a row that others see). Runs before
 * the links move.
 */
export async function touchMergeNeighbours(manager: EntityManager, actorIds: string[], actorId: string): Promise<void> {
  await manager.query(`UPDATE claim SET updated_at = now() WHERE id IN (SELECT claim_id FROM claim_subject WHERE actor_id = $1)`, [
    actorId,
  ]);
  await manager.query(`UPDATE event SET updated_at = now() WHERE id IN (SELECT event_id FROM event_participant WHERE actor_id = $1)`, [
    actorId,
  ]);
  await manager.query(
    `UPDATE actor SET updated_at = now()
     WHERE id = ANY($2::bigint[])
        OR id IN (SELECT CASE WHEN r.actor_id = $1 THEN r.target_id ELSE r.actor_id END FROM actor_relation r
                  WHERE (r.actor_id = $1 OR r.target_id = $1)
                    AND EXISTS (SELECT 1 FROM actor_relation_evidence e JOIN claim ON claim.id = e.claim_id
                                WHERE e.relation_id = r.id AND claim.visibility = 'PUBLIC'))`,
    [actorId, actorIds],
  );
}
