import { randomBytes } from 'node:crypto';
import { Role } from '../../src/common/role';
import { globalId } from '../helpers/paging';
import { insertApiKey, insertArticleRows } from '../helpers/factories';
import { snapshotTables } from '../helpers/table-snapshot';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let bigArticleId: string;
const BODY_LENGTH = 200_000;

beforeAll(async () => {
  app = await startTestApp({ VERBATIM_MAX_RESPONSE_BYTES: '1000000', VERBATIM_MAX_MUTATIONS_PER_REQUEST: '5' });
  const { articleId } = await insertArticleRows(app.db, 'x'.repeat(BODY_LENGTH));
  bigArticleId = globalId('Article', articleId);
});
afterAll(async () => {
  await app.close();
});

const aliasesOf = (count: number, selection: string) => Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');

describe('the response budget', () => {
  it('refuse an answer larger than the budget, whatever its cost, and say how to ask for less', async () => {
    const { status, data, errors } = await app.gql(`query($id: ID!) { ${aliasesOf(10, 'article(id: $id) { body }')} }`, {
      id: bigArticleId,
    });
    expect(status).toBe(400);
    expect(data ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxResponseBytes: 1000000 });
    expect(errors?.[0].message).toMatch(/smaller pages .*fewer aliases.*leave out long texts such as body/);
  });

  it('let an answer within the budget through', async () => {
    const { data, errors } = await app.gql<Record<string, { body: string }>>(
      `query($id: ID!) { ${aliasesOf(3, 'article(id: $id) { body }')} }`,
      { id: bigArticleId },
    );
    expect(errors).toBeUndefined();
    expect(data?.a2.body).toHaveLength(BODY_LENGTH);
  });

  it('count sentence texts read in bulk', async () => {
    const { articleId } = await insertArticleRows(app.db, 'y'.repeat(600_000));
    // The factory's one sentence spans the whole body: two aliases are 1.2 MB of sentence text.
    const query = `query($id: ID!) { ${aliasesOf(2, 'article(id: $id) { sentences(first: 100) { nodes { text } } }')} }`;
    const { errors } = await app.gql(query, { id: globalId('Article', articleId) });
    expect(errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('mutations per request', () => {
  const createOrganizations = (count: number) =>
    `mutation { ${aliasesOf(count, `createOrganization(name: "Org ${randomBytes(3).toString('hex')}") { id }`).replace(/Org (\w+)"/g, (_m, h: string) => `Org ${h}-${Math.random()}"`)} }`;

  it('refuse more root mutations than the cap, writing nothing', async () => {
    const before = await snapshotTables(app.db);
    const { status, errors, data } = await app.gql(createOrganizations(6));
    expect(status).toBe(400);
    expect(data ?? null).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', mutations: 6, maxMutations: 5 });
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('run as many as the cap allows', async () => {
    const { errors, data } = await app.gql(createOrganizations(5));
    expect(errors).toBeUndefined();
    expect(Object.keys(data ?? {})).toHaveLength(5);
  });
});

describe('the rate limiter counts each root mutation', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ VERBATIM_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('count a request of four mutations as four requests', async () => {
    const key = await insertApiKey(limited.db, Role.EDITOR);
    const four = `mutation { ${aliasesOf(4, 'createOrganization(name: "Nope") { id }')} }`;
    const first = await limited.gql(four, {}, { key });
    expect(first.status).not.toBe(429); // refused by role, but counted: 4 of 5
    expect((await limited.gql(`{ articles(first: 1) { totalCount } }`, {}, { key })).status).toBe(200); // 5 of 5
    const over = await limited.gql(`{ articles(first: 1) { totalCount } }`, {}, { key });
    expect(over.status).toBe(429);
    expect(over.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const tooMany = await limited.gql(four, {}, { key });
    expect(tooMany.status).toBe(429);
  });
});
