import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** VERBATIM_ANONYMOUS_READ=false: a request without a key is refused on every route that serves data. */
let app: TestApp;
let readerKey: string;
const route = (path: string) => app.url.replace('/graphql', path);

beforeAll(async () => {
  app = await startTestApp({ VERBATIM_ANONYMOUS_READ: 'false' });
  readerKey = await insertApiKey(app.db, Role.READER);
});
afterAll(async () => {
  await app.close();
});

describe('with anonymous reading turned off', () => {
  it('refuses a GraphQL query without a key: HTTP 401, UNAUTHENTICATED, no data', async () => {
    const response = await app.gql(`{ sources(first: 1) { totalCount } }`, {}, { key: null });
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each(['claims.ndjson', 'claims.csv', 'actors.ndjson', 'claims.jsonld'])(
    'refuses the export %s without a key, as JSON',
    async (file) => {
      const response = await fetch(route(`/export/${file}`));
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    },
  );

  it('still serves a key, and the health probes (which carry none)', async () => {
    const response = await app.gql<{ sources: { totalCount: number } }>(`{ sources(first: 1) { totalCount } }`, {}, { key: readerKey });
    expect(response.errors).toBeUndefined();
    expect(response.data?.sources.totalCount).toBe(0);
    expect((await fetch(route('/export/claims.ndjson'), { headers: { authorization: `Bearer ${readerKey}` } })).status).toBe(200);
    expect((await fetch(route('/healthz'))).status).toBe(200);
    expect((await fetch(route('/readyz'))).status).toBe(200);
  });
});
