import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: anything with an opaque global id that `node(id)` resolves. */
@InterfaceType('Node')
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global id; stable, never parse it.' })
  abstract readonly nodeId: string;
}
