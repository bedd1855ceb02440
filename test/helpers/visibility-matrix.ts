import { getNamedType, isInterfaceType, isObjectType } from 'graphql';
import { buildVerbatimSchema } from '../../src/schema';
import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from './factories';
import { snapshotTables } from './table-snapshot';
import { startTestApp, type TestApp } from './test-app';
import { rowIdOf } from './global-ids';

/**
 * The visibility matrix (issue 6): organisation A's private claim P and public claim Q hang
 * from the same article, sentence, claimant, subject, event and relation. Every path to claims
 * is asked by A (the owner), by B (another organisation) and anonymously; B and anonymous must
 * get Q and never P: not its id, its text, its old text, nor a count that includes it.
 */

const PRIVATE_TEXT = 'Quillwort privately alleges the convoy was diverted';
const PRIVATE_OLD_TEXT = 'Quillwort first draft of the private claim';
const PUBLIC_TEXT = 'The convoy reached the checkpoint';
const BODY = 'The convoy reached the Amarah checkpoint at dawn. Witnesses said it turned back an hour later.';
/** A's private assertion of a relation B states publicly without dates: these must reach only A. */
const PRIVATE_DATES = { startDate: '2011-03-04', endDate: '2012-05-06' };
const OTHER_BODY = 'Matrix Subject and Matrix Target were allied that spring, a council member said.';

type Viewer = 'owner' | 'other' | 'anonymous';

interface Fixture {
  app: TestApp;
  keys: Record<Viewer, string | null>;
  ids: Record<string, string>;
  /** What each viewer saw of public rows' change times before and after A's private writes. */
  timestamps: Record<'before' | 'after', Record<Viewer, ChangeTimes>>;
}

interface ChangeTimes {
  changedActors: { nodes: Array<{ id: string }> };
  changedEvents: { nodes: Array<{ id: string }> };
  actorsByUpdate: { nodes: Array<{ id: string }> };
  eventsByUpdate: { nodes: Array<{ id: string }> };
  changedClaims: { nodes: Array<{ id: string }> };
}

/** Every answer that shows when public actors and events last changed (and which claims did, for mirrors). */
const CHANGE_TIMES = `query($since: DateTime!) {
  changedActors: actors(first: 100, filter: { updatedSince: $since }) { nodes { id } }
  changedEvents: events(first: 100, filter: { updatedSince: $since }) { nodes { id } }
  actorsByUpdate: actors(first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id } }
  eventsByUpdate: events(first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { id } }
  changedClaims: claims(first: 100, filter: { updatedSince: $since }) { nodes { id } }
}`;

const RELATIONS_OF = `query($id: ID!) { node(id: $id) { ... on Actor { relations { type startDate endDate target { id } evidence { id } } } } }`;

interface ClaimPath {
  name: string;
  /** Schema fields this path exercises (a test checks that every claim field of the schema is here). */
  fields: string[];
  query: (ids: Record<string, string>) => { query: string; variables?: Record<string, unknown> };
  /** The claim ids and (where the path has one) the count the response shows. */
  read: (data: never) => { ids: Array<string | null>; count?: number };
  /** The claims the path should show; by default P and Q to the owner, Q to everyone else. */
  expected?: (claims: { P: string; Q: string }, seesPrivate: boolean, ids: Record<string, string>) => string[];
}

const EXPORT_FILES = ['claims', 'events', 'actors', 'mentions', 'articles'].flatMap((kind) =>
  ['ndjson', 'csv', 'jsonld'].map((format) => `${kind}.${format}`),
);

const onlyPrivate = ({ P }: { P: string }, seesPrivate: boolean): string[] => (seesPrivate ? [P] : []);

const connection = `totalCount nodes { id text }`;

