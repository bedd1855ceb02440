import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { BucketArgs, CountBucket } from '../common/count-bucket';
import type { Context } from '../context';
import { countEvents, EventCountGroup } from './event-counts.service';
import { EventFilter } from './event.inputs';

@Resolver()
export class EventCountsResolver {
  @Query(() => [CountBucket], { description: 'How many events the filter selects, by type, month or province: for dashboards' })
  eventCounts(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => EventCountGroup) groupBy: EventCountGroup,
    @Args(() => BucketArgs) args: BucketArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
  ): Promise<CountBucket[]> {
    return countEvents(ctx, groupBy, filter ?? undefined, args.first);
  }
}
