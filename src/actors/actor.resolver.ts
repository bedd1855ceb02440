import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ActorAlias } from './actor-alias.entity';
import { ActorExternalId } from './actor-external-id.entity';
import { Actor } from './actor.entity';

@Resolver(() => Actor)
export class ActorResolver {
  @FieldResolver(() => [ActorAlias])
  aliases(@Root() actor: Actor, @Ctx() ctx: Context): Promise<ActorAlias[]> {
    return ctx.loaders.aliasesByActorId.load(actor.id);
  }

  @FieldResolver(() => [ActorExternalId])
  externalIds(@Root() actor: Actor, @Ctx() ctx: Context): Promise<ActorExternalId[]> {
    return ctx.loaders.externalIdsByActorId.load(actor.id);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Set when this actor was merged into another; follow it' })
  async mergedInto(@Root() actor: Actor, @Ctx() ctx: Context): Promise<Actor | null> {
    return actor.mergedIntoId === null ? null : ctx.loaders.actorById.load(actor.mergedIntoId);
  }
}
