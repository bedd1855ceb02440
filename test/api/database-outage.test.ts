import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';

/**
 * The app reaches PostgreSQL through a proxy that the test cuts and restores: from the app's
 * side, exactly a database that goes away (connections dropped, new ones refused) and comes back.
 * (test/load/fault-run.test.ts stops and restarts a real PostgreSQL under load.)
 */
let app: TestApp;
let proxy: TcpProxy;
let editorKey: string;
let tablesBeforeOutage: Record<string, string>;

const READ = `{ articles(first: 3) { totalCount nodes { title } } }`;
const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: unknown };
}

async function post(body: Record<string, unknown>, key?: string): Promise<Answer> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json: (await response.json()) as Answer['json'] };
}

const readyz = async (): Promise<number> => (await fetch(app.url.replace('/graphql', '/readyz'))).status;

beforeAll(async () => {
  const server = new URL(process.env.DATABASE_URL as string);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  app = await startTestApp(
    { VERBATIM_DB_CONNECT_TIMEOUT_MS: '1000' },
    {
      connectVia: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    },
  );
  editorKey = await insertApiKey(app.db, Role.EDITOR);
  expect((await post({ query: READ })).status).toBe(200);
});
afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await app.close();
  await proxy.close();
});

describe('when PostgreSQL goes away', () => {
  it('fails requests fast, HTTP 503 with Retry-After, masked and marked retryable; /readyz says 503; nothing is written', async () => {
    tablesBeforeOutage = await snapshotTables(app.db);
    await proxy.cut();
    for (const [body, key] of [
      [{ query: READ }, undefined],
      [{ query: READ }, editorKey], // the key lookup itself needs the database
      [{ query: INGEST, variables: { input: articleInput() } }, editorKey],
    ] as const) {
      const started = Date.now();
      const { status, retryAfter, json } = await post(body, key);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(status).toBe(503);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(json.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      });
      expect(JSON.stringify(json)).not.toMatch(/ECONNREFUSED|terminated|SELECT|127\.0\.0\.1/);
    }
    expect(await readyz()).toBe(503);
    const exported = await fetch(app.url.replace('/graphql', '/export/claims.jsonld'));
    expect(exported.status).toBe(503);
  });

  it('serves again when it returns, without a restart', async () => {
    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let answer = await post({ query: READ });
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await post({ query: READ });
    }
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(await readyz()).toBe(200);
    expect(await snapshotTables(app.db)).toEqual(tablesBeforeOutage); // the refused ingest wrote nothing
    const ingested = await post({ query: INGEST, variables: { input: articleInput() } }, editorKey);
    expect(ingested.json).toEqual({ data: { ingestArticle: { created: true } }, extensions: expect.anything() });
  });
});
