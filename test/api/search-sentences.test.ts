import { articleInput } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const bodies = [
    'Gunmen killed a council member in Amarah. The police closed the roads.',
    'The killing of the official was condemned. Courts issued warrants for two suspects.',
    'A protest took place in Basra. Nobody was killed.',
    'Talks between the factions continued. The killings must stop, a cleric said.',
  ];
  for (const body of bodies) {
    await app.gql(`mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`, { input: articleInput({ body }) });
  }
});
afterAll(async () => {
  await app.close();
});

interface SearchPage {
  searchSentences: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string };
    nodes: Array<{ id: string; text: string; highlight: string }>;
  };
}
const SEARCH = `query($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
  searchSentences(query: $q, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { id text highlight }
  }
}`;

describe('searchSentences', () => {
  it('finds words in their inflected forms, with the matches highlighted', async () => {
    const { data, errors } = await app.gql<SearchPage>(SEARCH, { q: 'kill' }, { key: null });
    expect(errors).toBeUndefined();
    const texts = data!.searchSentences.nodes.map((n) => n.text);
    expect(texts.sort()).toEqual(
      [
        'Gunmen killed a council member in Amarah.',
        'The killing of the official was condemned.',
        'Nobody was killed.',
        'The killings must stop, a cleric said.',
      ].sort(),
    );
    expect(data!.searchSentences.totalCount).toBe(4);
    expect(data!.searchSentences.nodes.find((n) => n.text.startsWith('Gunmen'))!.highlight).toBe(
      'Gunmen <b>killed</b> a council member in Amarah.',
    );
  });

  it('understands phrases and exclusions', async () => {
    const phrase = await app.gql<SearchPage>(SEARCH, { q: '"issued warrants"' });
    expect(phrase.data!.searchSentences.nodes.map((n) => n.text)).toEqual(['Courts issued warrants for two suspects.']);
    const excluded = await app.gql<SearchPage>(SEARCH, { q: 'killed -gunmen' });
    expect(excluded.data!.searchSentences.nodes.map((n) => n.text)).not.toContain('Gunmen killed a council member in Amarah.');
  });

  it('pages forward and backward over the ranked list, visiting every match once', async () => {
    const all = (await app.gql<SearchPage>(SEARCH, { q: 'kill', first: 100 })).data!.searchSentences.nodes.map((n) => n.id);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: SearchPage | null } = await app.gql<SearchPage>(SEARCH, { q: 'kill', first: 1, after });
      const page: SearchPage['searchSentences'] = response.data!.searchSentences;
      forward.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const response: { data?: SearchPage | null } = await app.gql<SearchPage>(SEARCH, { q: 'kill', last: 3, before });
      const page: SearchPage['searchSentences'] = response.data!.searchSentences;
      backward.unshift(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it('refuses empty queries and cursors of other connections', async () => {
    expect((await app.gql(SEARCH, { q: '   ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    const articles = await app.gql<{ articles: { pageInfo: { endCursor: string } } }>(`{ articles(first: 1) { pageInfo { endCursor } } }`);
    const foreign = articles.data!.articles.pageInfo.endCursor;
    expect((await app.gql(SEARCH, { q: 'kill', after: foreign })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect((await app.gql(SEARCH, { q: `'); DROP TABLE sentence; --` })).errors).toBeUndefined();
  });
});
