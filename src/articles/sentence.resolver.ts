import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

@Resolver(() => Sentence)
export class SentenceResolver {
  @FieldResolver(() => Article)
  async article(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Article> {
    return (await ctx.loaders.articleById.load(sentence.articleId)) as Article;
  }
}
