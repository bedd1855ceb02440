import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { sendHttpError } from '../http/http-errors';
import { requestIdOf, viewerOf } from '../http/http-request';
import { observeContext } from '../http/request-log';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import { createContext, createLoaders } from '../context';
import { readOnlyRequest } from '../db/read-routing';
import { ExportParams } from './export-params';
import { CONTENT_TYPES, planExport, runExport } from './export.service';
import { ClientGoneError, writeWithBackpressure } from './response-writer';

/**
 * `GET /export/<kind>.<format>?<filter>` (claims.csv, events.ndjson, actors.jsonld, ...): every
 * record the key may see that meets the list's filter, streamed. Filter parameters are the
 * list's filter field names; an unknown one is refused with 400 BAD_USER_INPUT.
 */
export function exportRoute(deps: { db: DataSource; config: Config; logger: Logger }): RequestHandler {
  const { db, config, logger } = deps;
  return async (req, res) => {
    const requestId = requestIdOf(res);
    try {
      const viewer = viewerOf(res);
      const file = String(req.params.file);
      const dot = file.lastIndexOf('.');
      const params = ExportParams.fromQuery(req.query);
      const plan = planExport(dot < 0 ? file : file.slice(0, dot), dot < 0 ? '' : file.slice(dot + 1), params);
      const ctx = createContext(db, config, viewer, requestId);
      observeContext(res, ctx);
      readOnlyRequest(ctx.db); // with replicas, an export reads from one
      res.status(200).type(CONTENT_TYPES[plan.format]);
      res.setHeader('x-verbatim-export-max-rows', String(config.exportMaxRows));
      await runExport(
        ctx,
        plan,
        () => createLoaders(ctx.db, viewer),
        (chunk) => writeWithBackpressure(res, chunk),
        config.exportMaxRows,
      );
      res.end();
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      if (res.headersSent) {
        logger.error({ err: error, requestId }, 'export failed mid-stream');
        res.destroy();
        return;
      }
      sendHttpError(res, error, logger, requestId);
    }
  };
}
