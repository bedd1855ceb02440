import { Transform, type TransformCallback } from 'node:stream';
import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import { sendHttpError } from '../http/http-errors';
import { requestIdOf, viewerOf } from '../http/http-request';
import { observeContext } from '../http/request-log';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import { createContext } from '../context';
import { ClientGoneError, writeWithBackpressure } from '../exports/response-writer';
import { INGEST_ROLE, mayIngest } from '../access/ingest-access';
import { bulkIngest } from './bulk-ingest.service';
import { ndjsonLines } from './ndjson-lines';

/** A line carries one body of at most 1 MB of UTF-8; JSON escapes may grow it. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain'];

class BodyTooLargeError extends Error {}

/**
 * `POST /ingest` (an EDITOR key), body NDJSON: one IngestArticleInput per line. The answer
 * streams one JSON line per input line, in input order: `line`, `status` (created, skipped,
 * refused), `articleId`, and for a refusal `error { code message field }`. A body over the
 * byte budget ends with one more line saying so; lines past the line budget are refused.
 */
export function ingestRoute(deps: { db: DataSource; config: Config; logger: Logger; schema: GraphQLSchema }): RequestHandler {
  const { db, config, logger, schema } = deps;
  return async (req, res) => {
    const requestId = requestIdOf(res);
    try {
      const viewer = viewerOf(res);
      if (viewer.role === null) throw unauthenticated(`Bulk ingest needs an ${INGEST_ROLE} key: send "Authorization: Bearer <key>"`);
      if (!mayIngest(viewer)) throw forbidden(`Bulk ingest needs a key with role ${INGEST_ROLE}; yours is ${viewer.role}`);
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!NDJSON_TYPES.includes(type)) throw badInput('content-type', 'Send the lines as Content-Type: application/x-ndjson');
      const ctx = createContext(db, config, viewer, requestId);
      observeContext(res, ctx);
      res.status(200).type('application/x-ndjson; charset=utf-8');
      const body = req.pipe(byteBudget(config.ingestMaxBytes));
      try {
        await bulkIngest(
          ctx,
          schema,
          ndjsonLines(body, MAX_LINE_BYTES),
          { batchSize: 100, concurrency: 4, extract: false, maxLines: config.ingestMaxLines },
          (result) => writeWithBackpressure(res, `${JSON.stringify(result)}\n`),
        );
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        const message = `The body is over ${config.ingestMaxBytes} bytes; lines after the last answered one were not read: send them again`;
        await writeWithBackpressure(
          res,
          `${JSON.stringify({ status: 'refused', error: { code: 'BAD_USER_INPUT', message, field: 'body' } })}\n`,
        );
        req.unpipe();
        req.resume();
      }
      res.end();
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      if (res.headersSent) {
        logger.error({ err: error, requestId }, 'bulk ingest failed mid-stream');
        res.destroy();
        return;
      }
      sendHttpError(res, error, logger, requestId);
    }
  };
}

function byteBudget(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new BodyTooLargeError());
      else callback(null, chunk);
    },
  });
}
