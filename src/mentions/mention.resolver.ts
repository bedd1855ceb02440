import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import { Sentence } from '../articles/sentence.entity';
import type { Context } from '../context';
import { selectedFields } from '../common/field-selection';
import { declareToOne } from '../common/to-one';
import { rowKey } from '../common/loaders';
import { Mention } from './mention.entity';

// Read in the statement of the mentions that point to them (to-one.ts).
declareToOne(Mention, 'sentence', {
  foreignKey: 'sentenceId',
  target: Sentence,
  loader: 'sentenceById' satisfies keyof Context['loaders'],
});
declareToOne(Mention, 'actor', { foreignKey: 'actorId', target: Actor, loader: 'actorById' satisfies keyof Context['loaders'] });

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Sentence)
  async sentence(@Root() mention: Mention, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Sentence> {
    return (await ctx.loaders.sentenceById.load(rowKey(mention.sentenceId, selectedFields(info)))) as Sentence;
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The actor this span names, once resolved' })
  async actor(@Root() mention: Mention, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor | null> {
    return mention.actorId === null ? null : ctx.loaders.actorById.load(rowKey(mention.actorId, selectedFields(info)));
  }
}
