import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  getNullableType,
  isLeafType,
  isListType,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { VerbatimError } from './errors';
import { DEFAULT_PAGE_SIZE } from './pagination';

export interface QueryLimits {
  maxCost: number;
  maxDepth: number;
}

/** A plain list field (not a connection) is assumed to hold about this many items. */
const ASSUMED_LIST_LENGTH = 10;

/**
 * What a field costs: leaves are free, each object costs 1, and a list or connection costs its
 * children once per item it may return (`first`/`last`, `ids`, else an assumed length). So
 * `articles(first: 100) { sentences(first: 100) { text } }` costs about 100 × 100.
 */
export const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  // A connection already counts its page; its `edges` and `nodes` lists are that same page.
  if (type.name.endsWith('Connection')) return childComplexity;
  const isConnection = getNamedType(field.type).name.endsWith('Connection');
  const pageSize = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  // Every item of a page costs at least 1, even when it selects only leaves.
  if (isConnection) return 1 + (pageSize ?? DEFAULT_PAGE_SIZE) * Math.max(1, childComplexity);
  if (isListType(getNullableType(field.type))) {
    const length = Array.isArray(args.ids) ? args.ids.length : ASSUMED_LIST_LENGTH;
    return 1 + length * Math.max(1, childComplexity);
  }
  return 1 + childComplexity;
};

/** Refuses, before execution, queries nested too deep or costing more than the limits allow. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const depth = operationDepth(document);
          if (depth > limits.maxDepth) {
            throw tooComplex(`This query nests ${depth} levels deep; the limit is ${limits.maxDepth}`, {
              depth,
              maxDepth: limits.maxDepth,
            });
          }
          const cost = estimateCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          if (cost > limits.maxCost) {
            throw tooComplex(
              `This query could cost ${cost}; the limit is ${limits.maxCost}. Ask for smaller pages (first/last) or fewer nested lists, and page through the rest`,
              {
                cost,
                maxCost: limits.maxCost,
              },
            );
          }
        },
      };
    },
  };
}

/**
 * The estimated cost; variables that do not fit their types are left for execution to refuse.
 * A query with more selections than the estimator walks (MAX_ESTIMATED_SELECTIONS) is refused
 * outright: it cannot be cheap, and leaving it unestimated would let it run unbounded.
 */
function estimateCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): number {
  try {
    return getComplexity({ schema, query, variables, operationName, estimators: [fieldCost], maxQueryNodes: MAX_ESTIMATED_SELECTIONS });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw tooComplex(`This query has more than ${MAX_ESTIMATED_SELECTIONS} selections; ask for fewer fields and aliases`, {
        maxSelections: MAX_ESTIMATED_SELECTIONS,
      });
    }
    if (error instanceof GraphQLError) return 0;
    throw error;
  }
}

/** Fields, fragments and aliases the cost estimator walks at most (graphql-query-complexity's default). */
export const MAX_ESTIMATED_SELECTIONS = 10_000;

function tooComplex(message: string, details: Record<string, number>): VerbatimError {
  const error = new VerbatimError('QUERY_TOO_COMPLEX', message, details);
  error.extensions.http = { status: 400 };
  return error;
}

/** The deepest field nesting of any operation, following fragments; introspection fields do not count. */
export function operationDepth(document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const depthOf = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, seen) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment === undefined || seen.has(fragment.name.value)) continue;
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value])));
      }
    }
    return deepest;
  };
  return Math.max(
    0,
    ...document.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? depthOf(definition.selectionSet, new Set()) : 0,
    ),
  );
}
