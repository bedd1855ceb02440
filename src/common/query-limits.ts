import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { badInput, VerbatimError } from './errors';
import { measureOperation, type OperationMeasure } from './query-analysis';

export interface QueryLimits {
  maxCost: number;
  maxDepth: number;
  /** Root fields of one mutation request (each is also counted by the rate limiter). */
  maxMutationFields: number;
}

/** Field selections one operation may have once fragments are expanded, however cheap each looks. */
export const MAX_ESTIMATED_SELECTIONS = 10_000;

/**
 * Refuses, before execution, operations nested too deep, with too many selections, costing more
 * than the limits allow, with too many mutations, or that are subscriptions (there are none).
 * All of it is measured in one walk linear in the document's size (query-analysis.ts).
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  // A dashboard sends the same query with the same variables again and again: its measure is
  // kept by query text, operation and variables (queries only; a mutation's variables carry
  // whole articles). A measure that refused (a page over the limit) is not kept.
  const measures = new LRUCache<string, OperationMeasure>({ max: MAX_CACHED_MEASURES });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, queryHash }) {
          if (operation === undefined) return; // Apollo refuses a request without a resolvable operation itself
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw clientError(badInput('query', 'This API has no subscriptions: send a query or a mutation'));
          }
          const variables = request.variables ?? {};
          const key = operation.operation === OperationTypeNode.QUERY ? measureKey(queryHash, request.operationName, variables) : undefined;
          let measure = key === undefined ? undefined : measures.get(key);
          if (measure === undefined) {
            measure = measureOperation(schema, fragmentsOf(document), operation, variables);
            if (key !== undefined) measures.set(key, measure);
          }
          checkLimits(measure, limits, operation.operation === OperationTypeNode.MUTATION);
        },
      };
    },
  };
}

/** Measures kept (by query text, operation name and variables), the least recently used dropped first. */
const MAX_CACHED_MEASURES = 1_000;

/** Variables past this length are not worth a key: such a query is measured every time. */
const MAX_KEYED_VARIABLES = 2_048;

function measureKey(queryHash: string, operationName: string | undefined, variables: Record<string, unknown>): string | undefined {
  const values = JSON.stringify(variables);
  if (values.length > MAX_KEYED_VARIABLES) return undefined;
  return `${queryHash}\u0000${operationName ?? ''}\u0000${values}`;
}

export function checkLimits(measure: OperationMeasure, limits: QueryLimits, isMutation: boolean): void {
  const { depth, selections, cost, rootFields } = measure;
  if (depth > limits.maxDepth) {
    throw tooComplex(`This query nests ${depth} levels deep; the limit is ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
  }
  if (selections > MAX_ESTIMATED_SELECTIONS) {
    throw tooComplex(`This query has more than ${MAX_ESTIMATED_SELECTIONS} selections; ask for fewer fields and aliases`, {
      maxSelections: MAX_ESTIMATED_SELECTIONS,
    });
  }
  if (cost > limits.maxCost) {
    throw tooComplex(
      `This query could cost ${cost}; the limit is ${limits.maxCost}. Ask for smaller pages (first/last) or fewer nested lists, and page through the rest`,
      { cost, maxCost: limits.maxCost },
    );
  }
  if (isMutation && rootFields > limits.maxMutationFields) {
    throw tooComplex(
      `This request has ${rootFields} mutations; the limit is ${limits.maxMutationFields}. Send the rest in further requests`,
      { mutations: rootFields, maxMutations: limits.maxMutationFields },
    );
  }
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
}

function clientError(error: VerbatimError): VerbatimError {
  error.extensions.http = { status: 400 };
  return error;
}

export function tooComplex(message: string, details: Record<string, number>): VerbatimError {
  return clientError(new VerbatimError('QUERY_TOO_COMPLEX', message, details));
}
