import { articleInput } from '../helpers/factories';
import { snapshotTables } from '../helpers/table-snapshot';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Apollo's CSRF prevention (a request a browser could send cross-site without a preflight is
 * refused) and the refusal of batched operations (an array body), through real HTTP.
 */
let app: TestApp;
const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;
const auth = { authorization: `Bearer ${ADMIN_KEY}` };

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function send(init: RequestInit, query = ''): Promise<{ status: number; body: string }> {
  const response = await fetch(`${app.url}${query}`, init);
  return { status: response.status, body: await response.text() };
}

describe('CSRF prevention', () => {
  it('refuses a GET without a preflight header, and serves it with one', async () => {
    const query = `?query=${encodeURIComponent('{ sources(first: 1) { totalCount } }')}`;
    const simple = await send({ headers: auth }, query);
    expect(simple.status).toBe(400);
    expect(simple.body).toMatch(/CSRF/);
    expect(simple.body).not.toMatch(/totalCount/);
    const preflighted = await send({ headers: { ...auth, 'apollo-require-preflight': 'true' } }, query);
    expect(preflighted.status).toBe(200);
    expect(JSON.parse(preflighted.body)).toMatchObject({ data: { sources: { totalCount: 0 } } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST of a mutation sent as %s, writing nothing',
    async (contentType) => {
      const before = await snapshotTables(app.db);
      const body = JSON.stringify({ query: INGEST, variables: { input: articleInput() } });
      const refused = await send({ method: 'POST', headers: { ...auth, 'content-type': contentType }, body });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatch(/CSRF/);
      expect(await snapshotTables(app.db)).toEqual(before);
    },
  );
});

describe('batching', () => {
  it('refuses an array of operations with BAD_USER_INPUT, running none of them', async () => {
    const before = await snapshotTables(app.db);
    const batch = [1, 2].map(() => ({ query: INGEST, variables: { input: articleInput() } }));
    const refused = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(refused.status).toBe(400);
    const body = JSON.parse(refused.body) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await snapshotTables(app.db)).toEqual(before);
    // The same operation alone is served: the refusal was the batch.
    const single = await send({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(batch[0]) });
    expect(JSON.parse(single.body)).toMatchObject({ data: { ingestArticle: { created: true } } });
  });
});
