import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { headerOf, pathOf, type RequestWithBody, type Step } from './step';

/**
 * The requests the plain chain serves (server.ts): a POST to `path` with a JSON body in UTF-8,
 * not compressed, of a declared length or chunked. Anything else (another type or charset, a
 * compressed body, no body) goes through Express and its body parser, which answer those cases
 * as they always have.
 */
export function isPlainJsonPost(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST' || pathOf(req) !== path) return false;
  const encoding = headerOf(req, 'content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return false;
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return false;
  return JSON_UTF8.test(headerOf(req, 'content-type') ?? '');
}

const JSON_UTF8 = /^\s*application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

/**
 * Reads a JSON body of at most `limit` bytes into `req.body`, as Express's JSON parser does for
 * the requests isPlainJsonPost admits: an empty body is `{}`, and only an object or an array is
 * JSON here (its strict mode). Failures carry the parser's `status` and `type`, so http-errors.ts
 * answers them alike (413 for a body too large, 400 for one that is not JSON).
 */
export function readJsonBody(limit: number): Step {
  return async (req, _res, next) => {
    const length = headerOf(req, 'content-length');
    const text = await getRawBody(req, { limit, length, encoding: 'utf-8' });
    (req as RequestWithBody).body = parseStrict(text);
    next();
  };
}

function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw notJson(`Unexpected token ${JSON.stringify(first ?? '')} at the start of the body`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw notJson(error instanceof Error ? error.message : String(error));
  }
}

function notJson(message: string): Error {
  return Object.assign(new Error(message), { status: 400, type: 'entity.parse.failed' });
}
