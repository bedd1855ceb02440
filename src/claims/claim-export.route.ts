import { once } from 'node:events';
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { isStorableDate } from '../common/dates';
import { badInput } from '../common/errors';
import { sendHttpError } from '../http/http-errors';
import { requestIdOf, viewerOf } from '../http/http-request';
import { unstorableTextReason } from '../common/text-input';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import { createContext, createLoaders } from '../context';
import { readOnlyRequest } from '../db/read-routing';
import { claimCriteria } from './claim-criteria';
import { ClaimKind, ReviewStatus } from './claim.entity';
import type { ClaimFilter } from './claim.inputs';
import { exportClaimAnnotations } from './claim-export.service';

/**
 * `GET /export/claims.jsonld?articleId=...&status=ACCEPTED`: every visible claim matching the
 * ClaimFilter fields given as query parameters, streamed as NDJSON, one Web Annotation per line.
 */
export function claimExportRoute(deps: { db: DataSource; config: Config; logger: Logger }): RequestHandler {
  const { db, config, logger } = deps;
  return async (req, res) => {
    const requestId = requestIdOf(res);
    try {
      const viewer = viewerOf(res);
      const criteria = claimCriteria(filterFromQuery(req.query), 'query');
      const ctx = createContext(db, config, viewer, requestId);
      readOnlyRequest(ctx.db); // with replicas, an export reads from one
      res.status(200).type('application/x-ndjson; charset=utf-8');
      await exportClaimAnnotations(
        ctx,
        criteria,
        () => createLoaders(ctx.db, viewer),
        async (annotation) => {
          if (!res.write(`${JSON.stringify(annotation)}\n`)) await once(res, 'drain');
        },
      );
      res.end();
    } catch (error) {
      if (res.headersSent) {
        logger.error({ err: error, requestId }, 'claim export failed mid-stream');
        res.destroy();
        return;
      }
      sendHttpError(res, error, logger, requestId);
    }
  };
}

const ID_PARAMS = ['actorId', 'claimantId', 'eventId', 'articleId', 'sourceId'] as const;

function filterFromQuery(query: Record<string, unknown>): ClaimFilter {
  const filter: ClaimFilter = {};
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > 500) throw badInput(`query.${name}`, `${name} must be given once, as text`);
    const reason = unstorableTextReason(value);
    if (reason !== null) throw badInput(`query.${name}`, `${name} ${reason}`);
    return value;
  };
  for (const name of ID_PARAMS) filter[name] = text(name);
  const status = text('status');
  if (status !== undefined && !(status in ReviewStatus))
    throw badInput('query.status', `status is one of ${Object.keys(ReviewStatus).join(', ')}`);
  filter.status = status as ReviewStatus | undefined;
  const kind = text('kind');
  if (kind !== undefined && !(kind in ClaimKind)) throw badInput('query.kind', `kind is one of ${Object.keys(ClaimKind).join(', ')}`);
  filter.kind = kind as ClaimKind | undefined;
  filter.search = text('search');
  for (const name of ['from', 'to', 'updatedSince'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    const date = new Date(value);
    if (!isStorableDate(date)) throw badInput(`query.${name}`, `${name} must be an ISO 8601 date-time between the years 0001 and 9999`);
    filter[name] = date;
  }
  return filter;
}
