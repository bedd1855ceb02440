import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The viewer's pages and the explorer, from a stand-in build (the real one is `npm run build:viewer`;
 * the browser tests use it): which requests get which file, with which headers, and that the
 * GraphQL endpoint behind them is unchanged.
 */
const INDEX = '<!doctype html><title>viewer stand-in</title>';
const EXPLORER = '<!doctype html><title>explorer stand-in</title>';
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

jest.setTimeout(30_000);

let viewerDir: string;
let app: TestApp;
let base: string;

beforeAll(async () => {
  viewerDir = mkdtempSync(path.join(tmpdir(), 'verbatim-viewer-'));
  mkdirSync(path.join(viewerDir, 'assets'));
  writeFileSync(path.join(viewerDir, 'index.html'), INDEX);
  writeFileSync(path.join(viewerDir, 'explorer.html'), EXPLORER);
  writeFileSync(path.join(viewerDir, 'assets', 'app-1234.js'), 'console.log("viewer");');
  app = await startTestApp({ VERBATIM_VIEWER_DIR: viewerDir });
  base = app.url.replace('/graphql', '');
});
afterAll(async () => {
  await app.close();
  rmSync(viewerDir, { recursive: true, force: true });
});

/** A GET with the path exactly as given (fetch would normalise "..", a hostile client does not). */
function rawGet(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the provenance viewer', () => {
  it.each(['/', '/articles/QXJ0aWNsZTox', '/claims/Q2xhaW06MQ', '/actors/QWN0b3I6MQ', '/?q=warrants&mode=sentences'])(
    'answers %s with the app, which allows requests to this server only',
    async (pathname) => {
      const response = await fetch(base + pathname, { headers: html });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('serves built assets as immutable, and nothing outside the assets folder', async () => {
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('viewer');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    for (const hostile of [
      '/assets/../index.html',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/%00',
      `/assets/${'a'.repeat(5000)}`,
    ]) {
      const { status, body } = await rawGet(hostile);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(body).not.toContain('"name": "verbatim"');
    }
  });

  it('has no page for other paths, nor for ids with slashes', async () => {
    expect((await fetch(`${base}/articles`, { headers: html })).status).toBe(404);
    expect((await fetch(`${base}/articles/a/b`, { headers: html })).status).toBe(404);
    expect((await fetch(`${base}/index.html`, { headers: html })).status).toBe(404);
  });
});

describe('the explorer at /graphql', () => {
  it('answers a browser GET with the explorer, not Apollo’s landing page', async () => {
    const response = await fetch(app.url, { headers: html });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(EXPLORER);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('leaves GraphQL requests to Apollo: POST answers, a GET query still meets CSRF prevention', async () => {
    const post = await app.gql<{ __typename: string }>('{ __typename }', {}, { key: null });
    expect(post.data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: html });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/i);
    const preflighted = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await preflighted.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('answers a client that prefers JSON as Apollo does, with no HTML', async () => {
    const response = await fetch(app.url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).not.toContain('text/html');
  });
});

describe('switched off or not built', () => {
  it('VERBATIM_EXPLORER=false: no explorer and no landing page, the viewer stays', async () => {
    const off = await startTestApp({ VERBATIM_VIEWER_DIR: viewerDir, VERBATIM_EXPLORER: 'false' });
    try {
      const response = await fetch(off.url, { headers: html });
      const body = await response.text();
      expect(response.status).toBe(400);
      expect(body).not.toContain(EXPLORER);
      expect(body).not.toMatch(/apollo.*sandbox|landing/i);
      expect(await (await fetch(off.url.replace('/graphql', '/'), { headers: html })).text()).toBe(INDEX);
    } finally {
      await off.close();
    }
  });

  it('says how to build the viewer when its files are missing', async () => {
    const unbuilt = await startTestApp({ VERBATIM_VIEWER_DIR: path.join(viewerDir, 'nowhere') });
    try {
      for (const url of [unbuilt.url.replace('/graphql', '/'), unbuilt.url]) {
        const response = await fetch(url, { headers: html });
        expect(response.status).toBe(503);
        expect(await response.text()).toContain('npm run build');
      }
    } finally {
      await unbuilt.close();
    }
  });
});
