import type { ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from '../common/database-errors';
import { internalErrorExtensions } from '../common/error-format';
import { VerbatimError, type ErrorCode } from '../common/errors';
import { markFaultLogged } from './http-request';
import type { Logger } from '../common/logger';
import { noteErrorCodes } from './request-log';
import { pathOf, type ErrorStep, type Step } from './step';

/** How long a client is asked to wait (Retry-After) while the database is unavailable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

const STATUS_OF_CODE: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * Answers a request outside GraphQL (the export, unreadable bodies, failures before GraphQL)
 * with a GraphQL-shaped error, in the same vocabulary and with the same masking. An
 * unavailable database is HTTP 503 with Retry-After; other faults of ours are logged and 500.
 */
export function sendHttpError(res: ServerResponse, error: unknown, logger: Logger, requestId?: string): void {
  const { status, message, extensions } = httpAnswer(error);
  if (status >= 500) {
    logger.error({ err: error, requestId }, 'request failed outside GraphQL');
    markFaultLogged(res);
  }
  if (status === 503) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
  sendErrors(res, status, [{ message, extensions }]);
}

/**
 * The one way an answer with errors leaves outside GraphQL: `{ errors }` as JSON (whatever type a
 * route had named before failing, e.g. the export's NDJSON), their codes noted for the request log.
 */
export function sendErrors(
  res: ServerResponse,
  status: number,
  errors: Array<{ message: string; extensions: Record<string, unknown> }>,
): void {
  noteErrorCodes(res, errors);
  const body = JSON.stringify({ errors });
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

function httpAnswer(error: unknown): { status: number; message: string; extensions: Record<string, unknown> } {
  if (error instanceof VerbatimError) {
    const { http: _http, ...extensions } = error.extensions;
    return { status: STATUS_OF_CODE[extensions.code as ErrorCode] ?? 400, message: error.message, extensions };
  }
  // body-parser's errors: too large, not JSON, wrong charset.
  const bodyError = error as { status?: number; type?: string; message?: string };
  if (typeof bodyError.status === 'number' && bodyError.status < 500) {
    const message =
      bodyError.type === 'entity.too.large'
        ? 'The request body is too large'
        : `The request body could not be read: ${bodyError.message ?? 'invalid'}`;
    return { status: bodyError.status, message, extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode } };
  }
  return { status: isDatabaseUnavailable(error) ? 503 : 500, message: 'Internal server error', extensions: internalErrorExtensions(error) };
}

/** Errors raised before GraphQL runs (body parsing, identifying the viewer) still get a GraphQL-shaped answer. */
export function httpErrorHandler(logger: Logger): ErrorStep {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    sendHttpError(res, error, logger, res.getHeader('x-request-id') as string | undefined);
  };
}

/**
 * A route answering only `methods`: any other method gets 405 with `Allow` and a JSON error.
 * `passAllowed`: put in front of the route's own handlers (else it is the route's fallback).
 */
export function methodNotAllowed(methods: string[], options: { passAllowed?: boolean } = {}): Step {
  return (req, res, next) => {
    if (options.passAllowed === true && methods.includes(req.method ?? '')) return next();
    res.setHeader('Allow', methods.join(', '));
    const error = new VerbatimError('BAD_USER_INPUT', `${req.method} is not served here; use ${methods.join(' or ')}`, {
      reason: 'METHOD_NOT_ALLOWED',
    });
    sendErrors(res, 405, [{ message: error.message, extensions: error.extensions }]);
  };
}

/** Any path no route serves: 404 with a JSON error. */
export function routeNotFound(): Step {
  return (req, res) => {
    const error = new VerbatimError(
      'NOT_FOUND',
      `No route ${req.method} ${pathOf(req)}; the API is POST /graphql and GET /export/claims.jsonld`,
    );
    sendErrors(res, 404, [{ message: error.message, extensions: error.extensions }]);
  };
}
