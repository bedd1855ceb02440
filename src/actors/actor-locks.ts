import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { Actor } from './actor.entity';

/**
 * Row locks on actors, always taken in id order so that two transactions locking the same
 * actors (a merge and a write that refers to them) queue instead of deadlocking. A merge holds
 * FOR UPDATE; writes that only refer to an actor hold FOR SHARE, so they wait for a running merge
 * and then see the actor as merged, instead of attaching rows to it after it was merged away.
 */
async function lockActors(
  manager: EntityManager,
  ids: string[],
  mode: 'pessimistic_read' | 'pessimistic_write',
): Promise<Map<string, Actor>> {
  if (ids.length === 0) return new Map();
  const actors = await manager
    .getRepository(Actor)
    .createQueryBuilder('actor')
    .where('actor.id IN (:...ids)', { ids: [...new Set(ids)] })
    .orderBy('actor.id', 'ASC')
    .setLock(mode)
    .getMany();
  return new Map(actors.map((actor) => [actor.id, actor]));
}

function mergedAway(actor: Actor, field: string) {
  return conflict(`This actor was merged into another; use that one`, {
    field,
    mergedInto: toGlobalId('Actor', actor.mergedIntoId as string),
  });
}

/** The actors a mutation changes (FOR UPDATE): NOT_FOUND when missing, CONFLICT when merged away. */
export async function lockActorsForUpdate(manager: EntityManager, refs: Array<{ id: string; field: string }>): Promise<Actor[]> {
  const found = await lockActors(
    manager,
    refs.map((ref) => ref.id),
    'pessimistic_write',
  );
  return refs.map((ref) => {
    const actor = found.get(ref.id);
    if (actor === undefined) throw notFound('Actor', ref.field);
    if (actor.mergedIntoId !== null) throw mergedAway(actor, ref.field);
    return actor;
  });
}

/** Actors an input refers to (FOR SHARE): NOT_FOUND naming the field when missing, CONFLICT when merged away. */
export async function lockReferencedActors(manager: EntityManager, refs: Array<{ id: string; field: string }>): Promise<void> {
  const found = await lockActors(
    manager,
    refs.map((ref) => ref.id),
    'pessimistic_read',
  );
  for (const ref of refs) {
    const actor = found.get(ref.id);
    if (actor === undefined) throw notFound('Actor', ref.field);
    if (actor.mergedIntoId !== null) throw mergedAway(actor, ref.field);
  }
}
