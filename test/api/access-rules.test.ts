import { Role } from '../../src/common/role';
import { claimFixture, type ClaimFixture } from '../helpers/claims';
import { insertActor, insertApiKey, insertEvent, rowIdOf } from '../helpers/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf } from '../helpers/global-ids';

/**
 * The access rules of src/access (docs/security.md, "Access rules"): an id of nothing and an id
 * of a row the caller may not see answer alike, NOT_FOUND naming the input, for every type; a
 * claim is changed (reviewed, revised, retracted, linked to events) only by its organisation.
 */

let app: TestApp;
let fixture: ClaimFixture;
let ownerKey: string;
let otherKey: string;
let ids: { hidden: string; publicClaim: string; event: string; actor: string; target: string };

/** Ids of nothing (made when a test reads them: ids need the key the test app loads). */
const NOTHING = {
  get Claim() {
    return globalIdOf('Claim', '987654321');
  },
  get Event() {
    return globalIdOf('Event', '987654321');
  },
  get Actor() {
    return globalIdOf('Actor', '987654321');
  },
  get Article() {
    return globalIdOf('Article', '987654321');
  },
};

beforeAll(async () => {
  app = await startTestApp();
  fixture = await claimFixture(app);
  ownerKey = await insertApiKey(app.db, Role.EDITOR, 'Access owner');
  otherKey = await insertApiKey(app.db, Role.EDITOR, 'Access other');
  const evidence = [{ start: 0, end: 5 }];
  ids = {
    hidden: (await fixture.add({ visibility: 'ORGANIZATION', evidence }, ownerKey)).data!.addClaim.id,
    publicClaim: (await fixture.add({ evidence }, ownerKey)).data!.addClaim.id,
    event: (await insertEvent(app.db)).id,
    actor: (await insertActor(app.db, 'Access Actor')).id,
    target: (await insertActor(app.db, 'Access Target')).id,
  };
});
afterAll(async () => {
  await app.close();
});

/** Everything a claim's owner could see change: its row and its links. */
async function claimState(claimId: string): Promise<unknown> {
  const rowId = rowIdOf(claimId);
  return {
    claim: await app.db.query(`SELECT * FROM claim WHERE id = $1`, [rowId]),
    events: await app.db.query(`SELECT * FROM claim_event WHERE claim_id = $1 ORDER BY event_id`, [rowId]),
    relations: await app.db.query(`SELECT * FROM actor_relation_evidence WHERE claim_id = $1`, [rowId]),
    eventRows: await app.db.query(`SELECT id, updated_at FROM event ORDER BY id`),
  };
}

function codeAndField(response: GraphQLResponse): unknown {
  const error = response.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}

