import { articleInput, insertActor, insertEvent } from '../helpers/factories';
import { createPartnerKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { rowIdOf } from '../helpers/global-ids';

/**
 * No N+1, proven: six representative nested queries cost the same number of SQL statements at
 * page size 5 and 100 (on data with more than 5 rows at every level), and at most one per
 * nesting level plus the API key lookup.
 */
let app: TestApp;
let key: string;

const ARTICLES_PER_SOURCE = 8;
const CLAIMS_PER_ARTICLE = 7;
const ACTORS = 8;
const EVENTS = 8;

beforeAll(async () => {
  // These queries ask for large nested pages on purpose.
  app = await startTestApp({ VERBATIM_MAX_QUERY_COST: '100000000' });
  key = (await createPartnerKey(app, 'Counting Reader', 'READER')).key;
  const actors = [];
  for (let i = 0; i < ACTORS; i += 1) {
    const actor = await insertActor(app.db, `Nested Actor ${i}`, 'ORGANIZATION');
    await app.db.query(`INSERT INTO actor_alias (actor_id, name, search_name) VALUES ($1, $2, $3), ($1, $4, $5)`, [
      actor.rowId,
      `Alias A${i}`,
      `alias a${i}`,
      `Alias B${i}`,
      `alias b${i}`,
    ]);
    actors.push(actor.rowId);
  }
  const [{ id: operator }] = await app.db.query(`SELECT id::text FROM organization WHERE name = 'Verbatim operator'`);
  const claims: string[] = [];
  for (const source of ['Nested Wire', 'Nested Post']) {
    for (let a = 0; a < ARTICLES_PER_SOURCE; a += 1) {
      const body = Array.from({ length: 9 }, (_, n) => `Statement ${n} of ${source} report ${a} was made.`).join(' ');
      const response = await app.gql<{ ingestArticle: { article: { id: string } } }>(
        `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
        { input: articleInput({ source: { name: source, domain: `${source.toLowerCase().replace(' ', '-')}.example` }, body }) },
      );
      const articleId = rowIdOf(response.data!.ingestArticle.article.id);
      const sentences: Array<{ id: string; start: number; end: number; text: string }> = await app.db.query(
        `SELECT id::text, start, "end", text FROM sentence WHERE article_id = $1 ORDER BY index`,
        [articleId],
      );
      for (let c = 0; c < CLAIMS_PER_ARTICLE; c += 1) {
        const sentence = sentences[c % 2]; // several claims per sentence
        const [claim] = await app.db.query(
          `INSERT INTO claim (article_id, text, kind, claimant_id, visibility, organization_id, extraction_method, extraction_agent)
           VALUES ($1, $2, 'STATEMENT', $3, 'PUBLIC', $4, 'MANUAL', 'test') RETURNING id::text`,
          [articleId, `Claim ${c} of article ${articleId}`, actors[c % ACTORS], operator],
        );
        await app.db.query(
          `INSERT INTO evidence (claim_id, sentence_id, start, "end", exact, prefix, suffix) VALUES ($1, $2, $3, $4, $5, '', ''), ($1, $6, $7, $8, $9, '', '')`,
          [
            claim.id,
            sentence.id,
            sentence.start,
            sentence.end,
            sentence.text,
            sentences[8].id,
            sentences[8].start,
            sentences[8].end,
            sentences[8].text,
          ],
        );
        await app.db.query(`INSERT INTO claim_subject (claim_id, actor_id) VALUES ($1, $2), ($1, $3)`, [
          claim.id,
          actors[(c + 1) % ACTORS],
          actors[(c + 2) % ACTORS],
        ]);
        claims.push(String(claim.id));
      }
    }
  }
  for (let i = 0; i < ACTORS; i += 1) {
    const [relation] = await app.db.query(
      `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'ALLIED_WITH', $2) RETURNING id`,
      [actors[i], actors[(i + 1) % ACTORS]],
    );
    await app.db.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id) SELECT $1, id, organization_id FROM claim WHERE id IN ($2, $3)`,
      [relation.id, claims[i], claims[i + ACTORS]],
    );
  }
  for (let e = 0; e < EVENTS; e += 1) {
    const event = await insertEvent(app.db, 'PROTESTS', `2026-01-${String(e + 1).padStart(2, '0')}`);
    for (let p = 0; p < 6; p += 1) {
      await app.db.query(`INSERT INTO event_participant (event_id, actor_id, role) VALUES ($1, $2, 'PARTICIPANT')`, [
        event.rowId,
        actors[(e + p) % ACTORS],
      ]);
    }
    for (let c = 0; c < 7; c += 1) {
      await app.db.query(`INSERT INTO claim_event (claim_id, event_id) VALUES ($1, $2)`, [claims[e * 7 + c], event.rowId]);
    }
  }
  await app.gql('{ sources(first: 1) { totalCount } }', {}, { key }); // the key's first use writes lastUsedAt once
});
afterAll(async () => {
  await app.close();
});

const QUERIES: Array<{ name: string; levels: number; query: string }> = [
  {
    name: 'event → claims → evidence → sentence → article → source',
    levels: 6,
    query: `query($n: Int) { events(first: $n) { nodes { id claims { id evidence { exact sentence { text article { title source { name } } } } } } } }`,
  },
  {
    name: 'articles → sentences(first) → claims → claimant',
    levels: 4,
    query: `query($n: Int) { articles(first: $n) { nodes { title sentences(first: $n) { nodes { text claims { text claimant { name } } } } } } }`,
  },
  {
    name: 'actors → claimsMade(first) → evidence',
    levels: 3,
    query: `query($n: Int) { actors(first: $n) { nodes { name claimsMade(first: $n) { nodes { text evidence { exact } } } } } }`,
  },
  {
    name: 'sources → articles(first) → claims(first) → subjects',
    levels: 4,
    query: `query($n: Int) { sources(first: $n) { nodes { name articles(first: $n) { nodes { title claims(first: $n) { nodes { text subjects { name } } } } } } } }`,
  },
  {
    name: 'claims → subjects → relations → evidence',
    levels: 4,
    query: `query($n: Int) { claims(first: $n) { nodes { text subjects { name relations { type evidence { text } } } } } }`,
  },
  {
    name: 'events → participants → actor → aliases',
    levels: 4,
    query: `query($n: Int) { events(first: $n) { nodes { participants { role actor { name aliases { name } } } } } }`,
  },
];

/** How many objects a response holds: proof that the larger page really read more rows. */
function objectCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectCount(item), 0);
  if (value !== null && typeof value === 'object')
    return 1 + Object.values(value).reduce((sum: number, item) => sum + objectCount(item), 0);
  return 0;
}

