import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader, childListLoader, type Peers } from '../common/loaders';
import type { Viewer } from '../common/viewer';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import type { ActorRelation } from './actor-relation.entity';
import { visibleRelations } from './actor-relation.query';
import { Actor } from './actor.entity';

export function createActorLoaders(db: DataSource, peers: Peers, viewer: Viewer) {
  return {
    actorById: byIdLoader(peers, db.getRepository(Actor)),
    aliasesByActorId: childListLoader(peers, db.getRepository(ActorAlias), 'id', { parent: 'child.actor_id' }),
    externalIdsByActorId: childListLoader(peers, db.getRepository(ActorExternalId), 'id', { parent: 'child.actor_id' }),
    relationsByActorId: relationsByActorIdLoader(db, viewer),
  };
}

/**
 * Each actor's relations in both directions (it is the actor or the target), oldest first, in
 * one statement per batch, as the viewer sees them (visibleRelations: only through visible
 * assertions, with their dates).
 */
function relationsByActorIdLoader(db: DataSource, viewer: Viewer): DataLoader<string, ActorRelation[]> {
  return new DataLoader(async (actorIds) => {
    const relations = await visibleRelations(db.manager, viewer, { actorIds });
    return actorIds.map((id) => relations.filter((relation) => relation.actorId === id || relation.targetId === id));
  });
}
