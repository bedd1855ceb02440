import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import type { Context } from '../context';
import { Mention } from '../mentions/mention.entity';
import { Article } from './article.entity';
import { SentenceConnection } from './article.types';
import { searchSentences } from './sentence-search.service';
import { Sentence, SentenceRole } from './sentence.entity';

@Resolver(() => Sentence)
export class SentenceResolver {
  @Query(() => SentenceConnection, {
    description: 'Sentences matching words in any inflected form, best first. Web search syntax: "a phrase", -exclude, or',
  })
  searchSentences(
    @Ctx() ctx: Context,
    @Arg('query', () => String) query: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('roles', () => [SentenceRole], {
      nullable: true,
      description: 'Only sentences of these roles (e.g. [BODY] leaves out headlines and datelines)',
    })
    roles?: SentenceRole[],
  ): Promise<SentenceConnection> {
    return searchSentences(ctx, query, args, roles);
  }

  @FieldResolver(() => Article)
  async article(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Article> {
    return (await ctx.loaders.articleById.load(sentence.articleId)) as Article;
  }

  @FieldResolver(() => [Mention], { description: 'Spans of this sentence naming actors or places' })
  mentions(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Mention[]> {
    return ctx.loaders.mentionsBySentenceId.load(sentence.id);
  }
}
