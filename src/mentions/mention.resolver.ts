import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import { Sentence } from '../articles/sentence.entity';
import type { Context } from '../context';
import { Mention } from './mention.entity';

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Sentence)
  async sentence(@Root() mention: Mention, @Ctx() ctx: Context): Promise<Sentence> {
    return (await ctx.loaders.sentenceById.load(mention.sentenceId)) as Sentence;
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The actor this span names, once resolved' })
  async actor(@Root() mention: Mention, @Ctx() ctx: Context): Promise<Actor | null> {
    return mention.actorId === null ? null : ctx.loaders.actorById.load(mention.actorId);
  }
}
