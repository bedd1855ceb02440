import type { DataSource } from 'typeorm';
import { byIdLoader, childListLoader } from '../common/loaders';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import { Actor } from './actor.entity';

export function createActorLoaders(db: DataSource) {
  return {
    actorById: byIdLoader(db.getRepository(Actor)),
    aliasesByActorId: childListLoader(db.getRepository(ActorAlias), 'id', { parent: 'child.actor_id' }),
    externalIdsByActorId: childListLoader(db.getRepository(ActorExternalId), 'id', { parent: 'child.actor_id' }),
  };
}
