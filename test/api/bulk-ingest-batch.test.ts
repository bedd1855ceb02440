import { chunksOfText } from '../../src/articles/article-batch.service';
import { syntheticArticle } from '../../src/demo/synthetic-corpus';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * A bulk ingest batch is stored set-wise (src/articles/article-batch.service.ts) when it can:
 * its rows must be exactly those the ingestArticle mutation stores one article at a time, and
 * each line's answer the one the line-by-line path (each line through the mutation, in a
 * savepoint) gives.
 */
let app: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  app = await startTestApp({}, { onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await app?.close();
});

interface LineResult {
  line: number;
  status: string;
  articleId?: string;
  error?: { code: string; message: string; field?: string };
}

async function postLines(lines: unknown[]): Promise<LineResult[]> {
  const response = await fetch(app.url.replace('/graphql', '/ingest'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${ADMIN_KEY}` },
    body: lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LineResult);
}

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`;

/** Bodies that test offsets: astral code points, combining marks, right-to-left text, a dateline, a headline. */
const BODIES = [
  'قال المتحدث إن الهجوم وقع أمس. 🚀 The group said “We will not retreat.” Dr. Ali agreed with the U.S. envoy at 5 p.m.\nA second paragraph 🙂 follows, with e\u0301 combining marks.',
  'BAGHDAD, March 3 (Wire) - The council met on Monday.\r\nLt. Col. Hadi Rahim said the road was 3.5 km long. He left at noon.',
  'Headline without a stop\n\n𝒳 marks the spot. Another 👩‍👩‍👧 sentence here.',
];

function articleAt(host: string, index: number): Record<string, unknown> {
  const base = { ...syntheticArticle(11, index), url: `https://${host}/a/${index}` } as Record<string, unknown>;
  if (index < BODIES.length) {
    base.body = BODIES[index];
    delete base.publishedAt; // the dateline's date, if any, is used
  }
  if (index === 4) delete base.language;
  return base;
}

async function storedRows(host: string) {
  const articles = await app.db.query<Array<Record<string, unknown>>>(
    `SELECT regexp_replace(url, '^https://[^/]+', '') AS path, source_id::text, title, published_at, published_at_from_dateline, place, language,
            body, content_hash, sentence_count, search_vector::text
       FROM article WHERE url LIKE $1 ORDER BY path`,
    [`https://${host}/%`],
  );
  const sentences = await app.db.query<Array<Record<string, unknown>>>(
    `SELECT regexp_replace(a.url, '^https://[^/]+', '') AS path, s.index, s.start, s."end", s.text, s.role
       FROM sentence s JOIN article a ON a.id = s.article_id WHERE a.url LIKE $1 ORDER BY path, s.index`,
    [`https://${host}/%`],
  );
  return { articles, sentences };
}

it('a batch lands the rows the mutation stores one article at a time, with a few statements for the whole batch', async () => {
  const count = 40;
  const singleIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { data, errors } = await app.gql<{ ingestArticle: { article: { id: string } } }>(INGEST, {
      input: articleAt('single.example', i),
    });
    expect(errors).toBeUndefined();
    singleIds.push(data!.ingestArticle.article.id);
  }
  statements = [];
  const results = await postLines(Array.from({ length: count }, (_, i) => articleAt('batch.example', i)));
  expect(results.map((r) => r.status)).toEqual(Array.from({ length: count }, () => 'created'));
  // Set-wise: no savepoint, and far fewer statements than articles.
  expect(statements.filter((sql) => /^SAVEPOINT/i.test(sql))).toEqual([]);
  expect(statements.length).toBeLessThan(20);

  const single = await storedRows('single.example');
  const batch = await storedRows('batch.example');
  expect(batch.articles).toHaveLength(count);
  expect(batch.articles).toEqual(single.articles);
  expect(batch.sentences).toEqual(single.sentences);

  // One audit entry per article: the article's and its source's global ids, the request id, the sentence count.
  const entries = await app.db.query<
    Array<{ target_ids: string[]; details: { sentences: number; requestId?: string }; api_key_prefix: string }>
  >(`SELECT target_ids, details, api_key_prefix FROM audit_log WHERE operation = 'ingestArticle' ORDER BY id`);
  const byArticle = new Map(entries.map((entry) => [entry.target_ids[0], entry]));
  for (const [i, result] of results.entries()) {
    const entry = byArticle.get(result.articleId as string);
    const twin = byArticle.get(singleIds[i]);
    expect(entry).toBeDefined();
    expect(entry?.target_ids[1]).toBe(twin?.target_ids[1]);
    expect(entry?.details.sentences).toBe(twin?.details.sentences);
    expect(entry?.api_key_prefix).toBe(twin?.api_key_prefix);
    expect(typeof entry?.details.requestId).toBe('string');
  }
});

it('answers each line as the line-by-line path does: refusals, repeats within the batch, urls already stored', async () => {
  const lines = (host: string): unknown[] => {
    const good = (i: number) => articleAt(host, 100 + i);
    return [
      good(0),
      { ...good(1), title: undefined },
      { ...good(2), url: 'not a url' },
      { ...good(3), body: 'x\u0000y' },
      { ...good(4), source: { name: 'S', kind: 'BLOG' } },
      { ...good(5), language: 'not a tag!' },
      { ...good(6), title: 'x'.repeat(1001) },
      { ...good(7), source: { name: 'S', domain: 'not a domain' } },
      { ...good(8), body: '   \n ' },
      good(0), // repeated, same body: skipped, the first line's article
      { ...good(0), body: 'Another body.' }, // repeated, another body: CONFLICT
      { ...good(9), url: `https://${host}/stored` }, // stored before with another body: CONFLICT
      { ...good(10), url: `https://${host}/stored-same` }, // stored before with this body: skipped
      'not json',
      '[1, 2]',
      { ...good(11), publishedAt: 'yesterday' },
      { ...good(12), extra: true },
      good(13),
    ];
  };
  const answers: LineResult[][] = [];
  for (const [host, setWise] of [
    ['set-wise.example', true],
    ['savepoints.example', false],
  ] as const) {
    await postLines([
      { ...articleAt(host, 100 + 9), url: `https://${host}/stored`, body: 'A stored body.' },
      { ...articleAt(host, 100 + 10), url: `https://${host}/stored-same` },
    ]);
    // A line without a url is beyond the set-wise path: its batch goes line by line, through savepoints.
    const extra = setWise ? [] : [{ ...articleAt(host, 200), url: undefined }];
    statements = [];
    answers.push((await postLines([...lines(host), ...extra])).slice(0, lines(host).length));
    expect(statements.some((sql) => /^SAVEPOINT/i.test(sql))).toBe(!setWise);
  }
  const [setWise, savepoints] = answers;
  const shape = (results: LineResult[]) =>
    results.map((r) => ({ line: r.line, status: r.status, error: r.error, sameAs: results.findIndex((o) => o.articleId === r.articleId) }));
  expect(shape(setWise)).toEqual(shape(savepoints));
  expect(setWise.map((r) => r.status)).toEqual([
    'created',
    ...Array.from({ length: 8 }, () => 'refused'),
    'skipped',
    'refused',
    'refused',
    'skipped',
    'refused',
    'refused',
    'refused',
    'refused',
    'created',
  ]);
  expect(setWise[9].articleId).toBe(setWise[0].articleId);
  expect(setWise[10].error).toMatchObject({ code: 'CONFLICT', field: 'input.url' });
});

it('splits a batch of long bodies over several statements, in order', () => {
  const items = [10, 10, 10, 40, 5].map((length, id) => ({ id, prepared: { body: 'x'.repeat(length) } }));
  expect(chunksOfText(items, 25).map((chunk) => chunk.map((item) => item.id))).toEqual([[0, 1], [2], [3], [4]]);
  expect(chunksOfText([], 25)).toEqual([]);
});