const PATHS: ClaimPath[] = [
  {
    // Extraction run with a key's extractVisibility ORGANIZATION: its proposals follow the claim rule.
    name: 'extraction proposals of a private key (Article.claims)',
    fields: [],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Article { claims(first: 100) { ${connection} } } } }`,
      variables: { id: ids.proposalArticle },
    }),
    read: (data: { node: { claims: { totalCount: number; nodes: Array<{ id: string }> } } }) => ({
      ids: data.node.claims.nodes.map((n) => n.id),
      count: data.node.claims.totalCount,
    }),
    expected: (_claims, seesPrivate, ids) => (seesPrivate ? [ids.proposal] : []),
  },
  {
    name: 'node',
    fields: ['Query.node'],
    query: (ids) => ({ query: `query($id: ID!) { node(id: $id) { id ... on Claim { text } } }`, variables: { id: ids.P } }),
    read: (data: { node: { id: string } | null }) => ({ ids: data.node ? [data.node.id] : [] }),
    expected: onlyPrivate,
  },
  {
    name: 'nodes',
    fields: ['Query.nodes'],
    query: (ids) => ({ query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: [ids.P, ids.Q] } }),
    read: (data: { nodes: Array<{ id: string } | null> }) => ({ ids: data.nodes.map((node) => node?.id ?? null).filter(Boolean) }),
  },
  {
    name: 'claims + totalCount',
    fields: ['Query.claims'],
    query: (ids) => ({
      query: `query($a: ID!) { claims(first: 100, filter: { articleId: $a }) { ${connection} } }`,
      variables: { a: ids.article },
    }),
    read: (data: { claims: { totalCount: number; nodes: Array<{ id: string }> } }) => ({
      ids: data.claims.nodes.map((n) => n.id),
      count: data.claims.totalCount,
    }),
  },
  {
    name: 'claims search + totalCount',
    fields: ['Query.claims'],
    query: () => ({ query: `{ claims(first: 100, filter: { search: "convoy" }) { ${connection} } }` }),
    read: (data: { claims: { totalCount: number; nodes: Array<{ id: string }> } }) => ({
      ids: data.claims.nodes.map((n) => n.id),
      count: data.claims.totalCount,
    }),
  },
  {
    name: 'Article.claims + totalCount',
    fields: ['Article.claims'],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Article { claims(first: 50) { ${connection} } } } }`,
      variables: { id: ids.article },
    }),
    read: (data: { node: { claims: { totalCount: number; nodes: Array<{ id: string }> } } }) => ({
      ids: data.node.claims.nodes.map((n) => n.id),
      count: data.node.claims.totalCount,
    }),
  },
  {
    name: 'Sentence.claims',
    fields: ['Sentence.claims'],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Sentence { claims { id text revisions { text } } } } }`,
      variables: { id: ids.sentence },
    }),
    read: (data: { node: { claims: Array<{ id: string }> } }) => ({ ids: data.node.claims.map((c) => c.id) }),
  },
  {
    name: 'Actor.claimsMade + totalCount',
    fields: ['Actor.claimsMade'],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Actor { claimsMade(first: 50) { ${connection} } } } }`,
      variables: { id: ids.claimant },
    }),
    read: (data: { node: { claimsMade: { totalCount: number; nodes: Array<{ id: string }> } } }) => ({
      ids: data.node.claimsMade.nodes.map((n) => n.id),
      count: data.node.claimsMade.totalCount,
    }),
  },
  {
    name: 'Actor.claimsAbout + totalCount',
    fields: ['Actor.claimsAbout'],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Actor { claimsAbout(first: 50) { ${connection} } } } }`,
      variables: { id: ids.subject },
    }),
    read: (data: { node: { claimsAbout: { totalCount: number; nodes: Array<{ id: string }> } } }) => ({
      ids: data.node.claimsAbout.nodes.map((n) => n.id),
      count: data.node.claimsAbout.totalCount,
    }),
  },
  {
    name: 'Event.claims',
    fields: ['Event.claims'],
    query: (ids) => ({ query: `query($id: ID!) { node(id: $id) { ... on Event { claims { id text } } } }`, variables: { id: ids.event } }),
    read: (data: { node: { claims: Array<{ id: string }> } }) => ({ ids: data.node.claims.map((c) => c.id) }),
  },
  {
    name: 'Actor.relations / ActorRelation.evidence',
    fields: ['ActorRelation.evidence'],
    query: (ids) => ({
      query: `query($id: ID!) { node(id: $id) { ... on Actor { relations { type evidence { id text } } } } }`,
      variables: { id: ids.claimant },
    }),
    read: (data: { node: { relations: Array<{ evidence: Array<{ id: string }> }> } }) => ({
      ids: data.node.relations.flatMap((relation) => relation.evidence.map((claim) => claim.id)),
    }),
    expected: onlyPrivate, // the relation rests on P alone
  },
  {
    name: 'deletions (retractions) + totalCount',
    fields: ['Query.deletions'],
    query: () => ({ query: `{ deletions(since: "2000-01-01T00:00:00Z", first: 100) { totalCount nodes { kind nodeId reason } } }` }),
    read: (data: { deletions: { totalCount: number; nodes: Array<{ nodeId: string }> } }) => ({
      ids: data.deletions.nodes.map((n) => n.nodeId),
      count: data.deletions.totalCount,
    }),
  },
  {
    name: 'searchSentences → Sentence.claims',
    fields: ['Query.searchSentences', 'Sentence.claims'],
    query: () => ({ query: `{ searchSentences(query: "checkpoint", first: 10) { totalCount nodes { claims { id text } } } }` }),
    read: (data: { searchSentences: { nodes: Array<{ claims: Array<{ id: string }> }> } }) => ({
      ids: data.searchSentences.nodes.flatMap((sentence) => sentence.claims.map((claim) => claim.id)),
    }),
  },
];

async function buildFixture(env: Record<string, string>): Promise<Fixture> {
  const app = await startTestApp({ ...env, LOG_LEVEL: process.env.MATRIX_LOG_LEVEL ?? 'silent' });
  const owner = await insertApiKey(app.db, Role.EDITOR, 'Matrix owner');
  const other = await insertApiKey(app.db, Role.EDITOR, 'Matrix other');
  const admin = async <T>(query: string, variables: Record<string, unknown>, key?: string | null): Promise<T> => {
    const { data, errors } = await app.gql<T>(query, variables, { key });
    if (errors !== undefined) throw new Error(`${errors[0].message} (${JSON.stringify(errors[0].extensions)})`);
    return data as T;
  };
  const ingested = await admin<{ ingestArticle: { article: { id: string; sentences: { nodes: Array<{ id: string }> } } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id sentences { nodes { id } } } } }`,
    { input: articleInput({ body: BODY }) },
  );
  const actor = async (name: string, kind: string) =>
    (
      await admin<{ createActor: { id: string } }>(`mutation($i: CreateActorInput!) { createActor(input: $i) { id } }`, {
        i: { name, kind },
      })
    ).createActor.id;
  const ids: Record<string, string> = {
    article: ingested.ingestArticle.article.id,
    sentence: ingested.ingestArticle.article.sentences.nodes[0].id,
    claimant: await actor('Matrix Claimant', 'PERSON'),
    subject: await actor('Matrix Subject', 'ARMED_GROUP'),
    target: await actor('Matrix Target', 'ARMED_GROUP'),
  };
  // A speaker of its own, and no words of the paths above, so the proposal shows only on its path.
  await actor('Matrix Speaker', 'PERSON');
  ids.event = (
    await admin<{ createEvent: { id: string } }>(`mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`, {
      i: { type: 'PROTESTS', subType: 'Peaceful protest', datePrecision: 'DAY', date: '2026-01-02' },
    })
  ).createEvent.id;
  const addClaim = async (text: string, visibility: string, exact: string) =>
    (
      await admin<{ addClaim: { id: string } }>(
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        {
          i: {
            articleId: ids.article,
            kind: 'ALLEGATION',
            text,
            visibility,
            claimantId: ids.claimant,
            subjectIds: [ids.subject],
            eventIds: [ids.event],
            evidence: [{ exact, sentenceId: ids.sentence }],
          },
        },
        owner,
      )
    ).addClaim.id;
  ids.Q = await addClaim(PUBLIC_TEXT, 'PUBLIC', 'Amarah checkpoint');
  // B states publicly, without dates, a relation that A will also assert privately with dates.
  ids.otherArticle = (
    await admin<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput({ body: OTHER_BODY }) },
    )
  ).ingestArticle.article.id;
  ids.otherClaim = (
    await admin<{ addClaim: { id: string } }>(
      `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
      {
        i: {
          articleId: ids.otherArticle,
          kind: 'STATEMENT',
          text: 'They were allied',
          visibility: 'PUBLIC',
          evidence: [{ exact: 'were allied' }],
        },
      },
      other,
    )
  ).addClaim.id;
  const ALLIED = { actorId: ids.subject, type: 'ALLIED_WITH', targetId: ids.target };
  await admin(
    `mutation($i: AddActorRelationInput!) { addActorRelation(input: $i) { type } }`,
    { i: { ...ALLIED, claimIds: [ids.otherClaim] } },
    other,
  );

  // From here on A writes privately (and the public article of its extraction): no answer about public rows may move.
  const [{ since }] = await app.db.query<Array<{ since: Date }>>(`SELECT clock_timestamp() AS since`);
  ids.since = since.toISOString();
  const keys: Record<Viewer, string | null> = { owner, other, anonymous: null };
  const changeTimes = async (): Promise<Record<Viewer, ChangeTimes>> => {
    const seen = {} as Record<Viewer, ChangeTimes>;
    for (const viewer of Object.keys(keys) as Viewer[])
      seen[viewer] = await admin<ChangeTimes>(CHANGE_TIMES, { since: ids.since }, keys[viewer] ?? null);
    return seen;
  };
  const before = await changeTimes();

  ids.P = await addClaim(PRIVATE_OLD_TEXT, 'ORGANIZATION', 'The convoy reached');
  await admin(
    `mutation($i: AddActorRelationInput!) { addActorRelation(input: $i) { type } }`,
    { i: { ...ALLIED, claimIds: [ids.P], ...PRIVATE_DATES } },
    owner,
  );
  await admin(`mutation($id: ID!, $t: String!) { reviseClaim(id: $id, text: $t) { id } }`, { id: ids.P, t: PRIVATE_TEXT }, owner);
  // A relation resting only on the private claim: it is the owner's knowledge.
  await admin(
    `mutation($i: AddActorRelationInput!) { addActorRelation(input: $i) { type } }`,
    { i: { actorId: ids.claimant, type: 'MEMBER_OF', targetId: ids.target, claimIds: [ids.P] } },
    owner,
  );
  const proposed = await admin<{ ingestArticle: { article: { id: string; claims: { nodes: Array<{ id: string }> } } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id claims { nodes { id } } } } }`,
    {
      input: articleInput({
        body: 'Matrix Speaker said on Friday that the talks would resume at noon.',
        extract: true,
        extractVisibility: 'ORGANIZATION',
      }),
    },
    owner,
  );
  ids.proposalArticle = proposed.ingestArticle.article.id;
  ids.proposal = proposed.ingestArticle.article.claims.nodes[0].id;
  const after = await changeTimes();
  // Both retracted: the deletions feed must show Q's retraction to all, P's (and its reason) to the owner only.
  for (const [id, reason] of [
    [ids.P, 'Quillwort withdrawn by its authors'],
    [ids.Q, 'Superseded'],
  ]) {
    await admin(`mutation($id: ID!, $r: String!) { retractClaim(id: $id, reason: $r) { id } }`, { id, r: reason }, owner);
  }
  return { app, keys, ids, timestamps: { before, after } };
}

