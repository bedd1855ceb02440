import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../common/logger';
import { resolveViewer } from './auth';
import { VerbatimError } from '../common/errors';
import type { Viewer } from '../common/viewer';
import { headerOf, type Step } from './step';

/** What every API request carries before a route runs, kept by its response. */
interface RequestLocals {
  requestId: string;
  /** The client's address, through the proxies `VERBATIM_TRUST_PROXY` trusts. */
  address?: string;
  viewer?: Viewer;
  /** Why the Authorization header was refused; the route answers with it. */
  authError?: VerbatimError;
  /** A fault of ours was already logged for this request (with its details). */
  faultLogged?: boolean;
}

const locals = new WeakMap<ServerResponse, RequestLocals>();

function localsOf(res: ServerResponse): RequestLocals {
  let found = locals.get(res);
  if (found === undefined) {
    found = { requestId: '' };
    locals.set(res, found);
  }
  return found;
}

/**
 * An id for the logs and the `x-request-id` header (the client's own, if it is a sane one), and
 * the client's address: the socket's, or the one a trusted proxy forwarded (`trustProxy` as
 * Express reads its `trust proxy` setting: true, a number of hops, or a list of addresses).
 */
export function assignRequestId(trustProxy: boolean | number | string): Step {
  const trusted = trustOf(trustProxy);
  return (req, res, next) => {
    const header = headerOf(req, 'x-request-id');
    const requestId = header !== undefined && /^[A-Za-z0-9._-]{1,100}$/.test(header) ? header : randomUUID();
    const found = localsOf(res);
    found.requestId = requestId;
    found.address = proxyAddr(req, trusted);
    res.setHeader('x-request-id', requestId);
    next();
  };
}

function trustOf(setting: boolean | number | string): (address: string, hop: number) => boolean {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting.split(',').map((part) => part.trim()));
}

/** The client's address (assignRequestId). */
export function addressOf(res: ServerResponse): string | undefined {
  return localsOf(res).address;
}

/**
 * Works out once who is asking, for the rate limiter, GraphQL and the export alike. A refused
 * key is kept, not answered here: each route answers in its own format.
 */
export function identifyViewer(db: DataSource, config: Config, operatorOrganizationId: string): Step {
  return async (req, res, next) => {
    try {
      localsOf(res).viewer = await resolveViewer(db, config, operatorOrganizationId, headerOf(req, 'authorization'));
    } catch (error) {
      if (!(error instanceof VerbatimError)) return next(error);
      error.extensions.http = { status: 401 }; // Apollo's way to set the status; formatError drops it
      localsOf(res).authError = error;
    }
    next();
  };
}

export function requestIdOf(res: ServerResponse): string {
  return localsOf(res).requestId;
}

/** The viewer identifyViewer found; throws its refusal if the key was refused. */
export function viewerOf(res: ServerResponse): Viewer {
  const { viewer, authError } = localsOf(res);
  if (authError !== undefined) throw authError;
  if (viewer === undefined) throw new Error('identifyViewer did not run before this route');
  return viewer;
}

/** The viewer, or null when the request has no valid key (anonymous, or a refused key). */
export function keyViewerOf(res: ServerResponse): Viewer | null {
  const { viewer } = localsOf(res);
  return viewer !== undefined && viewer.role !== null ? viewer : null;
}

/** The code of the key refusal this request was answered with, if its key was refused. */
export function keyRefusalCodeOf(res: ServerResponse): string | undefined {
  const code = localsOf(res).authError?.extensions.code;
  return typeof code === 'string' ? code : undefined;
}

/** Records that this request's fault was logged with its details (logServerFaults then stays quiet). */
export function markFaultLogged(res: ServerResponse): void {
  localsOf(res).faultLogged = true;
}

/**
 * Every answer of 500 or more is logged under its request id, whatever produced it: a fault
 * masked by Apollo outside its error hooks (serialising the answer) would otherwise leave no
 * trace a user's request id could find. A database outage (503) is logged where it is seen.
 */
export function logServerFaults(logger: Logger): Step {
  return (_req, res, next) => {
    res.on('finish', () => {
      const { requestId, faultLogged } = localsOf(res);
      if (res.statusCode >= 500 && res.statusCode !== 503 && faultLogged !== true) {
        logger.error({ requestId, status: res.statusCode }, 'answered with a server error');
      }
    });
    next();
  };
}
