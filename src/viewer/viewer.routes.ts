import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../config';

/** The viewer's client-side pages: each serves index.html, and the app reads the path. */
export const VIEWER_PAGES = ['/', '/articles/:id', '/claims/:id', '/actors/:id'];

/**
 * Everything the browser loads comes from this server: scripts, styles, fonts and workers from
 * 'self', requests to 'self' only. Monaco (GraphiQL's editor) injects style elements and starts
 * its workers from blob: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The provenance viewer at `/` (and its deep links) and the GraphiQL explorer on a browser's
 * GET of `/graphql`, from the assets `npm run build` writes to `config.viewerDir`. Mount before
 * the GraphQL endpoint: a GET that asks for HTML and carries no `query` gets the explorer; every
 * other request to /graphql goes on to Apollo unchanged.
 */
export function viewerRoutes(config: Pick<Config, 'explorer' | 'viewerDir'>): Router {
  const router = express.Router();
  const page = (file: 'index.html' | 'explorer.html') => (_req: Request, res: Response) => {
    const location = path.join(config.viewerDir, file);
    setBrowserHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(location)) {
      res.status(503).type('text/plain').send('The viewer is not built: run `npm run build`, then restart the server.\n');
      return;
    }
    res.sendFile(location);
  };

  router.use(
    '/assets',
    express.static(path.join(config.viewerDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: setBrowserHeaders,
    }),
  );
  router.get(VIEWER_PAGES, page('index.html'));
  if (config.explorer) {
    router.get('/graphql', (req, res, next) => {
      if (req.query.query !== undefined || !wantsHtml(req)) return next();
      page('explorer.html')(req, res);
    });
  }
  return router;
}

/** As Apollo decides for its landing page: the client prefers HTML to JSON. */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function setBrowserHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
