import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../common/connection';
import { Node } from '../common/node';
import type { Context } from '../context';
import { loadNode, loadNodes } from './node.service';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Anything with an id' })
  node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    return loadNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Up to ${MAX_PAGE_SIZE} nodes, in the order asked; null where nothing is found` })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<Array<Node | null>> {
    return loadNodes(ctx, ids);
  }
}
