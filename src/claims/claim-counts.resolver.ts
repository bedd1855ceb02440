import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import { BucketArgs, CountBucket } from '../common/count-bucket';
import type { Context } from '../context';
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
  async actor(@Root() bucket: CountBucket, @Ctx() ctx: Context): Promise<Actor | null> {
    return bucket.actorId == null ? null : ctx.loaders.actorById.load(bucket.actorId);
  }
}
