import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { articlesOfSource } from '../articles/article.service';
import { ArticleConnection } from '../articles/article.types';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { Source } from './source.entity';
import { SourceFilter } from './source.inputs';
import { listSources } from './source.service';
import { SourceConnection } from './source.types';

declareFieldColumns(Source, { articles: [] });

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'Publishers, in the order they were added' })
  sources(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SourceFilter, { nullable: true }) filter?: SourceFilter,
  ): Promise<SourceConnection> {
    return listSources(ctx, args, filter ?? undefined, selectedFields(info));
  }

  @FieldResolver(() => ArticleConnection)
  articles(
    @Root() source: Source,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<ArticleConnection> {
    return articlesOfSource(ctx, source, args, selectedFields(info));
  }
}
