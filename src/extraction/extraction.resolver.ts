import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { Visibility } from '../claims/claim.entity';
import type { Context } from '../context';
import { fieldsNamed } from '../common/field-selection';
import { rowKey } from '../common/loaders';

const PUBLISHED_AT = fieldsNamed('publishedAt');
import { Role } from '../common/role';
import { extractStoredArticle } from './extraction.service';
import { TimeExpression, timeExpressionsOf } from './time-expression.type';

@Resolver(() => Sentence)
export class ExtractionResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => Article, {
    description:
      'Re-runs mention, claim and date extraction on an article. Idempotent: replaces only earlier RULE/MODEL proposals of your organisation that nobody reviewed, revised or linked; never MANUAL or reviewed claims',
  })
  extractArticle(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('visibility', () => Visibility, { nullable: true, description: 'Of the proposed claims; PUBLIC by default' })
    visibility?: Visibility,
  ): Promise<Article> {
    return extractStoredArticle(ctx, id, visibility ?? Visibility.PUBLIC);
  }

  @FieldResolver(() => [TimeExpression], { description: "Dates and times the sentence names, resolved against the article's publishedAt" })
  async timeExpressions(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<TimeExpression[]> {
    const article = await ctx.loaders.articleById.load(rowKey(sentence.articleId, PUBLISHED_AT));
    return timeExpressionsOf(sentence, article?.publishedAt ?? null);
  }
}
