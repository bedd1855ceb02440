import { articleInput, insertActor, insertClaim, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Lists and loaders read only the columns a query selects (src/common/field-selection.ts): an
 * article's body, up to a megabyte, is never read unless the query asks for it. Checked on the
 * SQL the server runs, captured statement by statement.
 */
let app: TestApp;
let statements: string[] = [];
let articleId: string;

beforeAll(async () => {
  app = await startTestApp({ VERBATIM_MAX_QUERY_COST: '100000000' }, { onQuery: (sql) => statements.push(sql) });
  for (let i = 0; i < 6; i += 1) {
    const body = `The ceasefire held in district ${i}. Residents returned to the market. A ceasefire monitor counted ${i} incidents.`;
    const { data } = await app.gql<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput({ source: { name: `Wire ${i % 2}`, domain: `wire-${i % 2}.example` }, body }) },
    );
    articleId = data!.ingestArticle.article.id;
    const claimant = await insertActor(app.db, `Monitor ${i}`, 'PERSON');
    await insertClaim(app.db, { articleId: rowIdOf(articleId), claimantId: claimant.rowId });
  }
});
afterAll(async () => {
  await app.close();
});

/** The statements one request runs, after checking it answered without errors. */
async function statementsOf(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  statements = [];
  const response = await app.gql(query, variables);
  expect(response.errors).toBeUndefined();
  return statements;
}

const reads = (sql: string[], column: string) => sql.filter((statement) => statement.includes(`"${column}"`));

describe('column selection', () => {
  const WITHOUT_BODY: Array<[string, string]> = [
    ['a top-level list', `{ articles(first: 10) { nodes { id title source { name } } } }`],
    [
      'a sorted list, through edges',
      `{ articles(first: 10, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { cursor node { title } } } }`,
    ],
    ['a fragment', `{ articles(first: 10) { nodes { ...Headline } } } fragment Headline on Article { title publishedAt }`],
    ['claims → article (a by-id loader)', `{ claims(first: 10) { nodes { text article { title url } } } }`],
    ['search → article', `{ searchSentences(query: "ceasefire", first: 10) { nodes { text highlight article { title } } } }`],
    [
      'sources → articles(first) → sentences(first) (child page loaders)',
      `{ sources(first: 10) { nodes { name articles(first: 5) { nodes { title sentences(first: 3) { totalCount nodes { text } } } } } } }`,
    ],
    ['actor → claimsMade → article', `{ actors(first: 10) { nodes { name claimsMade(first: 5) { nodes { article { title } } } } } }`],
  ];
  for (const [name, query] of WITHOUT_BODY) {
    it(`${name}: a query that does not select body never reads it`, async () => {
      const sql = await statementsOf(query);
      expect(sql.some((statement) => statement.includes('article'))).toBe(true);
      expect(reads(sql, 'body')).toEqual([]);
    });
  }

  it('one article by id without body reads neither body nor the other unselected columns', async () => {
    const sql = await statementsOf(`query($id: ID!) { article(id: $id) { title } }`, { id: articleId });
    expect(sql.some((statement) => statement.includes('"title"'))).toBe(true);
    expect(reads(sql, 'body')).toEqual([]);
    expect(reads(sql, 'content_hash')).toEqual([]);
  });

  it('node and nodes read only what their fragments select', async () => {
    const one = await statementsOf(`query($id: ID!) { node(id: $id) { id ... on Article { title } } }`, { id: articleId });
    expect(reads(one, 'title')).toHaveLength(1);
    expect(reads(one, 'body')).toEqual([]);
    const response = await app.gql<{ nodes: Array<{ title?: string; body?: string }> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { title body } } }`,
      { ids: [articleId] },
    );
    expect(response.data!.nodes[0].body).toContain('ceasefire');
  });

  it('reads body when the query selects it, in lists and loaders alike (the check above can fail)', async () => {
    const list = await statementsOf(`{ articles(first: 10) { nodes { body } } }`);
    expect(reads(list, 'body')).toHaveLength(1);
    const nested = await statementsOf(`{ claims(first: 10) { nodes { article { body } } } }`);
    expect(reads(nested, 'body')).toHaveLength(1);
  });

  it('answers the same fields with and without column selection', async () => {
    const narrow = await app.gql<{ articles: { nodes: Array<{ title: string; sentenceCount: number }> } }>(
      `{ articles(first: 10) { nodes { title sentenceCount } } }`,
    );
    const wide = await app.gql<{ articles: { nodes: Array<{ title: string; sentenceCount: number; body: string }> } }>(
      `{ articles(first: 10) { nodes { title sentenceCount body } } }`,
    );
    expect(narrow.data!.articles.nodes).toEqual(wide.data!.articles.nodes.map(({ title, sentenceCount }) => ({ title, sentenceCount })));
    expect(wide.data!.articles.nodes.every((node) => node.body.includes('ceasefire'))).toBe(true);
  });
});

describe('statements per request, on the paths the list layer joined', () => {
  const QUERIES: Array<[string, string]> = [
    ['actor name search', `query($n: Int) { actors(first: $n, filter: { search: "monitor" }) { totalCount nodes { name } } }`],
    [
      'sentence search → article → source',
      `query($n: Int) { searchSentences(query: "ceasefire", first: $n) { nodes { text article { title source { name } } } } }`,
    ],
    [
      'sorted claims → claimant',
      `query($n: Int) { claims(first: $n, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text claimant { name } } } }`,
    ],
  ];
  for (const [name, query] of QUERIES) {
    it(`${name}: the same at page size 2 and 10`, async () => {
      const small = await app.gql(query, { n: 2 });
      const large = await app.gql(query, { n: 10 });
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(JSON.stringify(large.data).length).toBeGreaterThan(JSON.stringify(small.data).length);
      expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
    });
  }

  it('an actor search reads its page, with the actors, in one statement', async () => {
    const sql = await statementsOf(`{ actors(first: 5, filter: { search: "monitor" }) { nodes { name } } }`);
    const search = sql.filter((statement) => statement.includes('similarity'));
    expect(search).toHaveLength(1);
    expect(search[0]).toContain('"name"');
    expect(sql.filter((statement) => /FROM "actor"|FROM actor\b/.test(statement))).toHaveLength(1);
  });
});