describe('an id of nothing and an id of a hidden row answer alike: NOT_FOUND naming the input', () => {
  const cases: Array<[string, string, (claim: string) => Record<string, unknown>, string]> = [
    ['reviewClaim', `mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`, (claim) => ({ id: claim }), 'id'],
    ['reviseClaim', `mutation($id: ID!) { reviseClaim(id: $id, text: "Other words") { id } }`, (claim) => ({ id: claim }), 'id'],
    ['retractClaim', `mutation($id: ID!) { retractClaim(id: $id, reason: "Wrong") { id } }`, (claim) => ({ id: claim }), 'id'],
    [
      'linkClaimToEvent',
      `mutation($c: ID!, $e: ID!) { linkClaimToEvent(claimId: $c, eventId: $e) { id } }`,
      (claim) => ({ c: claim, e: ids.event }),
      'claimId',
    ],
    [
      'createEvent(claimIds)',
      `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
      (claim) => ({ i: { type: 'PROTESTS', datePrecision: 'UNKNOWN', claimIds: [claim] } }),
      'input.claimIds[0]',
    ],
    [
      'addActorRelation(claimIds)',
      `mutation($i: AddActorRelationInput!) { addActorRelation(input: $i) { type } }`,
      (claim) => ({ i: { actorId: ids.actor, type: 'MEMBER_OF', targetId: ids.target, claimIds: [claim] } }),
      'input.claimIds[0]',
    ],
  ];

  it.each(cases)('%s: a claim of nothing and another organisation’s private claim', async (_name, query, variables, field) => {
    const before = await snapshotTables(app.db);
    const missing = await app.gql(query, variables(NOTHING.Claim), { key: otherKey });
    const hidden = await app.gql(query, variables(ids.hidden), { key: otherKey });
    expect(codeAndField(missing)).toMatchObject({ code: 'NOT_FOUND', field });
    expect(codeAndField(hidden)).toEqual(codeAndField(missing));
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it.each([
    ['addClaim articleId', () => ({ articleId: NOTHING.Article }), 'input.articleId'],
    ['addClaim eventIds', () => ({ eventIds: [NOTHING.Event] }), 'input.eventIds[0]'],
    ['addClaim claimantId', () => ({ claimantId: NOTHING.Actor }), 'input.claimantId'],
    ['addClaim subjectIds', () => ({ subjectIds: [NOTHING.Actor] }), 'input.subjectIds[0]'],
  ])('%s: a referenced id of nothing', async (_name, input, field) => {
    const response = await fixture.add({ evidence: [{ start: 0, end: 5 }], ...input() }, otherKey);
    expect(codeAndField(response)).toMatchObject({ code: 'NOT_FOUND', field });
  });

  it('linkClaimToEvent: an event of nothing', async () => {
    const response = await app.gql(
      `mutation($c: ID!, $e: ID!) { linkClaimToEvent(claimId: $c, eventId: $e) { id } }`,
      { c: ids.publicClaim, e: NOTHING.Event },
      { key: ownerKey },
    );
    expect(codeAndField(response)).toMatchObject({ code: 'NOT_FOUND', field: 'eventId' });
  });
});

describe('rule claim.change: only the organisation that wrote a claim links it to events', () => {
  it('refuses another organisation’s editor linkClaimToEvent with a public claim, changing nothing of it', async () => {
    const before = await claimState(ids.publicClaim);
    const response = await app.gql(
      `mutation($c: ID!, $e: ID!) { linkClaimToEvent(claimId: $c, eventId: $e) { id events { id } updatedAt } }`,
      { c: ids.publicClaim, e: ids.event },
      { key: otherKey },
    );
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await claimState(ids.publicClaim)).toEqual(before);
  });

  it('refuses another organisation’s editor createEvent(claimIds) with a public claim, writing nothing', async () => {
    const before = { state: await claimState(ids.publicClaim), tables: await snapshotTables(app.db) };
    const response = await app.gql(
      `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
      { i: { type: 'PROTESTS', datePrecision: 'UNKNOWN', claimIds: [ids.publicClaim] } },
      { key: otherKey },
    );
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect({ state: await claimState(ids.publicClaim), tables: await snapshotTables(app.db) }).toEqual(before);
  });

  it('lets the owner link, and answers with the updatedAt the link set', async () => {
    const event = await insertEvent(app.db);
    const linked = await app.gql<{ linkClaimToEvent: { updatedAt: string; events: Array<{ id: string }> } }>(
      `mutation($c: ID!, $e: ID!) { linkClaimToEvent(claimId: $c, eventId: $e) { updatedAt events { id } } }`,
      { c: ids.publicClaim, e: event.id },
      { key: ownerKey },
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkClaimToEvent.events.map((e) => e.id)).toContain(event.id);
    const read = await app.gql<{ node: { updatedAt: string } }>(
      `query($id: ID!) { node(id: $id) { ... on Claim { updatedAt } } }`,
      { id: ids.publicClaim },
      { key: ownerKey },
    );
    expect(linked.data!.linkClaimToEvent.updatedAt).toBe(read.data!.node.updatedAt);
  });
});
