import { articleInput, insertClaim, insertEvent, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
const articles: string[] = [];
const claims: string[] = [];
const events: string[] = [];

const TEXTS = [
  'Gunmen killed a council member in Amarah. The police closed the roads.',
  'The killing of the official was condemned in Basra. Courts issued arrest warrants.',
  'A protest took place in Basra. Nobody was hurt, and the protesters went home.',
];

beforeAll(async () => {
  app = await startTestApp();
  for (const [i, body] of TEXTS.entries()) {
    const { data } = await app.gql<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput({ body, language: i === 2 ? 'ar' : 'en' }) },
    );
    articles.push(data!.ingestArticle.article.id);
    const claim = await insertClaim(app.db);
    await app.db.query(`UPDATE claim SET text = $2, status = $3 WHERE id = $1`, [rowIdOf(claim), body, i === 0 ? 'ACCEPTED' : 'PROPOSED']);
    claims.push(claim);
    const event = await insertEvent(app.db, i === 2 ? 'PROTESTS' : 'VIOLENCE_AGAINST_CIVILIANS', `2026-01-0${i + 1}`);
    await app.db.query(`UPDATE event SET description = $2 WHERE id = $1`, [event.rowId, body]);
    events.push(event.id);
  }
});
afterAll(async () => {
  await app.close();
});

async function ids(list: string, filterType: string, filter: Record<string, unknown>): Promise<string[]> {
  const response = await app.gql<Record<string, { totalCount: number; nodes: Array<{ id: string }> }>>(
    `query($filter: ${filterType}) { ${list}(filter: $filter) { totalCount nodes { id } } }`,
    { filter },
  );
  if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
  expect(response.data![list].totalCount).toBe(response.data![list].nodes.length);
  return response.data![list].nodes.map((node) => node.id);
}

describe('filter.search on articles, claims and events', () => {
  const lists = [
    { list: 'articles', filterType: 'ArticleFilter', rows: () => articles },
    { list: 'claims', filterType: 'ClaimFilter', rows: () => claims },
    { list: 'events', filterType: 'EventFilter', rows: () => events },
  ];
  for (const { list, filterType, rows } of lists) {
    it(`${list}: finds words in their inflected forms, phrases and exclusions (web search syntax)`, async () => {
      const [killed, killing, protest] = rows();
      expect(await ids(list, filterType, { search: 'kills' })).toEqual([killed, killing]);
      expect(await ids(list, filterType, { search: 'protesting' })).toEqual([protest]);
      expect(await ids(list, filterType, { search: '"arrest warrant"' })).toEqual([killing]);
      expect(await ids(list, filterType, { search: 'Basra -killing' })).toEqual([protest]);
      expect(await ids(list, filterType, { search: 'Amarah or protest' })).toEqual([killed, protest]);
    });
  }

  it('combines with the other filters', async () => {
    expect(await ids('articles', 'ArticleFilter', { search: 'Basra', language: 'en' })).toEqual([articles[1]]);
    expect(await ids('claims', 'ClaimFilter', { search: 'killed', status: 'ACCEPTED' })).toEqual([claims[0]]);
    expect(await ids('events', 'EventFilter', { search: 'Basra', type: 'PROTESTS' })).toEqual([events[2]]);
    expect(await ids('events', 'EventFilter', { search: 'killing', from: '2026-01-02', to: '2026-01-02' })).toEqual([events[1]]);
  });
});
