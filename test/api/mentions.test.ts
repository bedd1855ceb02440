import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The mention read paths (Article.mentions, Sentence.mentions, and Mention's fields) through
 * HTTP, and what others see of the mentions of a private extraction run: spans of the public
 * text naming public actors, attributed to the extractor, never to the organisation, and leading
 * to none of its private proposals.
 */
let app: TestApp;
let ownerKey: string;
let otherKey: string;
let article: ArticleMentions;
const OWNER = 'Mention Owner Org';
const BODY = 'Hadi Rahim said on Friday that the road to Amarah would reopen. Rahim left at noon.';

const MENTION_FIELDS = `id start end text actor { id name } sentence { id index text start end claims { id } }
  extraction { method agent version confidence createdAt }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Article { body mentions { ${MENTION_FIELDS} }
  sentences(first: 10) { nodes { id mentions { id start end text } claims { id } } } claims(first: 10) { totalCount nodes { id } } } } }`;

interface Mention {
  id: string;
  start: number;
  end: number;
  text: string;
  actor: { id: string; name: string } | null;
  sentence: { id: string; index: number; text: string; start: number; end: number; claims: Array<{ id: string }> };
  extraction: { method: string; agent: string; version: string | null; confidence: number | null; createdAt: string };
}
interface ArticleMentions {
  body: string;
  mentions: Mention[];
  sentences: {
    nodes: Array<{ id: string; mentions: Array<Pick<Mention, 'id' | 'start' | 'end' | 'text'>>; claims: Array<{ id: string }> }>;
  };
  claims: { totalCount: number; nodes: Array<{ id: string }> };
}

async function read(id: string, key: string | null): Promise<{ article: ArticleMentions; raw: string }> {
  const response = await app.gql<{ node: ArticleMentions }>(READ, { id }, { key });
  expect(response.errors).toBeUndefined();
  return { article: response.data!.node, raw: JSON.stringify(response) };
}

let articleId: string;

beforeAll(async () => {
  app = await startTestApp();
  ownerKey = await insertApiKey(app.db, Role.EDITOR, OWNER);
  otherKey = await insertApiKey(app.db, Role.EDITOR, 'Mention Other Org');
  const created = await app.gql(`mutation($i: CreateActorInput!) { createActor(input: $i) { id } }`, {
    i: { name: 'Hadi Rahim', kind: 'PERSON' },
  });
  expect(created.errors).toBeUndefined();
  const ingested = await app.gql<{ ingestArticle: { article: { id: string } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
    { input: articleInput({ body: BODY, extract: true, extractVisibility: 'ORGANIZATION' }) },
    { key: ownerKey },
  );
  expect(ingested.errors).toBeUndefined();
  articleId = ingested.data!.ingestArticle.article.id;
  article = (await read(articleId, ownerKey)).article;
});
afterAll(async () => {
  await app.close();
});

describe('mentions', () => {
  it('Article.mentions: spans in text order that slice the body by code points, inside their sentence, linked to the actor', () => {
    expect(article.mentions.length).toBeGreaterThanOrEqual(2);
    const body = Array.from(article.body);
    for (const mention of article.mentions) {
      expect(body.slice(mention.start, mention.end).join('')).toBe(mention.text);
      expect(mention.start).toBeGreaterThanOrEqual(mention.sentence.start);
      expect(mention.end).toBeLessThanOrEqual(mention.sentence.end);
      expect(mention.extraction).toMatchObject({ method: 'RULE', createdAt: expect.any(String) });
    }
    expect(article.mentions.map((m) => m.start)).toEqual([...article.mentions.map((m) => m.start)].sort((a, b) => a - b));
    const rahim = article.mentions.filter((m) => m.actor?.name === 'Hadi Rahim').map((m) => m.text);
    expect(rahim).toEqual(expect.arrayContaining(['Hadi Rahim']));
  });

  it('Sentence.mentions lists exactly the article’s mentions of that sentence', () => {
    for (const sentence of article.sentences.nodes) {
      const expected = article.mentions
        .filter((m) => m.sentence.id === sentence.id)
        .map(({ id, start, end, text }) => ({ id, start, end, text }));
      expect(sentence.mentions).toEqual(expected);
    }
    expect(article.sentences.nodes.flatMap((s) => s.mentions)).toHaveLength(article.mentions.length);
  });

  it('of a private extraction run: the same public spans for everyone, attributed to the extractor, leading to no private proposal', async () => {
    expect(article.claims.totalCount).toBeGreaterThanOrEqual(1); // the owner's private proposals exist
    const proposals = article.claims.nodes.map((claim) => claim.id);
    for (const key of [otherKey, null]) {
      const { article: seen, raw } = await read(articleId, key);
      const spans = (mentions: Mention[]) => mentions.map(({ id, start, end, text, actor }) => ({ id, start, end, text, actor }));
      expect(spans(seen.mentions)).toEqual(spans(article.mentions));
      expect(seen.claims.totalCount).toBe(0);
      for (const mention of seen.mentions) {
        expect(mention.sentence.claims).toEqual([]);
        expect(mention.extraction.agent).not.toContain(OWNER);
      }
      expect(raw).not.toContain(OWNER);
      for (const id of proposals) expect(raw).not.toContain(id);
    }
  });
});
