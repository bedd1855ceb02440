import { articleInput } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { expectMoreRowsAtEveryLevel } from '../helpers/rows-returned';
import { cursorOf, globalIdOf, legacyGlobalIdOf } from '../helpers/global-ids';

let app: TestApp;
const articleIds: string[] = [];

beforeAll(async () => {
  // The statement-count tests ask for large nested pages on purpose.
  app = await startTestApp({ VERBATIM_MAX_QUERY_COST: '100000000' });
  for (let i = 0; i < 7; i += 1) {
    const source = i % 2 === 0 ? { name: 'Even Wire', domain: 'even.example' } : { name: 'Odd Wire', domain: 'odd.example' };
    const body = Array.from({ length: 3 + i }, (_, n) => `Sentence number ${n + 1} of article ${i + 1}.`).join(' ');
    const { data } = await app.gql<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput({ source, body, language: i < 5 ? 'en' : 'ar', publishedAt: `2026-01-0${i + 1}T08:00:00Z` }) },
    );
    articleIds.push(data!.ingestArticle.article.id);
  }
});
afterAll(async () => {
  await app.close();
});

interface Page {
  articles: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: Array<{ id: string }>;
  };
}
const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $filter: ArticleFilter) {
  articles(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id }
  }
}`;

describe('articles connection', () => {
  it('pages forward visiting every article exactly once, agreeing with totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: Page | null } = await app.gql<Page>(PAGE, { first: 3, after }, { key: null });
      const page: Page['articles'] = response.data!.articles;
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(articleIds);
  });

  it('pages backward visiting every article exactly once', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const response: { data?: Page | null } = await app.gql<Page>(PAGE, { last: 2, before });
      const page: Page['articles'] = response.data!.articles;
      seen.unshift(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(articleIds);
  });

  it('keeps cursors stable while rows are added', async () => {
    const first = await app.gql<Page>(PAGE, { first: 2 });
    const cursor = first.data!.articles.pageInfo.endCursor;
    await app.gql(`mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`, { input: articleInput() });
    const next = await app.gql<Page>(PAGE, { first: 2, after: cursor });
    expect(next.data!.articles.nodes.map((n) => n.id)).toEqual(articleIds.slice(2, 4));
  });

  it('defaults to 20, refuses more than 100 and malformed cursors with BAD_USER_INPUT', async () => {
    const tooMany = await app.gql(PAGE, { first: 101 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const negative = await app.gql(PAGE, { last: -1 });
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    const badCursor = await app.gql(PAGE, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const both = await app.gql(PAGE, { first: 1, last: 1 });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by source, language and publication date, combined', async () => {
    const sources = await app.gql<{ sources: { nodes: Array<{ id: string; domain: string }> } }>(`{ sources { nodes { id domain } } }`);
    const even = sources.data!.sources.nodes.find((s) => s.domain === 'even.example')!;
    const bySource = await app.gql<Page>(PAGE, { filter: { sourceId: even.id } });
    expect(bySource.data!.articles.nodes.map((n) => n.id)).toEqual([articleIds[0], articleIds[2], articleIds[4], articleIds[6]]);
    const combined = await app.gql<Page>(PAGE, {
      filter: { sourceId: even.id, language: 'en', publishedFrom: '2026-01-02T00:00:00Z', publishedTo: '2026-01-06T00:00:00Z' },
    });
    expect(combined.data!.articles.nodes.map((n) => n.id)).toEqual([articleIds[2], articleIds[4]]);
    expect(combined.data!.articles.totalCount).toBe(2);
    const search = await app.gql<Page>(PAGE, { filter: { search: '"article 3"' } });
    expect(search.data!.articles.nodes.map((n) => n.id)).toEqual([articleIds[2]]);
    const wrongType = await app.gql<Page>(PAGE, { filter: { sourceId: articleIds[0] } });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.sourceId' });
  });
});

describe('node and nodes', () => {
  it('round-trips every id through node, with its type', async () => {
    const { data } = await app.gql<{
      article: { id: string; source: { id: string }; sentences: { nodes: Array<{ id: string; text: string }> } };
    }>(`query($id: ID) { article(id: $id) { id source { id } sentences(first: 2) { nodes { id text } } } }`, { id: articleIds[1] });
    const article = data!.article;
    const ids = [article.id, article.source.id, ...article.sentences.nodes.map((s) => s.id)];
    const nodes = await app.gql<{ nodes: Array<{ __typename: string; id: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
      { ids },
    );
    expect(nodes.data!.nodes).toEqual([
      { __typename: 'Article', id: article.id },
      { __typename: 'Source', id: article.source.id },
      { __typename: 'Sentence', id: article.sentences.nodes[0].id },
      { __typename: 'Sentence', id: article.sentences.nodes[1].id },
    ]);
    const sentence = await app.gql<{ node: { text: string; article: { id: string } } }>(
      `query($id: ID!) { node(id: $id) { ... on Sentence { text article { id } } } }`,
      { id: article.sentences.nodes[1].id },
    );
    expect(sentence.data!.node).toEqual({ text: article.sentences.nodes[1].text, article: { id: article.id } });
  });

  it('answers null for a well-formed id of nothing, and refuses malformed ids', async () => {
    const missing = globalIdOf('Article', 999999);
    expect((await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: missing })).data).toEqual({ node: null });
    const malformed = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: '%%%' });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const forged = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: legacyGlobalIdOf('Article', '1 OR 1=1') });
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const byUrlAndId = await app.gql(`query($id: ID, $url: String) { article(id: $id, url: $url) { id } }`, {
      id: articleIds[0],
      url: 'https://x.example',
    });
    expect(byUrlAndId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds an article by url', async () => {
    const { data } = await app.gql<{ article: { id: string; url: string } }>(`query($id: ID) { article(id: $id) { id url } }`, {
      id: articleIds[3],
    });
    const byUrl = await app.gql<{ article: { id: string } }>(`query($url: String) { article(url: $url) { id } }`, {
      url: data!.article.url,
    });
    expect(byUrl.data!.article.id).toBe(articleIds[3]);
  });
});

describe('statement counts', () => {
  const NESTED = `query($first: Int) {
    sources(first: $first) { nodes { name articles(first: $first) { totalCount nodes { title source { name }
      sentences(first: $first) { totalCount nodes { text article { id } } } } } } }
  }`;

  it('stay constant whatever the page size: one statement per level', async () => {
    const small = await app.gql(NESTED, { first: 1 });
    const large = await app.gql(NESTED, { first: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expectMoreRowsAtEveryLevel(small.data, large.data, [
      'sources.nodes',
      'sources.nodes.articles.nodes',
      'sources.nodes.articles.nodes.sentences.nodes',
    ]);
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
    // sources, articles, article counts, the articles' sources, sentences; articles by id are cached.
    expect(large.extensions!.sqlStatements).toBeLessThanOrEqual(6);
  });
});

describe('hostile cursors', () => {
  it('a forged cursor with a huge key pages to the end; one beyond bigint is refused', async () => {
    const beyond = cursorOf(['9999999999999999999']);
    expect((await app.gql(PAGE, { after: beyond })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forged = cursorOf(['9223372036854775807']);
    const page = await app.gql<Page>(PAGE, { first: 5, after: forged });
    expect(page.errors).toBeUndefined();
    expect(page.data!.articles.nodes).toEqual([]);
    const nested = await app.gql(`query($id: ID, $after: String) { article(id: $id) { sentences(after: $after) { nodes { index } } } }`, {
      id: articleIds[0],
      after: forged,
    });
    expect(nested.errors).toBeUndefined();
  });
});
