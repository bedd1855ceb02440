import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import { BucketArgs, CountBucket } from '../common/count-bucket';
import type { Context } from '../context';
import { selectedFields } from '../common/field-selection';
import { rowKey } from '../common/loaders';
import { ClaimCountGroup, countClaims } from './claim-counts.service';
import { ClaimFilter } from './claim.inputs';

@Resolver(() => CountBucket)
export class ClaimCountsResolver {
  @Query(() => [CountBucket], {
    description: 'How many claims you may see the filter selects, by claimant, status or kind: for dashboards',
  })
  claimCounts(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => ClaimCountGroup) groupBy: ClaimCountGroup,
    @Args(() => BucketArgs) args: BucketArgs,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
  ): Promise<CountBucket[]> {
    return countClaims(ctx, groupBy, filter ?? undefined, args.first);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'CLAIMANT buckets: the actor' })
  async actor(@Root() bucket: CountBucket, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor | null> {
    return bucket.actorId == null ? null : ctx.loaders.actorById.load(rowKey(bucket.actorId, selectedFields(info)));
  }
}
