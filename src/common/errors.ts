import { GraphQLError } from 'graphql';

/** The error vocabulary of the public contract (DESIGN.md). Nothing else reaches a client. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class VerbatimError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** `field` names the offending input, as a path a client can point at ("input.body"). */
export function badInput(field: string, message: string): VerbatimError {
  return new VerbatimError('BAD_USER_INPUT', message, { field });
}

/**
 * An id of nothing, or of a row the caller may not see: both answer exactly so (docs/security.md).
 * `field` names the input that carried the id, when it came from one.
 */
export function notFound(what: string, field?: string): VerbatimError {
  return new VerbatimError('NOT_FOUND', `${what} not found`, field !== undefined ? { field } : {});
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): VerbatimError {
  return new VerbatimError('CONFLICT', message, extensions);
}

export function unauthenticated(message = 'A valid API key is required'): VerbatimError {
  return new VerbatimError('UNAUTHENTICATED', message);
}

export function forbidden(message = 'Your key may not do this'): VerbatimError {
  return new VerbatimError('FORBIDDEN', message);
}

/** `retryAfter`: whole seconds until the limit lets the caller in again (also the Retry-After header). */
export function rateLimited(retryAfter: number): VerbatimError {
  return new VerbatimError('RATE_LIMITED', `Too many requests: retry after ${retryAfter} s`, { retryAfter });
}
