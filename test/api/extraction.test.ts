import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/common/role';
import { articleInput, insertActor, insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

const SEED = readFileSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds', '000_7db6a5ab557d70fb.txt'), 'utf8');

const ARTICLE = `
  id publishedAt
  mentions { text start end actor { name } extraction { method agent version confidence } }
  claims(first: 100) { totalCount nodes { id kind status text statedOn statedOnPrecision claimant { name }
    extraction { method agent version confidence } evidence { start end exact } } }`;

interface ArticleView {
  id: string;
  mentions: Array<{ text: string; start: number; end: number; actor: { name: string } | null; extraction: { method: string } }>;
  claims: {
    totalCount: number;
    nodes: Array<{
      id: string;
      kind: string;
      status: string;
      statedOn: string | null;
      claimant: { name: string } | null;
      extraction: { method: string; version: string | null; confidence: number | null };
      evidence: Array<{ start: number; end: number; exact: string }>;
    }>;
  };
}

jest.setTimeout(120_000);

let app: TestApp;
let editor: string;
let other: string;
beforeAll(async () => {
  app = await startTestApp();
  editor = await insertApiKey(app.db, Role.EDITOR, 'Extraction desk');
  other = await insertApiKey(app.db, Role.EDITOR, 'Other desk');
  await insertActor(app.db, 'Qais al-Khazali');
  await insertActor(app.db, "Asa'ib Ahl al-Haq", 'ARMED_GROUP');
  await insertActor(app.db, 'Muqtada al-Sadr');
  await insertActor(app.db, 'Patriotic Shiite Movement', 'POLITICAL_PARTY');
});
afterAll(async () => {
  await app.close();
});

async function ingest(input: Record<string, unknown>, key = editor): Promise<ArticleView> {
  const { data, errors } = await app.gql<{ ingestArticle: { article: ArticleView } }>(
    `mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { article { ${ARTICLE} } } }`,
    { i: input },
    { key },
  );
  if (errors) throw new Error(errors[0].message);
  return data!.ingestArticle.article;
}

async function extract(id: string, key = editor): Promise<ArticleView> {
  const { data, errors } = await app.gql<{ extractArticle: ArticleView }>(
    `mutation($id: ID!) { extractArticle(id: $id) { ${ARTICLE} } }`,
    { id },
    { key },
  );
  if (errors) throw new Error(errors[0].message);
  return data!.extractArticle;
}

const codePoints = (text: string) => Array.from(text.normalize('NFC'));

describe('extraction through the API', () => {
  let article: ArticleView;
  beforeAll(async () => {
    article = await ingest(articleInput({ body: SEED, publishedAt: null, extract: true }));
  });

  it('ingestArticle(extract: true) proposes attributed claims with exact spans, kinds, dates and a RULE record', () => {
    const body = codePoints(SEED);
    const claims = article.claims.nodes;
    expect(claims.length).toBeGreaterThanOrEqual(6);
    for (const claim of claims) {
      expect(claim).toMatchObject({ status: 'PROPOSED', extraction: { method: 'RULE', version: expect.any(String) } });
      expect(claim.extraction.confidence).toBeGreaterThan(0);
      for (const span of claim.evidence) expect(body.slice(span.start, span.end).join('')).toBe(span.exact);
    }
    const warning = claims.find((claim) => claim.evidence[0].exact.includes('ongoing attempts'));
    expect(warning).toMatchObject({ kind: 'STATEMENT', claimant: { name: 'Qais al-Khazali' }, statedOn: '2026-01-03' });
    expect(claims.find((claim) => claim.evidence[0].exact.includes('brazen militias'))).toMatchObject({
      kind: 'ALLEGATION',
      claimant: { name: 'Muqtada al-Sadr' },
    });
    expect(claims.find((claim) => claim.evidence[0].exact.includes('arrest warrants'))).toMatchObject({ kind: 'REPORT', claimant: null });
  });

  it('stores mentions, linked (also "PSM" and later short forms) and unlinked, each slicing the body', () => {
    const body = codePoints(SEED);
    for (const mention of article.mentions) expect(body.slice(mention.start, mention.end).join('')).toBe(mention.text);
    const named = (text: string) => article.mentions.filter((m) => m.text === text).map((m) => m.actor?.name ?? null);
    expect(named('PSM')).toEqual(['Patriotic Shiite Movement']);
    expect(named('Al-Khazali')[0]).toBe('Qais al-Khazali');
    expect(named('Mustafa Daeer')).toEqual([null]);
    expect(named('Hussein Al-Allaq')).toEqual([null]);
  });

  it('extractArticle is idempotent and never touches manual or reviewed claims', async () => {
    const first = article.claims.nodes;
    const reviewed = first[0].id;
    await app.gql(`mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`, { id: reviewed }, { key: editor });
    const manual = await app.gql<{ addClaim: { id: string } }>(
      `mutation($a: ID!) { addClaim(input: { articleId: $a, kind: STATEMENT, text: "Manual", evidence: [{ exact: "brutal" }] }) { id } }`,
      { a: article.id },
      { key: editor },
    );
    const again = await extract(article.id);
    const ids = again.claims.nodes.map((claim) => claim.id).sort();
    expect(ids).toEqual([...first.map((claim) => claim.id), manual.data!.addClaim.id].sort());
    expect(again.mentions).toEqual(article.mentions);
    const thrice = await extract(article.id);
    expect(thrice.claims.nodes.map((claim) => claim.id).sort()).toEqual(ids);
    expect(thrice.claims.nodes.find((claim) => claim.id === reviewed)?.status).toBe('ACCEPTED');
  });

  it('proposals made as ORGANIZATION claims are seen only by their organisation', async () => {
    const body = 'Qais al-Khazali said on Friday that the talks had failed completely.';
    const own = await ingest(articleInput({ body, extract: true, extractVisibility: 'ORGANIZATION' }));
    expect(own.claims.totalCount).toBe(1);
    const read = async (key: string | null) =>
      (await app.gql<{ node: ArticleView }>(`query($id: ID!) { node(id: $id) { ... on Article { ${ARTICLE} } } }`, { id: own.id }, { key }))
        .data!.node.claims.totalCount;
    expect(await read(editor)).toBe(1);
    expect(await read(other)).toBe(0);
    expect(await read(null)).toBe(0);
  });

  it('a reader key may not run extraction', async () => {
    const reader = await insertApiKey(app.db, Role.READER);
    const { errors } = await app.gql(`mutation($id: ID!) { extractArticle(id: $id) { id } }`, { id: article.id }, { key: reader });
    expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('Sentence.timeExpressions resolves weekdays against the dateline date', async () => {
    const { data } = await app.gql<{
      node: { sentences: { nodes: Array<{ timeExpressions: Array<{ text: string; date: string; precision: string }> }> } };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Article { sentences(first: 100) { nodes { timeExpressions { text start end date precision } } } } } }`,
      { id: article.id },
    );
    const all = data!.node.sentences.nodes.flatMap((s) => s.timeExpressions);
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'on Saturday', date: '2026-01-03', precision: 'DAY' }),
        expect.objectContaining({ text: 'on Friday', date: '2026-01-02', precision: 'DAY' }),
        expect.objectContaining({ text: 'several years ago', date: null, precision: 'UNKNOWN' }),
      ]),
    );
  });

  it('createEvent takes its date from a time expression of a sentence', async () => {
    const { data } = await app.gql<{ node: { sentences: { nodes: Array<{ id: string; text: string }> } } }>(
      `query($id: ID!) { node(id: $id) { ... on Article { sentences(first: 100) { nodes { id text } } } } }`,
      { id: article.id },
    );
    const sentence = data!.node.sentences.nodes.find((s) => s.text.includes('on Friday'))!;
    const create = (text: string) =>
      app.gql<{ createEvent: { date: string; datePrecision: string } }>(
        `mutation($i: CreateEventInput!) { createEvent(input: $i) { date datePrecision } }`,
        {
          i: {
            type: 'VIOLENCE_AGAINST_CIVILIANS',
            subType: 'Attack',
            datePrecision: 'UNKNOWN',
            dateFrom: { sentenceId: sentence.id, text },
          },
        },
        { key: editor },
      );
    expect((await create('on Friday')).data?.createEvent).toEqual({ date: '2026-01-02', datePrecision: 'DAY' });
    expect((await create('on Monday')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dateFrom.text' });
  });
});
