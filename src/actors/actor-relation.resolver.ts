import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { selectedFields } from '../common/field-selection';
import { rowKey } from '../common/loaders';
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
  async actor(@Root() relation: ActorRelation, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor> {
    return (await ctx.loaders.actorById.load(rowKey(relation.actorId, selectedFields(info)))) as Actor;
  }

  @FieldResolver(() => Actor)
  async target(@Root() relation: ActorRelation, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor> {
    return (await ctx.loaders.actorById.load(rowKey(relation.targetId, selectedFields(info)))) as Actor;
  }
}