describe('statements per request', () => {
  for (const { name, levels, query } of QUERIES) {
    it(`${name}: the same at page size 5 and 100, at most one per level plus the key lookup`, async () => {
      const small = await app.gql(query, { n: 5 }, { key });
      const large = await app.gql(query, { n: 100 }, { key });
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(objectCount(large.data)).toBeGreaterThan(objectCount(small.data));
      expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
      expect(large.extensions!.sqlStatements).toBeLessThanOrEqual(levels + 1);
    });
  }
});

/**
 * A level's to-one relations are read in the level's own statement (src/common/to-one.ts): the
 * claims with their claimants, the evidence with its sentences, their articles and sources.
 */
const JOINED: Array<{ name: string; statements: number; query: string }> = [
  {
    name: 'claims → claimant; evidence → sentence → article → source',
    statements: 2,
    query: `query($n: Int) { claims(first: $n) { nodes { id text claimant { name } evidence { exact sentence { text article { title source { name } } } } } } }`,
  },
  {
    name: 'articles → source',
    statements: 1,
    query: `query($n: Int) { articles(first: $n) { nodes { id title source { name } } } }`,
  },
];

describe('to-one relations joined into their level', () => {
  for (const { name, statements, query } of JOINED) {
    it(`${name}: ${statements} statement(s) at page size 5 and 100`, async () => {
      const small = await app.gql(query, { n: 5 }, { key });
      const large = await app.gql(query, { n: 100 }, { key });
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(objectCount(large.data)).toBeGreaterThan(objectCount(small.data));
      expect(small.extensions?.sqlStatements).toBe(statements);
      expect(large.extensions?.sqlStatements).toBe(statements);
    });
  }

  it('an article by id with its source: 1 statement', async () => {
    const list = await app.gql<{ articles: { nodes: Array<{ id: string }> } }>('{ articles(first: 1) { nodes { id } } }', {}, { key });
    const response = await app.gql<{ article: { title: string; source: { name: string } } }>(
      `query($id: ID!) { article(id: $id) { id title publishedAt source { name } } }`,
      { id: list.data!.articles.nodes[0].id },
      { key },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.article.source.name).toBe('Nested Wire');
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('fragments, inline fragments and edges { node } prime the same keys as nodes', async () => {
    const plain = await app.gql(JOINED[0].query, { n: 20 }, { key });
    const shaped = await app.gql<{ claims: { edges: Array<{ node: unknown }> } }>(
      `query($n: Int) { claims(first: $n) { edges { node { ...ClaimPart } } } }
       fragment ClaimPart on Claim { id ... on Claim { text claimant { name } } evidence { ...EvidencePart } }
       fragment EvidencePart on Evidence { exact sentence { text article { ... on Article { title } source { name } } } }`,
      { n: 20 },
      { key },
    );
    expect(shaped.errors).toBeUndefined();
    expect(shaped.extensions?.sqlStatements).toBe(2);
    expect(shaped.data!.claims.edges.map((edge) => edge.node)).toEqual((plain.data as { claims: { nodes: unknown[] } }).claims.nodes);
  });

  it('a field selected twice under aliases, or differently under nodes and edges, answers each selection', async () => {
    const response = await app.gql<{
      claims: {
        nodes: Array<{ claimant: { name: string }; other: { id: string }; evidence: Array<{ sentence: { text: string } }> }>;
        edges: Array<{ node: { claimant: { id: string }; evidence: Array<{ sentence: { id: string } }> } }>;
      };
    }>(
      `{ claims(first: 3) {
          nodes { claimant { name } other: claimant { id } evidence { sentence { text } } }
          edges { node { claimant { id } evidence { sentence { id } } } } } }`,
      {},
      { key },
    );
    expect(response.errors).toBeUndefined();
    const { nodes, edges } = response.data!.claims;
    expect(nodes).toHaveLength(3);
    nodes.forEach((node, i) => {
      expect(node.claimant.name).toMatch(/^Nested Actor \d$/);
      expect(node.other.id).toBe(edges[i].node.claimant.id);
      expect(node.evidence.map((evidence) => evidence.sentence.text)).toHaveLength(edges[i].node.evidence.length);
      for (const evidence of edges[i].node.evidence) expect(evidence.sentence.id).toEqual(expect.any(String));
    });
  });

  it('the joined answers are the rows themselves', async () => {
    type Claims = {
      claims: {
        nodes: Array<{
          id: string;
          claimant: { name: string } | null;
          evidence: Array<{ exact: string; sentence: { text: string; article: { title: string; source: { name: string } } } }>;
        }>;
      };
    };
    const response = await app.gql<Claims>(JOINED[0].query, { n: 100 }, { key });
    expect(response.errors).toBeUndefined();
    const expected: Array<{ id: string; claimant: string; exact: string; text: string; title: string; source: string }> =
      await app.db.query(
        `SELECT claim.id::text AS id, actor.name AS claimant, evidence.exact, sentence.text, article.title, source.name AS source
       FROM claim JOIN actor ON actor.id = claim.claimant_id JOIN evidence ON evidence.claim_id = claim.id
       JOIN sentence ON sentence.id = evidence.sentence_id JOIN article ON article.id = sentence.article_id
       JOIN source ON source.id = article.source_id ORDER BY claim.id, evidence.id`,
      );
    const answered = response.data!.claims.nodes.flatMap((claim) =>
      claim.evidence.map((evidence) => ({
        id: rowIdOf(claim.id),
        claimant: claim.claimant?.name,
        exact: evidence.exact,
        text: evidence.sentence.text,
        title: evidence.sentence.article.title,
        source: evidence.sentence.article.source.name,
      })),
    );
    const page = new Set(answered.map((row) => row.id));
    expect(page.size).toBe(100);
    expect(answered).toEqual(expected.filter((row) => page.has(row.id)));
  });
});
