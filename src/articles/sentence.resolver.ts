import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { declareToOne } from '../common/to-one';
import { rowKey } from '../common/loaders';
import { Mention } from '../mentions/mention.entity';
import { Article } from './article.entity';
import { SentenceConnection } from './article.types';
import { searchSentences } from './sentence-search.service';
import { Sentence, SentenceRole } from './sentence.entity';

// What the field resolvers below read of a sentence; `highlight` is set by the search (field-selection.ts).
declareFieldColumns(Sentence, { article: ['articleId'], mentions: [], highlight: [] });
declareToOne(Sentence, 'article', { foreignKey: 'articleId', target: Article, loader: 'articleById' satisfies keyof Context['loaders'] });

@Resolver(() => Sentence)
export class SentenceResolver {
  @Query(() => SentenceConnection, {
    description: 'Sentences matching words in any inflected form, best first. Web search syntax: "a phrase", -exclude, or',
  })
  searchSentences(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('query', () => String) query: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('roles', () => [SentenceRole], {
      nullable: true,
      description: 'Only sentences of these roles (e.g. [BODY] leaves out headlines and datelines)',
    })
    roles?: SentenceRole[],
  ): Promise<SentenceConnection> {
    return searchSentences(ctx, query, args, roles, selectedFields(info));
  }

  @FieldResolver(() => Article)
  async article(@Root() sentence: Sentence, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Article> {
    return (await ctx.loaders.articleById.load(rowKey(sentence.articleId, selectedFields(info)))) as Article;
  }

  @FieldResolver(() => [Mention], { description: 'Spans of this sentence naming actors or places' })
  mentions(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Mention[]> {
    return ctx.loaders.mentionsBySentenceId.load(sentence.id);
  }
}
