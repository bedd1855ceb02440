import { loadGlobalIdKey } from '../../src/db/global-id-key';
import { articleInput, insertClaim } from '../helpers/factories';
import { cursorPayload, legacyGlobalIdOf, rowIdOf } from '../helpers/global-ids';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Ids and cursors are opaque to clients and to attackers (issue 9, finding 5): a keyed
 * permutation of the row id, the key in the database. First-form ids ("Type:rowId") that
 * clients hold from before keep resolving, for the rows that existed then.
 */
let app: TestApp;
const ids: { article: string; sentence: string; actor: string; claim: string } = {} as never;

beforeAll(async () => {
  app = await startTestApp();
  const { data } = await app.gql<{
    ingestArticle: { article: { id: string; sentences: { nodes: Array<{ id: string }> } } };
    createActor: { id: string };
  }>(
    `mutation($input: IngestArticleInput!) {
      ingestArticle(input: $input) { article { id sentences { nodes { id } } } }
      createActor(input: { name: "Hadi Rahim", kind: PERSON }) { id }
    }`,
    { input: articleInput() },
  );
  ids.article = data!.ingestArticle.article.id;
  ids.sentence = data!.ingestArticle.article.sentences.nodes[0].id;
  ids.actor = data!.createActor.id;
  ids.claim = await insertClaim(app.db, { articleId: rowIdOf(ids.article) });
  // As if these rows had been made before the key (what the migration records for a database that had rows).
  await app.db.query(
    `UPDATE global_id_key SET legacy_row_id_limits = jsonb_build_object('Article', $1::text, 'Sentence', $2::text, 'Actor', $3::text, 'Claim', $4::text)`,
    [rowIdOf(ids.article), rowIdOf(ids.sentence), rowIdOf(ids.actor), rowIdOf(ids.claim)],
  );
  await loadGlobalIdKey(app.db);
});
afterAll(async () => {
  await app.close();
});

describe('ids the server gives', () => {
  it('show neither type nor row id', async () => {
    const { data } = await app.gql<{ articles: { nodes: Array<{ id: string }> } }>(`{ articles { nodes { id } } }`);
    for (const id of [ids.article, ids.sentence, ids.actor, ids.claim, ...data!.articles.nodes.map((node) => node.id)]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url').toString('latin1')).not.toMatch(/Article|Sentence|Actor|Claim|:\d/);
    }
  });

  it('refuse a tampered id as malformed, naming the argument', async () => {
    const tampered = `${ids.article.slice(0, 10)}${ids.article[10] === 'A' ? 'B' : 'A'}${ids.article.slice(11)}`;
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: tampered });
    expect(node.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const filter = await app.gql(`query($id: ID) { claims(filter: { articleId: $id }) { totalCount } }`, { id: tampered });
    expect(filter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.articleId' });
  });

  it('come with cursors that carry no readable row id', async () => {
    const { data } = await app.gql<{ article: { sentences: { edges: Array<{ cursor: string }> } } }>(
      `query($id: ID) { article(id: $id) { sentences { edges { cursor } } } }`,
      { id: ids.article },
    );
    const cursor = data!.article.sentences.edges[0].cursor;
    expect(() => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown).toThrow();
    expect(cursorPayload(cursor)).toEqual(['0']);
    const plain = Buffer.from(JSON.stringify(['0'])).toString('base64url');
    const refused = await app.gql(`query($id: ID, $after: String) { article(id: $id) { sentences(after: $after) { totalCount } } }`, {
      id: ids.article,
      after: plain,
    });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('first-form ids ("Type:rowId", from before the change)', () => {
  it('still resolve through node and nodes, answering the current id (how mirrors map theirs)', async () => {
    const old = legacyGlobalIdOf('Article', rowIdOf(ids.article));
    const node = await app.gql<{ node: { id: string } }>(`query($id: ID!) { node(id: $id) { id } }`, { id: old });
    expect(node.data!.node).toEqual({ id: ids.article });
    const nodes = await app.gql<{ nodes: Array<{ id: string }> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [
        legacyGlobalIdOf('Actor', rowIdOf(ids.actor)),
        legacyGlobalIdOf('Claim', rowIdOf(ids.claim)),
        legacyGlobalIdOf('Sentence', rowIdOf(ids.sentence)),
      ],
    });
    expect(nodes.data!.nodes).toEqual([{ id: ids.actor }, { id: ids.claim }, { id: ids.sentence }]);
  });

  it('still resolve in typed lookups, filters and mutations', async () => {
    const oldArticle = legacyGlobalIdOf('Article', rowIdOf(ids.article));
    const article = await app.gql<{ article: { id: string } }>(`query($id: ID) { article(id: $id) { id } }`, { id: oldArticle });
    expect(article.data!.article).toEqual({ id: ids.article });
    const claims = await app.gql<{ claims: { nodes: Array<{ id: string }> } }>(
      `query($id: ID) { claims(filter: { articleId: $id }) { nodes { id } } }`,
      { id: oldArticle },
    );
    expect(claims.data!.claims.nodes).toEqual([{ id: ids.claim }]);
    const updated = await app.gql<{ updateActor: { id: string; name: string } }>(
      `mutation($id: ID!) { updateActor(id: $id, input: { description: "Renamed by an old id" }) { id name } }`,
      { id: legacyGlobalIdOf('Actor', rowIdOf(ids.actor)) },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateActor).toEqual({ id: ids.actor, name: 'Hadi Rahim' });
  });

  it('do not resolve for rows made after the key, so later rows cannot be counted by trying them', async () => {
    const later = await insertClaim(app.db, { articleId: rowIdOf(ids.article) });
    expect((await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: later })).data).toEqual({ node: { id: later } });
    const old = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: legacyGlobalIdOf('Claim', rowIdOf(later)) });
    expect(old.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('stored in the deletions feed and the audit log, are answered in the current form', async () => {
    await app.db.query(`INSERT INTO deletion (kind, node_id, replaced_by) VALUES ('MERGED', $1, $2)`, [
      legacyGlobalIdOf('Actor', rowIdOf(ids.actor)),
      legacyGlobalIdOf('Actor', rowIdOf(ids.actor)),
    ]);
    await app.db.query(`INSERT INTO audit_log (operation, target_ids, details) VALUES ('test', $1, '{}')`, [
      [legacyGlobalIdOf('Claim', rowIdOf(ids.claim))],
    ]);
    const { data } = await app.gql<{
      deletions: { nodes: Array<{ nodeId: string; replacedBy: string | null }> };
      auditLog: { nodes: Array<{ targetIds: string[] }> };
    }>(
      `{ deletions(since: "2000-01-01T00:00:00Z", last: 1) { nodes { nodeId replacedBy } } auditLog(operation: "test") { nodes { targetIds } } }`,
    );
    expect(data!.deletions.nodes).toEqual([{ nodeId: ids.actor, replacedBy: ids.actor }]);
    expect(data!.auditLog.nodes).toEqual([{ targetIds: [ids.claim] }]);
  });
});
