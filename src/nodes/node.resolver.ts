import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { selectedFields } from '../common/field-selection';
import { MAX_PAGE_SIZE } from '../common/connection';
import { Node } from '../common/node';
import type { Context } from '../context';
import { loadNode, loadNodes } from './node.service';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Anything with an id' })
  node(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Arg('id', () => ID) id: string): Promise<Node | null> {
    return loadNode(ctx, id, 'id', selectedFields(info));
  }

  @Query(() => [Node], { nullable: 'items', description: `Up to ${MAX_PAGE_SIZE} nodes, in the order asked; null where nothing is found` })
  nodes(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Arg('ids', () => [ID]) ids: string[]): Promise<Array<Node | null>> {
    return loadNodes(ctx, ids, selectedFields(info));
  }
}