/** Types that carry a claim, or an entry about one; with their connections and edges. */
const CLAIM_BEARING = ['Claim', 'Deletion'].flatMap((name) => [name, `${name}Connection`, `${name}Edge`]);

/** Every field of the schema that returns claims (or deletions-feed entries), as "Type.field". */
export async function claimFieldsOfSchema(): Promise<string[]> {
  const schema = await buildVerbatimSchema();
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === 'Mutation' || CLAIM_BEARING.includes(type.name)) continue;
    if (!(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (CLAIM_BEARING.includes(getNamedType(field.type).name)) fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

/** Declares the matrix's tests in the calling test file (`env`: extra server settings). */
export function describeVisibilityMatrix(title: string, env: Record<string, string> = {}): void {
  describe(title, () => {
    let fixture: Fixture;
    // The fixture is two articles (one extracted), actors, an event, claims and a relation: more than 30 s on a busy machine.
    beforeAll(async () => {
      fixture = await buildFixture(env);
    }, 120_000);
    afterAll(async () => {
      await fixture?.app.close();
    });

    it('covers every field of the schema that returns claims', async () => {
      const covered = new Set(PATHS.flatMap((path) => path.fields));
      expect((await claimFieldsOfSchema()).filter((field) => !covered.has(field))).toEqual([]);
    });

    const viewers: Array<[Viewer, boolean]> = [
      ['owner', true],
      ['other', false],
      ['anonymous', false],
    ];
    describe.each(viewers)('asked by %s', (viewer, seesPrivate) => {
      it.each(PATHS.map((path) => [path.name, path] as const))('%s', async (_name, path) => {
        const { query, variables } = path.query(fixture.ids);
        const response = await fixture.app.gql(query, variables, { key: fixture.keys[viewer] });
        expect(response.errors).toBeUndefined();
        const { ids, count } = path.read(response.data as never);
        const claims = { P: fixture.ids.P, Q: fixture.ids.Q };
        const expected = path.expected?.(claims, seesPrivate, fixture.ids) ?? (seesPrivate ? [claims.P, claims.Q] : [claims.Q]);
        expect([...new Set(ids)].sort()).toEqual([...expected].sort());
        if (count !== undefined) expect(count).toBe(expected.length);
        if (!seesPrivate) expectNoTrace(JSON.stringify(response), fixture.ids.P);
      });

      it('relation dates: A’s private dates shown to A only; B and the public see B’s undated assertion', async () => {
        const { ids } = fixture;
        const response = await fixture.app.gql<{ node: { relations: Array<Record<string, unknown>> } }>(
          RELATIONS_OF,
          { id: ids.subject },
          { key: fixture.keys[viewer] },
        );
        expect(response.errors).toBeUndefined();
        const allied = response.data!.node.relations.filter((relation) => relation.type === 'ALLIED_WITH');
        expect(allied).toEqual([
          {
            type: 'ALLIED_WITH',
            ...(seesPrivate ? PRIVATE_DATES : { startDate: null, endDate: null }),
            target: { id: ids.target },
            evidence: expect.arrayContaining(seesPrivate ? [{ id: ids.P }, { id: ids.otherClaim }] : [{ id: ids.otherClaim }]),
          },
        ]);
        expect((allied[0].evidence as unknown[]).length).toBe(seesPrivate ? 2 : 1);
        if (!seesPrivate) expectNoTrace(JSON.stringify(response), ids.P);
      });

      it('timestamps: A’s private writes move no updatedSince or UPDATED_AT answer about public actors and events', () => {
        const { before, after } = fixture.timestamps;
        const publicPart = ({ changedClaims: _claims, ...rest }: ChangeTimes) => rest;
        expect(publicPart(after[viewer])).toEqual(publicPart(before[viewer]));
        // A's mirror still learns of its writes, from its own claims; nobody else of any.
        const changed = after[viewer].changedClaims.nodes.map((node) => node.id);
        if (seesPrivate) expect(changed).toEqual(expect.arrayContaining([fixture.ids.P, fixture.ids.proposal]));
        else expect(changed).toEqual([]);
      });

      it('/export/claims.jsonld', async () => {
        const key = fixture.keys[viewer];
        const response = await fetch(fixture.app.url.replace('/graphql', `/export/claims.jsonld?articleId=${fixture.ids.article}`), {
          headers: key ? { authorization: `Bearer ${key}` } : {},
        });
        const text = await response.text();
        const lines = text.split('\n').filter(Boolean);
        expect(response.status).toBe(200);
        expect(lines).toHaveLength(seesPrivate ? 2 : 1);
        if (!seesPrivate) expectNoTrace(text, fixture.ids.P);
        else expect(text).toContain(PRIVATE_TEXT);
      });

      // Every export kind and format (src/exports/): the claims themselves, and the claim ids,
      // counts and sources that events carry. Mentions, actors and articles carry no claim, so
      // they must show no trace of P either.
      it.each(EXPORT_FILES)('/export/%s', async (file) => {
        const key = fixture.keys[viewer];
        const query = file.startsWith('claims.') ? `?articleId=${fixture.ids.article}` : '';
        const response = await fetch(fixture.app.url.replace('/graphql', `/export/${file}${query}`), {
          headers: key ? { authorization: `Bearer ${key}` } : {},
        });
        const text = await response.text();
        expect(response.status).toBe(200);
        if (!seesPrivate) expectNoTrace(text, fixture.ids.P);
        if (file.startsWith('claims.')) {
          expect(text.includes(PRIVATE_TEXT)).toBe(seesPrivate);
          expect(text).toContain(PUBLIC_TEXT);
        }
        if (file === 'events.ndjson' || file === 'events.jsonld') expect(text.includes(fixture.ids.P)).toBe(seesPrivate);
        if (file === 'events.csv') expect(text.split('\n')[1]).toMatch(seesPrivate ? /,2,\d+$/ : /,1,\d+$/);
      });
    });

    describeMerges(() => fixture);
  });
}

/** The rows a merge changes and an unmerge must restore, every organisation's (change times left out). */
const MERGED_TABLES = [
  'actor',
  'actor_alias',
  'actor_relation',
  'actor_relation_evidence',
  'claim',
  'claim_subject',
  'mention',
  'event_participant',
  'deletion',
];

async function mergedRows(app: TestApp): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of MERGED_TABLES) {
    const found = await app.db.query<Array<{ row: string }>>(`SELECT (to_jsonb(t) - 'updated_at')::text AS row FROM ${table} t ORDER BY 1`);
    rows[table] = found.map((r) => r.row);
  }
  return rows;
}

