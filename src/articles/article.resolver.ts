import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { declareToOne } from '../common/to-one';
import { rowKey } from '../common/loaders';
import { INGEST_ROLE } from '../access/ingest-access';
import { Mention } from '../mentions/mention.entity';
import { Source } from '../sources/source.entity';
import { Article } from './article.entity';
import { ArticleFilter, ArticleOrder, IngestArticleInput } from './article.inputs';
import { findArticle, ingestArticle, listArticles } from './article.service';
import { ArticleConnection, IngestArticlePayload, SentenceConnection } from './article.types';
import { sentencesOfArticle } from './sentence.service';

// What the field resolvers below read of an article (field-selection.ts).
declareFieldColumns(Article, { source: ['sourceId'], sentences: ['sentenceCount'], mentions: [] });
// Read in the statement of the articles that point to it (to-one.ts).
declareToOne(Article, 'source', { foreignKey: 'sourceId', target: Source, loader: 'sourceById' satisfies keyof Context['loaders'] });

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'One article, by id or by url' })
  article(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('url', () => String, { nullable: true }) url?: string,
  ): Promise<Article | null> {
    return findArticle(ctx, { id, url }, selectedFields(info));
  }

  @Query(() => ArticleConnection, { description: 'Articles in the order they were ingested, or in orderBy' })
  articles(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter,
    @Arg('orderBy', () => ArticleOrder, { nullable: true }) orderBy?: ArticleOrder,
  ): Promise<ArticleConnection> {
    return listArticles(ctx, args, filter ?? undefined, orderBy, selectedFields(info));
  }

  @Authorized(INGEST_ROLE)
  @Mutation(() => IngestArticlePayload, { description: 'Stores an article and its sentences; idempotent by url' })
  ingestArticle(@Ctx() ctx: Context, @Arg('input', () => IngestArticleInput) input: IngestArticleInput): Promise<IngestArticlePayload> {
    return ingestArticle(ctx, input);
  }

  @FieldResolver(() => Source)
  async source(@Root() article: Article, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Source> {
    return (await ctx.loaders.sourceById.load(rowKey(article.sourceId, selectedFields(info)))) as Source;
  }

  @FieldResolver(() => [Mention], { description: 'Spans naming actors or places, in text order' })
  mentions(@Root() article: Article, @Ctx() ctx: Context): Promise<Mention[]> {
    return ctx.loaders.mentionsByArticleId.load(article.id);
  }

  @FieldResolver(() => SentenceConnection, { description: 'The sentences in text order' })
  sentences(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<SentenceConnection> {
    return sentencesOfArticle(ctx, article, args, selectedFields(info));
  }
}
