import { articleInput, insertActor, insertClaim, insertEvent, rowIdOf } from '../helpers/factories';
import { createPartnerKey } from '../helpers/keys';
import { globalId, pageThrough } from '../helpers/paging';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A time after every change so far and before every change to come (one clock: the same machine). */
async function mark(): Promise<string> {
  await sleep(5);
  const at = new Date().toISOString();
  await sleep(5);
  return at;
}

async function ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, key?: string | null): Promise<T> {
  const response = await app.gql<T>(query, variables, { key });
  if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
}

interface Changed {
  articles: string[];
  claims: string[];
  actors: string[];
  events: string[];
}

const CHANGED = `query($since: DateTime!) {
  articles(first: 100, filter: { updatedSince: $since }) { nodes { id } }
  claims(first: 100, filter: { updatedSince: $since }) { nodes { id } }
  actors(first: 100, filter: { updatedSince: $since, includeMerged: true }) { nodes { id } }
  events(first: 100, filter: { updatedSince: $since }) { nodes { id } }
}`;

async function changedSince(since: string): Promise<Changed> {
  const data = await ok<Record<keyof Changed, { nodes: Array<{ id: string }> }>>(CHANGED, { since });
  const ids = (list: keyof Changed) => data[list].nodes.map((node) => node.id).sort();
  return { articles: ids('articles'), claims: ids('claims'), actors: ids('actors'), events: ids('events') };
}

function expected(partial: Partial<Changed>): Changed {
  return {
    articles: [...(partial.articles ?? [])].sort(),
    claims: [...(partial.claims ?? [])].sort(),
    actors: [...(partial.actors ?? [])].sort(),
    events: [...(partial.events ?? [])].sort(),
  };
}