const MERGE = `mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id } }`;
const UNMERGE = `mutation($s: ID!) { unmergeActors(sourceId: $s) { id } }`;
const ABOUT = `query($id: ID!) { node(id: $id) { ... on Actor {
  claimsAbout(first: 50) { totalCount nodes { id text } }
  relations { type startDate endDate evidence { id text } }
} } }`;

/** Merges (rule actor.merge): who may, and that a merge by an admin reveals nothing and is undone in full. Run last: it writes. */
function describeMerges(fixture: () => Fixture): void {
  describe('merges', () => {
    it('only an ADMIN may merge or unmerge: editors of either organisation FORBIDDEN, anonymous UNAUTHENTICATED, nothing written', async () => {
      const { app, ids, keys } = fixture();
      const before = await snapshotTables(app.db);
      for (const viewer of Object.keys(keys) as Viewer[]) {
        const code = viewer === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        for (const [query, variables] of [
          [MERGE, { s: ids.subject, t: ids.target }],
          [UNMERGE, { s: ids.subject }],
        ] as const) {
          const response = await app.gql(query, variables, { key: keys[viewer] });
          expect({ viewer, code: response.errors?.[0].extensions?.code }).toEqual({ viewer, code });
        }
      }
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('an admin’s merge shows B and the public nothing of A’s, and unmerge restores every organisation’s rows', async () => {
      const { app, ids, keys } = fixture();
      const into = (
        await app.gql<{ createActor: { id: string } }>(`mutation($i: CreateActorInput!) { createActor(input: $i) { id } }`, {
          i: { name: 'Matrix Merged Subject', kind: 'ARMED_GROUP' },
        })
      ).data!.createActor.id;
      const before = await mergedRows(app);
      expect((await app.gql(MERGE, { s: ids.subject, t: into })).errors).toBeUndefined();
      for (const viewer of Object.keys(keys) as Viewer[]) {
        const seesPrivate = viewer === 'owner';
        const response = await app.gql<{
          node: { claimsAbout: { totalCount: number; nodes: Array<{ id: string }> }; relations: Array<Record<string, unknown>> };
        }>(ABOUT, { id: into }, { key: keys[viewer] });
        expect(response.errors).toBeUndefined();
        const about = response.data!.node.claimsAbout;
        expect(about.nodes.map((node) => node.id).sort()).toEqual((seesPrivate ? [ids.P, ids.Q] : [ids.Q]).sort());
        expect(about.totalCount).toBe(seesPrivate ? 2 : 1);
        const allied = response.data!.node.relations.find((relation) => relation.type === 'ALLIED_WITH');
        expect(allied).toMatchObject(seesPrivate ? PRIVATE_DATES : { startDate: null, endDate: null });
        if (!seesPrivate) expectNoTrace(JSON.stringify(response), ids.P);
      }
      expect((await app.gql(UNMERGE, { s: ids.subject })).errors).toBeUndefined();
      expect(await mergedRows(app)).toEqual(before);
    });
  });
}

function expectNoTrace(text: string, privateId: string): void {
  for (const date of Object.values(PRIVATE_DATES)) expect(text).not.toContain(date);
  const rowId = rowIdOf(privateId);
  expect(text).not.toContain(privateId);
  expect(text).not.toContain('Quillwort'); // the private text, current and old
  expect(text).not.toMatch(new RegExp(`claims?/${rowId}\\b|Claim:${rowId}\\b`));
}
