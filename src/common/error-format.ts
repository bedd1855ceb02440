import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable, isStatementTimeout } from './database-errors';
import { VerbatimError, type ErrorCode } from './errors';

/** Apollo's own codes for requests that are not valid GraphQL: the client's fault, so BAD_USER_INPUT. */
const CLIENT_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Whether an error is one a client caused and may read, as opposed to a fault of ours. */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof VerbatimError) return true;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code === 'string' && CLIENT_REQUEST_CODES.has(code);
}

/**
 * The one translation of errors for clients: our vocabulary passes, invalid GraphQL requests
 * become BAD_USER_INPUT, anything else is masked as INTERNAL_SERVER_ERROR (no message, stack or
 * SQL), with `retryable: true` when the database is unavailable for a moment.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof VerbatimError) {
    const { http: _http, ...extensions } = original.extensions;
    return { ...base, extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_REQUEST_CODES.has(code)) {
    const field = invalidVariableField(formatted.message);
    return { ...base, extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: code, ...(field !== null ? { field } : {}) } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: internalErrorExtensions(original) };
}

/**
 * INTERNAL_SERVER_ERROR's extensions: retryable when the database is briefly unavailable;
 * `reason: "STATEMENT_TIMEOUT"` when a statement ran past VERBATIM_STATEMENT_TIMEOUT_MS (ask for
 * less, or retry later: no SQL or timing is shown).
 */
export function internalErrorExtensions(error: unknown): Record<string, unknown> {
  const code = 'INTERNAL_SERVER_ERROR' satisfies ErrorCode;
  if (isDatabaseUnavailable(error)) return { code, retryable: true };
  return isStatementTimeout(error) ? { code, reason: 'STATEMENT_TIMEOUT' } : { code };
}

/** The variable graphql-js refused before any resolver ran, from its message: `Variable "$i" got invalid value …`. */
export function refusedVariableName(message: string): string | null {
  return /^Variable "\$([A-Za-z_]\w*)" (?:got invalid value |of required type |of non-null type )/.exec(message)?.[1] ?? null;
}

/**
 * Where in a variable GraphQL refused it (a Date that is not a day, an unknown enum value):
 * graphql-js says `Variable "$i" got invalid value … at "i.date"; …`, a path from the client's
 * variable; the input guard (input-guard.ts) then turns its first step into the argument path
 * (`input.date`), which only the document knows.
 */
function invalidVariableField(message: string): string | null {
  const variable = refusedVariableName(message);
  if (variable === null) return null;
  // The first " at " follows the value, which graphql-js prints JSON-escaped, so it cannot fake one.
  if (!message.startsWith(`Variable "$${variable}" got invalid value `)) return variable;
  const path = / at "([A-Za-z_][\w.[\]]*)"; /.exec(message)?.[1] ?? variable;
  // A field missing or unknown is named after the path of the object that should (not) hold it.
  const field = /; Field "([A-Za-z_]\w*)" (?:of required type .* was not provided|is not defined by type .*)\.$/.exec(message);
  return field !== null ? `${path}.${field[1]}` : path;
}