describe('updatedSince lists exactly the rows a write changed, whatever path it took', () => {
  let x: { id: string; rowId: string };
  let y: { id: string; rowId: string };
  let event: { id: string; rowId: string };
  let claim: string;

  beforeAll(async () => {
    x = await insertActor(app.db, 'Sync Actor X', 'ORGANIZATION');
    y = await insertActor(app.db, 'Sync Actor Y', 'ORGANIZATION');
    event = await insertEvent(app.db, 'PROTESTS', '2026-01-04');
    claim = await insertClaim(app.db, { claimantId: x.rowId });
  });

  it('nothing changed: nothing listed', async () => {
    expect(await changedSince(await mark())).toEqual(expected({}));
  });

  it('reviewClaim and reviseClaim change the claim', async () => {
    let since = await mark();
    await ok(`mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`, { id: claim });
    expect(await changedSince(since)).toEqual(expected({ claims: [claim] }));
    since = await mark();
    await ok(`mutation($id: ID!) { reviseClaim(id: $id, text: "Revised text") { id } }`, { id: claim });
    expect(await changedSince(since)).toEqual(expected({ claims: [claim] }));
  });

  it('linkClaimToEvent changes the claim and the event', async () => {
    const since = await mark();
    await ok(`mutation($c: ID!, $e: ID!) { linkClaimToEvent(claimId: $c, eventId: $e) { id } }`, { c: claim, e: event.id });
    expect(await changedSince(since)).toEqual(expected({ claims: [claim], events: [event.id] }));
  });

  it('aliases and external ids change the actor', async () => {
    let since = await mark();
    await ok(`mutation($id: ID!) { addActorAlias(actorId: $id, alias: { name: "X-Ray" }) { id } }`, { id: x.id });
    expect(await changedSince(since)).toEqual(expected({ actors: [x.id] }));
    since = await mark();
    await ok(`mutation($id: ID!) { removeActorAlias(actorId: $id, name: "X-Ray") { id } }`, { id: x.id });
    expect(await changedSince(since)).toEqual(expected({ actors: [x.id] }));
    since = await mark();
    await ok(`mutation($id: ID!) { updateActor(id: $id, input: { externalIds: [{ system: "wikidata", value: "Q42" }] }) { id } }`, {
      id: x.id,
    });
    expect(await changedSince(since)).toEqual(expected({ actors: [x.id] }));
  });

  it('addActorRelation on a public claim changes both actors, and the caller’s own claim it rests on', async () => {
    const since = await mark();
    await ok(
      `mutation($a: ID!, $t: ID!, $c: [ID!]!) { addActorRelation(input: { actorId: $a, type: ALLIED_WITH, targetId: $t, claimIds: $c }) { type } }`,
      {
        a: x.id,
        t: y.id,
        c: [claim],
      },
    );
    expect(await changedSince(since)).toEqual(expected({ actors: [x.id, y.id], claims: [claim] }));
  });

  it('createEvent with claims changes the new event and the claims; updateEvent of participants alone changes the event', async () => {
    let since = await mark();
    const { createEvent } = await ok<{ createEvent: { id: string } }>(
      `mutation($x: ID!, $c: ID!) { createEvent(input: { type: PROTESTS, subType: "Peaceful protest", datePrecision: UNKNOWN,
         participants: [{ actorId: $x, role: PARTICIPANT }], claimIds: [$c] }) { id } }`,
      { x: x.id, c: claim },
    );
    expect(await changedSince(since)).toEqual(expected({ events: [createEvent.id], claims: [claim] }));
    since = await mark();
    await ok(`mutation($id: ID!, $y: ID!) { updateEvent(id: $id, input: { participants: [{ actorId: $y, role: TARGET }] }) { id } }`, {
      id: createEvent.id,
      y: y.id,
    });
    expect(await changedSince(since)).toEqual(expected({ events: [createEvent.id] }));
  });

  it('addClaim with events changes the new claim and the events; ingestArticle lists the new article', async () => {
    let since = await mark();
    const { ingestArticle } = await ok<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput() },
    );
    expect(await changedSince(since)).toEqual(expected({ articles: [ingestArticle.article.id] }));
    // Its source was created by this first ingest: sources take updatedSince too.
    const sources = await ok<{ sources: { nodes: Array<{ name: string }> } }>(
      `query($since: DateTime!) { sources(filter: { updatedSince: $since }) { nodes { name } } }`,
      { since },
    );
    expect(sources.sources.nodes.map((source) => source.name)).toEqual(['Test Wire']);
    since = await mark();
    const { addClaim } = await ok<{ addClaim: { id: string } }>(
      `mutation($a: ID!, $e: ID!, $s: ID!) { addClaim(input: { articleId: $a, text: "Met", kind: REPORT, eventIds: [$e], subjectIds: [$s],
         evidence: [{ exact: "The council met on Monday." }] }) { id } }`,
      { a: ingestArticle.article.id, e: event.id, s: y.id },
    );
    expect(await changedSince(since)).toEqual(expected({ claims: [addClaim.id], events: [event.id] }));
  });

  it('mergeActors changes both actors, the claims and events of the source, its related actors and actors merged into it', async () => {
    const source = await insertActor(app.db, 'Sync Source', 'ORGANIZATION');
    const target = await insertActor(app.db, 'Sync Target', 'ORGANIZATION');
    const earlier = await insertActor(app.db, 'Sync Earlier', 'ORGANIZATION', source.rowId);
    const related = await insertActor(app.db, 'Sync Related', 'ORGANIZATION');
    const made = await insertClaim(app.db, { claimantId: source.rowId });
    const about = await insertClaim(app.db, { subjectIds: [source.rowId] });
    const took = await insertEvent(app.db, 'BATTLES', '2026-01-01');
    await app.db.query(`INSERT INTO event_participant (event_id, actor_id, role) VALUES ($1, $2, 'PERPETRATOR')`, [
      took.rowId,
      source.rowId,
    ]);
    const [relation] = await app.db.query(
      `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'MEMBER_OF', $2) RETURNING id`,
      [related.rowId, source.rowId],
    );
    await app.db.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id) SELECT $1, id, organization_id FROM claim WHERE id = $2`,
      [relation.id, rowIdOf(made)],
    );
    const untouched = await insertClaim(app.db, { claimantId: y.rowId });

    const since = await mark();
    await ok(`mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id } }`, { s: source.id, t: target.id });
    const changed = await changedSince(since);
    expect(changed).toEqual(expected({ actors: [source.id, target.id, earlier.id, related.id], claims: [made, about], events: [took.id] }));
    expect(changed.claims).not.toContain(untouched);
  });
});

describe('deletions feed', () => {
  const FEED = `query($since: DateTime!, $first: Int, $after: String, $last: Int, $before: String) {
    deletions(since: $since, first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id: nodeId }
    }
  }`;
  const ENTRIES = `query($since: DateTime!) { deletions(since: $since, first: 100) { nodes { kind nodeId replacedBy reason at } } }`;

  it('shows retractions and merges since a time, each organisation seeing only the private retractions it may see', async () => {
    const partner = await createPartnerKey(app, 'Feed Partner', 'EDITOR');
    const stranger = await createPartnerKey(app, 'Feed Stranger', 'READER');
    const { ingestArticle } = await ok<{ ingestArticle: { article: { id: string } } }>(
      `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
      { input: articleInput() },
    );
    const add = async (visibility: string) =>
      (
        await ok<{ addClaim: { id: string } }>(
          `mutation($a: ID!, $v: Visibility!) { addClaim(input: { articleId: $a, text: "A claim", kind: REPORT, visibility: $v,
             evidence: [{ exact: "He left at noon." }] }) { id } }`,
          { a: ingestArticle.article.id, v: visibility },
          partner.key,
        )
      ).addClaim.id;
    const publicClaim = await add('PUBLIC');
    const privateClaim = await add('ORGANIZATION');
    const earlierRetraction = await add('PUBLIC');
    await ok(`mutation($id: ID!) { retractClaim(id: $id, reason: "old") { id } }`, { id: earlierRetraction }, partner.key);
    const source = await insertActor(app.db, 'Feed Source', 'PERSON');
    const target = await insertActor(app.db, 'Feed Target', 'PERSON');

    const since = await mark();
    await ok(`mutation($id: ID!) { retractClaim(id: $id, reason: "misread the quote") { id } }`, { id: publicClaim }, partner.key);
    await ok(`mutation($id: ID!) { retractClaim(id: $id, reason: "private mistake") { id } }`, { id: privateClaim }, partner.key);
    await ok(`mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id } }`, { s: source.id, t: target.id });

    const feed = async (key: string | null) =>
      (await ok<{ deletions: { nodes: Array<Record<string, unknown>> } }>(ENTRIES, { since }, key)).deletions.nodes;
    const mine = await feed(partner.key);
    expect(mine.map(({ kind, nodeId, replacedBy, reason }) => ({ kind, nodeId, replacedBy, reason }))).toEqual([
      { kind: 'RETRACTED', nodeId: publicClaim, replacedBy: null, reason: 'misread the quote' },
      { kind: 'RETRACTED', nodeId: privateClaim, replacedBy: null, reason: 'private mistake' },
      { kind: 'MERGED', nodeId: source.id, replacedBy: target.id, reason: null },
    ]);
    expect(new Date(mine[0].at as string).getTime()).toBeGreaterThanOrEqual(new Date(since).getTime());
    const publicFeed = [publicClaim, source.id];
    expect((await feed(null)).map((entry) => entry.nodeId)).toEqual(publicFeed);
    expect((await feed(stranger.key)).map((entry) => entry.nodeId)).toEqual(publicFeed);

    for (const size of [1, 2]) {
      const forward = await pageThrough(app, 'deletions', FEED, { since }, size, 'forward', partner.key);
      expect(forward.ids).toEqual([publicClaim, privateClaim, source.id]);
      expect(new Set(forward.totals)).toEqual(new Set([3]));
      expect((await pageThrough(app, 'deletions', FEED, { since }, size, 'backward', null)).ids).toEqual(publicFeed);
    }
    const everything = await feed(partner.key);
    expect(everything.map((entry) => entry.nodeId)).not.toContain(earlierRetraction);
  });

  it('a merge records the actors merged into the source as merged into the target', async () => {
    const middle = await insertActor(app.db, 'Chain Middle', 'PERSON');
    const end = await insertActor(app.db, 'Chain End', 'PERSON');
    const first = await insertActor(app.db, 'Chain First', 'PERSON', middle.rowId);
    const since = await mark();
    await ok(`mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id } }`, { s: middle.id, t: end.id });
    const { deletions } = await ok<{ deletions: { nodes: Array<{ nodeId: string; replacedBy: string }> } }>(ENTRIES, { since });
    expect(deletions.nodes.map(({ nodeId, replacedBy }) => ({ nodeId, replacedBy }))).toEqual([
      { nodeId: middle.id, replacedBy: end.id },
      { nodeId: first.id, replacedBy: end.id },
    ]);
    expect(globalId('Actor', first.rowId)).toBe(first.id);
  });
});
