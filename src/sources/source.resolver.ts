import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { articlesOfSource } from '../articles/article.service';
import { ArticleConnection } from '../articles/article.types';
import { ConnectionArgs } from '../common/pagination';
import type { Context } from '../context';
import { Source } from './source.entity';
import { SourceFilter } from './source.inputs';
import { listSources } from './source.service';
import { SourceConnection } from './source.types';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'Publishers, in the order they were added' })
  sources(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => SourceFilter, { nullable: true }) filter?: SourceFilter,
  ): Promise<SourceConnection> {
    return listSources(ctx, args, filter ?? undefined);
  }

  @FieldResolver(() => ArticleConnection)
  articles(@Root() source: Source, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<ArticleConnection> {
    return articlesOfSource(ctx, source, args);
  }
}
