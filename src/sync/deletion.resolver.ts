import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { Deletion } from './deletion.entity';
import { listDeletions } from './deletion.service';
import { DeletionConnection } from './deletion.types';

@Resolver(() => Deletion)
export class DeletionResolver {
  @Query(() => DeletionConnection, {
    description:
      'Retracted claims, merged actors and deleted ids since a time, oldest first: with filter.updatedSince on the lists, keeps a mirror current',
  })
  deletions(
    @Ctx() ctx: Context,
    @Arg('since', () => Date) since: Date,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<DeletionConnection> {
    return listDeletions(ctx, since, args);
  }
}
