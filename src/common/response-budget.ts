import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  isLeafType,
  isObjectType,
  OperationTypeNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { VerbatimError } from './errors';

/** What one answer has spent of its budget; `refusal` is set once it is over. */
interface Spending {
  spent: number;
  refusal: VerbatimError | null;
}

/**
 * A budget for the size of each query's answer, enforced while it executes: every leaf value
 * (a string by its length, anything else by a few bytes) is charged to the request as it is
 * resolved, so an article body of a megabyte costs a megabyte however few selections ask for
 * it. Past the budget every further leaf fails at once, and the whole answer is replaced by one
 * QUERY_TOO_COMPLEX that says how to ask for less; the server never builds the oversized
 * response. Mutations are not refused after the fact (their writes are done): their answers
 * are small, and the mutation cap bounds them.
 */
export function responseBudget(schema: GraphQLSchema, maxBytes: number): ApolloServerPlugin {
  const spendings = new WeakMap<object, Spending>();
  chargeLeafFields(schema, (context, value) => {
    const spending = spendings.get(context);
    if (spending === undefined) return;
    if (spending.refusal !== null) throw spending.refusal;
    spending.spent += sizeOf(value);
    if (spending.spent > maxBytes) {
      spending.refusal = new VerbatimError(
        'QUERY_TOO_COMPLEX',
        `This answer would be larger than ${maxBytes} bytes. Ask for less: smaller pages (first/last), fewer aliases, or leave out long texts such as body, and page through the rest`,
        { maxResponseBytes: maxBytes },
      );
      throw spending.refusal;
    }
  });
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, operation }) {
          if (operation.operation === OperationTypeNode.QUERY) spendings.set(contextValue, { spent: 0, refusal: null });
        },
        async willSendResponse({ contextValue, response }) {
          const refusal = spendings.get(contextValue)?.refusal;
          if (refusal === undefined || refusal === null || response.body.kind !== 'single') return;
          const { code, maxResponseBytes } = refusal.extensions;
          response.body.singleResult = { errors: [{ message: refusal.message, extensions: { code, maxResponseBytes } }] };
          response.http.status = 400;
        },
      };
    },
  };
}

type Charge = (context: object, value: unknown) => void;

/** Wraps the resolver of every leaf field of the schema (introspection's excepted) to charge its value. */
function chargeLeafFields(schema: GraphQLSchema, charge: Charge): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isLeafType(getNamedType(field.type))) continue;
      field.resolve = charged(field.resolve ?? defaultFieldResolver, charge);
    }
  }
}

function charged(resolve: GraphQLFieldResolver<unknown, object>, charge: Charge): GraphQLFieldResolver<unknown, object> {
  return (source, args, context, info) => {
    const value: unknown = resolve(source, args, context, info);
    if (value instanceof Promise) {
      return value.then((resolved: unknown) => {
        charge(context, resolved);
        return resolved;
      });
    }
    charge(context, value);
    return value;
  };
}

/** About what a value adds to the JSON answer: a string its length, other values a few bytes each. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + sizeOf(item) + 1, 2);
  if (value instanceof Date) return 26;
  return 8;
}
