import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Role } from '../common/role';
import { ActorRelation } from './actor-relation.entity';
import { AddActorRelationInput } from './actor-relation.inputs';
import { addActorRelation } from './actor-relation.service';
import { Actor } from './actor.entity';

@Resolver(() => ActorRelation)
export class ActorRelationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => ActorRelation, {
    description: 'Records "actor TYPE target" on the evidence of claims; stating an existing relation again adds its evidence',
  })
  addActorRelation(@Ctx() ctx: Context, @Arg('input', () => AddActorRelationInput) input: AddActorRelationInput): Promise<ActorRelation> {
    return addActorRelation(ctx, input);
  }

  @FieldResolver(() => Actor)
  async actor(@Root() relation: ActorRelation, @Ctx() ctx: Context): Promise<Actor> {
    return (await ctx.loaders.actorById.load(relation.actorId)) as Actor;
  }

  @FieldResolver(() => Actor)
  async target(@Root() relation: ActorRelation, @Ctx() ctx: Context): Promise<Actor> {
    return (await ctx.loaders.actorById.load(relation.targetId)) as Actor;
  }
}
