import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { rowKey } from '../common/loaders';
import { eventsOfActor } from '../events/event.service';
import { EventConnection } from '../events/event.types';
import { Role } from '../common/role';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import { mergeActors } from './actor-merge.service';
import { unmergeActors } from './actor-unmerge.service';
import { ActorRelation } from './actor-relation.entity';
import { Actor } from './actor.entity';
import { ActorFilter, ActorOrder, AliasInput, CreateActorInput, UpdateActorInput } from './actor.inputs';
import { addActorAlias, createActor, listActors, removeActorAlias, updateActor } from './actor.service';
import { ActorConnection } from './actor.types';

// What the field resolvers below read of an actor (field-selection.ts).
declareFieldColumns(Actor, { aliases: [], externalIds: [], relations: [], events: [], mergedInto: ['mergedIntoId'] });

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => ActorConnection, {
    description: 'Actors in the order they were added; with filter.search, ranked by how well a name or alias matches',
  })
  actors(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ActorFilter, { nullable: true }) filter?: ActorFilter,
    @Arg('orderBy', () => ActorOrder, { nullable: true }) orderBy?: ActorOrder,
  ): Promise<ActorConnection> {
    return listActors(ctx, args, filter ?? undefined, orderBy, selectedFields(info));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Actor, { description: 'Adds an actor with its aliases and external ids' })
  createActor(@Ctx() ctx: Context, @Arg('input', () => CreateActorInput) input: CreateActorInput): Promise<Actor> {
    return createActor(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Actor, { description: 'Changes the fields given' })
  updateActor(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateActorInput) input: UpdateActorInput,
  ): Promise<Actor> {
    return updateActor(ctx, id, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Actor, { description: 'Adds an alias (an existing one only gets the new language)' })
  addActorAlias(
    @Ctx() ctx: Context,
    @Arg('actorId', () => ID) actorId: string,
    @Arg('alias', () => AliasInput) alias: AliasInput,
  ): Promise<Actor> {
    return addActorAlias(ctx, actorId, alias);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Actor, { description: 'Removes the alias spelled exactly `name`' })
  removeActorAlias(
    @Ctx() ctx: Context,
    @Arg('actorId', () => ID) actorId: string,
    @Arg('name', () => String) name: string,
  ): Promise<Actor> {
    return removeActorAlias(ctx, actorId, name);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Actor, {
    description:
      'Moves everything of the source actor onto the target and returns the target; the source id keeps resolving, with mergedInto. ADMIN only; unmergeActors undoes it',
  })
  mergeActors(
    @Ctx() ctx: Context,
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('targetId', () => ID) targetId: string,
  ): Promise<Actor> {
    return mergeActors(ctx, sourceId, targetId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Actor, {
    description: 'Undoes the last merge of the source actor, restoring every row the merge changed, and returns the source. ADMIN only',
  })
  unmergeActors(@Ctx() ctx: Context, @Arg('sourceId', () => ID) sourceId: string): Promise<Actor> {
    return unmergeActors(ctx, sourceId);
  }

  @FieldResolver(() => [ActorAlias])
  aliases(@Root() actor: Actor, @Ctx() ctx: Context): Promise<ActorAlias[]> {
    return ctx.loaders.aliasesByActorId.load(actor.id);
  }

  @FieldResolver(() => [ActorExternalId])
  externalIds(@Root() actor: Actor, @Ctx() ctx: Context): Promise<ActorExternalId[]> {
    return ctx.loaders.externalIdsByActorId.load(actor.id);
  }

  @FieldResolver(() => [ActorRelation], { description: 'Relations in both directions (this actor is `actor` or `target`)' })
  relations(@Root() actor: Actor, @Ctx() ctx: Context): Promise<ActorRelation[]> {
    return ctx.loaders.relationsByActorId.load(actor.id);
  }

  @FieldResolver(() => EventConnection, { description: 'Events this actor took part in, in any role' })
  events(
    @Root() actor: Actor,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<EventConnection> {
    return eventsOfActor(ctx, actor, args, selectedFields(info));
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Set when this actor was merged into another; follow it' })
  async mergedInto(@Root() actor: Actor, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor | null> {
    return actor.mergedIntoId === null ? null : ctx.loaders.actorById.load(rowKey(actor.mergedIntoId, selectedFields(info)));
  }
}
