import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { Context } from '../context';
import { readOnlyRequest } from '../db/read-routing';
import type { ReplicaSet } from '../db/read-replicas';

/**
 * With replicas (src/db/read-routing.ts): a query operation may read from a replica; a mutation
 * (its payload included) stays on the primary, and after it its API key reads from the primary
 * until a replica has replayed past the write, so the writer sees what it wrote.
 */
export function readRoutingPlugin(replicas: ReplicaSet): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === OperationTypeNode.QUERY) readOnlyRequest(contextValue.db);
        },
        async willSendResponse({ operation, contextValue }) {
          const writer = contextValue.viewer?.keyPrefix ?? null;
          // Before the response leaves: the writer's next request may come at once.
          if (operation?.operation === OperationTypeNode.MUTATION && writer !== null) await replicas.rememberWrite(writer);
        },
      };
    },
  };
}
