import type { EntityManager } from 'typeorm';
import { claimVisibilityCondition } from '../access/claim-visibility';
import type { Viewer } from '../common/viewer';
import { ActorRelation, type RelationType } from './actor-relation.entity';

interface RelationRow {
  id: string;
  actor_id: string;
  type: RelationType;
  target_id: string;
  created_at: Date;
  start_date: string | null;
  end_date: string | null;
}

/**
 * Relations as one viewer sees them (rule relation.see, src/access): a relation shows only
 * through the assertions on claims the viewer may see, and its dates are their span (the
 * earliest start, the latest end). Reached only by the inner join with visible assertions, so
 * nothing of a hidden assertion (its existence, its dates) can reach the answer. `where` picks
 * relations by actor (either end) or by id.
 */
export async function visibleRelations(
  manager: EntityManager,
  viewer: Viewer,
  where: { actorIds: readonly string[] } | { relationId: string },
): Promise<ActorRelation[]> {
  const visible = claimVisibilityCondition(viewer, 'claim');
  const query = manager
    .createQueryBuilder()
    .select(['relation.id::text AS id', 'relation.actor_id::text AS actor_id', 'relation.type AS type'])
    .addSelect(['relation.target_id::text AS target_id', 'relation.created_at AS created_at'])
    .addSelect('min(assertion.start_date)::text', 'start_date')
    .addSelect('max(assertion.end_date)::text', 'end_date')
    .from('actor_relation', 'relation')
    .innerJoin('actor_relation_evidence', 'assertion', 'assertion.relation_id = relation.id')
    .innerJoin('claim', 'claim', 'claim.id = assertion.claim_id')
    .where(
      'actorIds' in where ? '(relation.actor_id IN (:...actorIds) OR relation.target_id IN (:...actorIds))' : 'relation.id = :relationId',
      'actorIds' in where ? { actorIds: [...where.actorIds] } : { relationId: where.relationId },
    )
    .andWhere(visible.sql, visible.params)
    .groupBy('relation.id')
    .orderBy('relation.id', 'ASC');
  const rows: RelationRow[] = await query.getRawMany();
  return rows.map((row) =>
    Object.assign(new ActorRelation(), {
      id: row.id,
      actorId: row.actor_id,
      type: row.type,
      targetId: row.target_id,
      createdAt: row.created_at,
      startDate: row.start_date,
      endDate: row.end_date,
    }),
  );
}
