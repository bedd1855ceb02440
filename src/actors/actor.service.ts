import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { badInput, conflict } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { listWindow, orderingOf, rankOrdering, readConnection, type SortKey } from '../common/list-query';
import type { Context } from '../context';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import { lockActorsForUpdate } from './actor-locks';
import { cleanActorName } from './actor-names';
import { applyActorFilter } from './actor-criteria';
import { ACTOR_MATCH_RANK, matchActorNames } from './actor-search';
import { Actor } from './actor.entity';
import type {
  ActorFilter,
  ActorOrder,
  ActorOrderField,
  AliasInput,
  CreateActorInput,
  ExternalIdInput,
  UpdateActorInput,
} from './actor.inputs';
import { ActorConnection } from './actor.types';
import { checkExternalId } from './external-id';

const ACTOR_SORT_KEYS: Record<ActorOrderField, SortKey | null> = {
  NAME: { column: 'actor.name', type: 'text', nullable: false },
  CREATED_AT: { column: 'actor.created_at', type: 'timestamptz', nullable: false },
  UPDATED_AT: { column: 'actor.updated_at', type: 'timestamptz', nullable: false },
};

/** Actors by id (or `orderBy`), or ranked by name similarity when the filter has a search (see actor-search.ts). */
export async function listActors(
  ctx: Context,
  args: ConnectionArgs,
  filter: ActorFilter = {},
  orderBy?: ActorOrder,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ActorConnection> {
  const { search } = filter;
  if (search != null && orderBy != null)
    throw badInput('orderBy', 'Search results are ranked by how well they match; leave out orderBy when searching');
  const ordering = search != null ? rankOrdering(ACTOR_MATCH_RANK, 'actor.id') : orderingOf('Actor', 'actor.id', ACTOR_SORT_KEYS, orderBy);
  const window = listWindow(args, ordering);
  const query = () => {
    const actors = ctx.db.getRepository(Actor).createQueryBuilder('actor');
    if (search != null) matchActorNames(actors, 'actor', search);
    applyActorFilter(actors, 'actor', filter);
    return actors;
  };
  return readConnection(ActorConnection, query, window, { fields, peers: ctx.loaders });
}

export async function createActor(ctx: Context, input: CreateActorInput): Promise<Actor> {
  const { name, searchName } = cleanActorName(input.name, 'input.name');
  const aliases = cleanAliases(input.aliases ?? [], 'input.aliases');
  const externalIds = (input.externalIds ?? []).map((id, index) => checkExternalId(id, `input.externalIds[${index}]`));
  return ctx.db.transaction(async (manager) => {
    const actors = manager.getRepository(Actor);
    const actor = await actors.save(actors.create({ name, searchName, kind: input.kind, description: cleanText(input.description) }));
    await insertAliases(manager, actor.id, aliases);
    await insertExternalIds(manager, actor.id, externalIds, 'input.externalIds');
    await recordAudit(ctx, manager, 'createActor', [actor.nodeId], { name });
    return actor;
  });
}

export async function updateActor(ctx: Context, id: string, input: UpdateActorInput): Promise<Actor> {
  const actorId = parseGlobalId(id, 'Actor', 'id');
  const renamed = input.name != null ? cleanActorName(input.name, 'input.name') : null;
  const externalIds = input.externalIds?.map((externalId, index) => checkExternalId(externalId, `input.externalIds[${index}]`));
  return ctx.db.transaction(async (manager) => {
    const [actor] = await lockActorsForUpdate(manager, [{ id: actorId, field: 'id' }]);
    if (renamed !== null) Object.assign(actor, renamed);
    if (input.kind != null) actor.kind = input.kind;
    if (input.description !== undefined) actor.description = cleanText(input.description);
    await manager.getRepository(Actor).save(actor);
    if (externalIds !== undefined) {
      await manager.getRepository(ActorExternalId).delete({ actorId });
      await insertExternalIds(manager, actorId, externalIds, 'input.externalIds');
      await touchRows(manager, 'actor', [actorId]);
    }
    await recordAudit(ctx, manager, 'updateActor', [actor.nodeId], { fields: Object.keys(input) });
    return actor;
  });
}

/** Adds an alias; adding one the actor already has only updates its language. */
export async function addActorAlias(ctx: Context, id: string, alias: AliasInput): Promise<Actor> {
  const actorId = parseGlobalId(id, 'Actor', 'actorId');
  const [clean] = cleanAliases([alias], 'alias');
  return ctx.db.transaction(async (manager) => {
    const [actor] = await lockActorsForUpdate(manager, [{ id: actorId, field: 'actorId' }]);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ActorAlias)
      .values({ actorId, ...clean })
      .orUpdate(['language'], ['actor_id', 'name'])
      .execute();
    await touchRows(manager, 'actor', [actorId]);
    await recordAudit(ctx, manager, 'addActorAlias', [actor.nodeId], { name: clean.name, language: clean.language });
    return actor;
  });
}

export async function removeActorAlias(ctx: Context, id: string, name: string): Promise<Actor> {
  const actorId = parseGlobalId(id, 'Actor', 'actorId');
  const exact = name.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return ctx.db.transaction(async (manager) => {
    const [actor] = await lockActorsForUpdate(manager, [{ id: actorId, field: 'actorId' }]);
    const { affected } = await manager.getRepository(ActorAlias).delete({ actorId, name: exact });
    if (affected === 0) throw badInput('name', `This actor has no alias "${exact.slice(0, 100)}"`);
    await touchRows(manager, 'actor', [actorId]);
    await recordAudit(ctx, manager, 'removeActorAlias', [actor.nodeId], { name: exact });
    return actor;
  });
}

interface CleanAlias {
  name: string;
  searchName: string;
  language: string | null;
}

/** Aliases as stored, the first of each exact spelling kept. */
function cleanAliases(aliases: AliasInput[], field: string): CleanAlias[] {
  const byName = new Map<string, CleanAlias>();
  aliases.forEach((alias, index) => {
    const { name, searchName } = cleanActorName(alias.name, `${field}[${index}].name`);
    if (!byName.has(name)) byName.set(name, { name, searchName, language: alias.language ?? null });
  });
  return [...byName.values()];
}

async function insertAliases(manager: EntityManager, actorId: string, aliases: CleanAlias[]): Promise<void> {
  if (aliases.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(ActorAlias)
    .values(aliases.map((alias) => ({ actorId, ...alias })))
    .orIgnore()
    .execute();
}

/**
 * An external id belongs to one actor. ON CONFLICT DO NOTHING keeps the transaction usable
 * when it is taken (even by a concurrent insert), so the refusal can name the actor that has it.
 */
async function insertExternalIds(manager: EntityManager, actorId: string, ids: ExternalIdInput[], field: string): Promise<void> {
  for (const [index, { system, value }] of ids.entries()) {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO actor_external_id (actor_id, system, value) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT uq_actor_external_id_system_value DO NOTHING RETURNING id`,
      [actorId, system, value],
    );
    if (inserted.length > 0) continue;
    const [owner] = await manager.getRepository(ActorExternalId).findBy({ system, value });
    if (owner !== undefined && owner.actorId !== actorId) {
      throw conflict(`Another actor already has ${system} id ${value}`, {
        field: `${field}[${index}]`,
        actorId: toGlobalId('Actor', owner.actorId),
      });
    }
  }
}

function cleanText(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}
