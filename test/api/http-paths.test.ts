import { gzipSync } from 'node:zlib';
import { articleInput } from '../helpers/factories';
import { snapshotTables } from '../helpers/table-snapshot';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * POST /graphql with a plain JSON body is served without Express (src/http/step.ts); the same
 * route's other cases (a compressed body, another spelling of the type) go through Express.
 * Both must answer alike: the same data, the same refusals, the same headers, nothing written.
 */
let app: TestApp;
const auth = { authorization: `Bearer ${ADMIN_KEY}` };
const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** The same body sent by each path: plain (the plain chain) and gzip-compressed (Express's parser). */
async function bothPaths(body: string, headers: Record<string, string> = {}) {
  const send = async (path: 'plain' | 'express') => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': `paths-${path}`,
        ...auth,
        ...headers,
        ...(path === 'express' ? { 'content-encoding': 'gzip' } : {}),
      },
      body: path === 'express' ? gzipSync(body) : body,
    });
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      origin: response.headers.get('access-control-allow-origin'),
      body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> },
    };
  };
  return { plain: await send('plain'), express: await send('express') };
}

describe('the plain chain and Express answer POST /graphql alike', () => {
  it('a query: the same data, request id and CORS header', async () => {
    const { plain, express } = await bothPaths(JSON.stringify({ query: '{ sources(first: 1) { totalCount } }' }));
    expect(plain.status).toBe(200);
    expect(express.status).toBe(200);
    expect(plain.body).toEqual(express.body);
    expect(plain.body.data).toEqual({ sources: { totalCount: 0 } });
    expect([plain.requestId, express.requestId]).toEqual(['paths-plain', 'paths-express']);
    expect([plain.origin, express.origin]).toEqual(['*', '*']);
  });

  it.each([
    ['JSON cut short', '{"query": "{ sources { totalCount } }"'],
    ['JSON that is not an object', '"{ sources { totalCount } }"'],
    ['a mutation with an invalid input', JSON.stringify({ query: INGEST, variables: { input: { ...articleInput(), url: 'not a url' } } })],
  ])('%s: the same refusal and code, nothing written', async (_name, body) => {
    const before = await snapshotTables(app.db);
    const { plain, express } = await bothPaths(body);
    expect(plain.status).toBe(express.status);
    expect(plain.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(express.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('a charset named in capitals is served on both paths', async () => {
    const { plain, express } = await bothPaths(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect([plain.status, express.status]).toEqual([200, 200]);
    expect([plain.body.data, express.body.data]).toEqual([{ __typename: 'Query' }, { __typename: 'Query' }]);
  });
});
