import type { ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { tallySqlStatements } from '../db/sql-counter';
import { keyRefusalCodeOf, keyViewerOf, requestIdOf } from './http-request';
import { pathOf, type Step } from './step';

/** What one request did, filled in while it runs (the GraphQL plugin, the routes), logged and measured when it ends. */
export interface RequestRecord {
  /** The route, as a bounded label: `/graphql`, `/export/:file`, `/ingest`, `/healthz`, ..., `other`. */
  route: string;
  operationName?: string;
  operationType?: string;
  /** `extensions.code` of every error answered, GraphQL's and the other routes' alike. */
  errorCodes: string[];
  /** Statements run through the request's data source; absent for routes that have none (health, metrics, assets). */
  sql?: { readonly statements: number };
}

/** What the log line and the metrics are told when a request ends. */
export interface FinishedRequest {
  record: RequestRecord;
  method: string;
  status: number;
  seconds: number;
  /** The client went away before the answer was complete. */
  aborted: boolean;
}

const recordOfResponse = new WeakMap<ServerResponse, RequestRecord>();
// Keyed by the Context's data source: Apollo hands its plugins a shallow copy of the Context, not the one made.
const recordOfDataSource = new WeakMap<DataSource, RequestRecord>();

/** Routes whose lines are logged at debug (probes and scrapes would drown the rest). */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One structured log line per request, when it ends: request id, route and path (never the
 * query string: export filters may hold search text), status, duration, GraphQL operation name
 * and type, error codes, SQL statements, and who asked by organisation id and key prefix (never
 * the key, the variables or any text of the data).
 */
export function requestLog(logger: Logger, onFinished: (request: FinishedRequest) => void): Step {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = pathOf(req); // before a mounted router rewrites it
    const method = req.method ?? '';
    const record: RequestRecord = { route: routeOf(path), errorCodes: [] };
    recordOfResponse.set(res, record);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // GraphQL answers a refused key before any plugin runs (its context cannot be made).
      const refusal = keyRefusalCodeOf(res);
      if (refusal !== undefined && record.errorCodes.length === 0) record.errorCodes.push(refusal);
      const finished: FinishedRequest = { record, method, status: res.statusCode, seconds, aborted: !res.writableFinished };
      onFinished(finished);
      const viewer = keyViewerOf(res);
      const line = {
        requestId: requestIdOf(res),
        method,
        route: record.route,
        path: path.slice(0, 200),
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e6) / 1e3,
        operationName: record.operationName?.slice(0, 100),
        operationType: record.operationType,
        errorCodes: record.errorCodes.length > 0 ? [...new Set(record.errorCodes)] : undefined,
        sqlStatements: record.sql?.statements,
        organizationId: viewer?.organizationId ?? undefined,
        keyPrefix: viewer?.keyPrefix ?? undefined,
        aborted: finished.aborted || undefined,
      };
      if (QUIET_ROUTES.has(record.route)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

/** Links a request's Context (its data source) to its record: its SQL statements are counted from here on. */
export function observeContext(res: ServerResponse, ctx: { db: DataSource }): void {
  const record = recordOfResponse.get(res);
  if (record === undefined) return;
  record.sql = tallySqlStatements(ctx.db);
  recordOfDataSource.set(ctx.db, record);
}

/** The record of the request a GraphQL context belongs to (for the Apollo plugin). */
export function recordOf(ctx: { db?: DataSource } | undefined): RequestRecord | undefined {
  return ctx?.db === undefined ? undefined : recordOfDataSource.get(ctx.db);
}

function routeOf(path: string): string {
  if (path === '/graphql' || path === '/ingest' || QUIET_ROUTES.has(path)) return path;
  if (path.startsWith('/export/')) return '/export/:file';
  return 'other';
}

/**
 * The codes of an answer outside GraphQL that carries errors (exports, ingest refusals,
 * 401/404/405/429, unreadable bodies: http-errors.ts sendErrors); GraphQL's own are recorded by
 * the metrics plugin.
 */
export function noteErrorCodes(res: ServerResponse, errors: ReadonlyArray<{ extensions?: { code?: unknown } }>): void {
  const record = recordOfResponse.get(res);
  if (record === undefined) return;
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code === 'string') record.errorCodes.push(code);
  }
}
