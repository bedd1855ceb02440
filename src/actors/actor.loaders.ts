import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { claimVisibilityCondition } from '../access/claim-visibility';
import { byIdLoader, childListLoader } from '../common/loaders';
import type { Viewer } from '../common/viewer';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import { ActorRelation } from './actor-relation.entity';
import { Actor } from './actor.entity';

export function createActorLoaders(db: DataSource, viewer: Viewer) {
  return {
    actorById: byIdLoader(db.getRepository(Actor)),
    aliasesByActorId: childListLoader(db.getRepository(ActorAlias), 'id', { parent: 'child.actor_id' }),
    externalIdsByActorId: childListLoader(db.getRepository(ActorExternalId), 'id', { parent: 'child.actor_id' }),
    relationsByActorId: relationsByActorIdLoader(db, viewer),
  };
}

/**
 * Each actor's relations in both directions (it is the actor or the target), oldest first, in
 * one statement per batch. A relation shows only when the viewer can see at least one of its
 * evidence claims: a relation resting on another organisation's private claims is theirs.
 */
function relationsByActorIdLoader(db: DataSource, viewer: Viewer): DataLoader<string, ActorRelation[]> {
  return new DataLoader(async (actorIds) => {
    const visible = claimVisibilityCondition(viewer, 'claim');
    const relations = await db
      .getRepository(ActorRelation)
      .createQueryBuilder('relation')
      .where('(relation.actorId IN (:...actorIds) OR relation.targetId IN (:...actorIds))', { actorIds: [...actorIds] })
      .andWhere(
        `EXISTS (SELECT 1 FROM actor_relation_evidence evidence JOIN claim ON claim.id = evidence.claim_id
                 WHERE evidence.relation_id = relation.id AND ${visible.sql})`,
        visible.params,
      )
      .orderBy('relation.id', 'ASC')
      .getMany();
    return actorIds.map((id) => relations.filter((relation) => relation.actorId === id || relation.targetId === id));
  });
}
