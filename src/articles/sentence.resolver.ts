import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Mention } from '../mentions/mention.entity';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

@Resolver(() => Sentence)
export class SentenceResolver {
  @FieldResolver(() => Article)
  async article(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Article> {
    return (await ctx.loaders.articleById.load(sentence.articleId)) as Article;
  }

  @FieldResolver(() => [Mention], { description: 'Spans of this sentence naming actors or places' })
  mentions(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Mention[]> {
    return ctx.loaders.mentionsBySentenceId.load(sentence.id);
  }
}
