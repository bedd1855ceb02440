import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * One step of answering an HTTP request, over Node's own request and response: the same
 * function runs mounted in Express (whose request and response extend these) and in the plain
 * chain below, which serves the one hot route (POST /graphql with a JSON body) without Express's
 * router, request decoration and body parser (docs/benchmarks.md: they cost more CPU than the
 * GraphQL request itself). `next(error)` hands the request to the error step.
 */
export type Step = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void | Promise<void>;

export type ErrorStep = (error: unknown, req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Runs `steps` in order as Express would; an error (thrown, rejected or passed to next) goes to `onError`. */
export function chain(steps: readonly Step[], onError: ErrorStep): RequestListener {
  return (req, res) => {
    let index = 0;
    // After the error step: a response already under way can only be cut off.
    const fail = () => res.destroy();
    const next = (error?: unknown): void => {
      if (error !== undefined) return onError(error, req, res, fail);
      const step = steps[index++];
      if (step === undefined) return onError(new Error('the chain ended without an answer'), req, res, fail);
      try {
        const outcome = step(req, res, next);
        if (outcome instanceof Promise) outcome.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    next();
  };
}

/** A request header as one string (repeated headers joined as Node joins them), or undefined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The path of the request's URL, without the query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The query string of the request's URL with its `?`, or '' without one. */
export function searchOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? '' : url.slice(query);
}

/** A request whose body a body reader has read (json-body.ts, or Express's JSON parser). */
export type RequestWithBody = IncomingMessage & { body?: unknown };
