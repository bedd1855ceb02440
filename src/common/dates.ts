import { DateTimeResolver } from 'graphql-scalars';
import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';

/** PostgreSQL stores timestamps of years 1 to 294276, RFC 3339 writes years 1 to 9999: we take the years both can. */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

function storable(date: Date): Date {
  if (!isStorableDate(date)) throw new GraphQLError('DateTime must be a date-time between the years 0001 and 9999');
  return date;
}

/**
 * graphql-scalars' DateTime, refusing what SQL cannot store or RFC 3339 cannot write (year 0,
 * negative or five-digit years) while the query is validated, before anything runs.
 */
export const StorableDateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  parseValue: (value: unknown) => storable(DateTimeResolver.parseValue(value)),
  parseLiteral: (node: ValueNode, variables?: Record<string, unknown> | null) => storable(DateTimeResolver.parseLiteral(node, variables)),
});

/** A GraphQL `Date` (parsed as a JS Date at UTC midnight) as PostgreSQL's date text, YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
