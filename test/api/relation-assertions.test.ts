import { Role } from '../../src/common/role';
import { insertActor, insertApiKey, insertClaim, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Issue 9, findings 3 and 5: a relation's dates belong to each organisation's assertion of it;
 * a viewer sees the span of the assertions it may see, a date check looks at the caller's own
 * assertion only, B's dates never overwrite A's, and a private assertion moves no row others see.
 */

let app: TestApp;
let keys: { A: string; B: string };
let orgs: { A: string; B: string };

const ADD = `mutation($i: AddActorRelationInput!) { addActorRelation(input: $i) { type startDate endDate evidence { id } } }`;
const RELATIONS = `query($id: ID!) { node(id: $id) { ... on Actor { relations { type startDate endDate target { id } evidence { id } } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  keys = { A: await insertApiKey(app.db, Role.EDITOR, 'Assertions A'), B: await insertApiKey(app.db, Role.EDITOR, 'Assertions B') };
  const named = async (name: string) =>
    (await app.db.query<Array<{ id: string }>>(`SELECT id::text FROM organization WHERE name = $1`, [name]))[0].id;
  orgs = { A: await named('Assertions A'), B: await named('Assertions B') };
});
afterAll(async () => {
  await app.close();
});

async function stampOf(table: 'actor' | 'claim', rowId: string): Promise<Date> {
  const [row] = await app.db.query<Array<{ updated_at: Date }>>(`SELECT updated_at FROM ${table} WHERE id = $1`, [rowId]);
  return row.updated_at;
}

async function pair() {
  return { actor: await insertActor(app.db, 'Kataib Example'), target: await insertActor(app.db, 'Example Front') };
}

async function add(key: string, input: Record<string, unknown>) {
  return app.gql<{ addActorRelation: { startDate: string | null; endDate: string | null; evidence: Array<{ id: string }> } }>(
    ADD,
    { i: { type: 'MEMBER_OF', ...input } },
    { key },
  );
}

async function relationsSeenBy(actorId: string, key: string | null) {
  const { data, errors } = await app.gql<{ node: { relations: Array<Record<string, unknown>> } }>(RELATIONS, { id: actorId }, { key });
  expect(errors).toBeUndefined();
  return data!.node;
}

describe('relation dates come from the assertions the viewer may see', () => {
  it('A’s private dates reach neither B (who states the same relation on a public claim) nor the public', async () => {
    const { actor, target } = await pair();
    const privateA = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: orgs.A });
    const publicB = await insertClaim(app.db, { organizationId: orgs.B });
    const ids = { actorId: actor.id, targetId: target.id };
    expect((await add(keys.A, { ...ids, claimIds: [privateA], startDate: '2014-06-13', endDate: '2016-01-01' })).errors).toBeUndefined();

    const stated = await add(keys.B, { ...ids, claimIds: [publicB] });
    expect(stated.errors).toBeUndefined();
    expect(stated.data!.addActorRelation).toEqual({ type: 'MEMBER_OF', startDate: null, endDate: null, evidence: [{ id: publicB }] });
    for (const viewer of [keys.B, null]) {
      expect((await relationsSeenBy(actor.id, viewer)).relations).toEqual([
        { type: 'MEMBER_OF', startDate: null, endDate: null, target: { id: target.id }, evidence: [{ id: publicB }] },
      ]);
    }
    expect((await relationsSeenBy(actor.id, keys.A)).relations).toEqual([
      {
        type: 'MEMBER_OF',
        startDate: '2014-06-13',
        endDate: '2016-01-01',
        target: { id: target.id },
        evidence: [{ id: privateA }, { id: publicB }],
      },
    ]);
  });

  it('checks an end date against the caller’s own assertion only: a hidden start date changes no answer', async () => {
    const answers: unknown[] = [];
    for (const hidden of [true, false]) {
      const { actor, target } = await pair();
      if (hidden) {
        const privateA = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: orgs.A });
        await add(keys.A, { actorId: actor.id, targetId: target.id, claimIds: [privateA], startDate: '2015-01-01' });
      }
      const claimB = await insertClaim(app.db, { organizationId: orgs.B });
      const response = await add(keys.B, { actorId: actor.id, targetId: target.id, claimIds: [claimB], endDate: '2010-05-05' });
      answers.push({ errors: response.errors, data: { ...response.data?.addActorRelation, evidence: undefined } });
    }
    expect(answers[0]).toEqual({ errors: undefined, data: { type: 'MEMBER_OF', startDate: null, endDate: '2010-05-05' } });
    expect(answers[0]).toEqual(answers[1]);
  });

  it('still refuses an end before the caller’s own start, given now or before', async () => {
    const { actor, target } = await pair();
    const claimB = await insertClaim(app.db, { organizationId: orgs.B });
    const ids = { actorId: actor.id, targetId: target.id, claimIds: [claimB] };
    expect((await add(keys.B, { ...ids, startDate: '2015-01-01' })).errors).toBeUndefined();
    const refused = await add(keys.B, { ...ids, endDate: '2010-01-01' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
  });

  it('B’s dates never overwrite A’s, even on the same public claim; each sees the span', async () => {
    const { actor, target } = await pair();
    const shared = await insertClaim(app.db, { organizationId: orgs.A });
    const ids = { actorId: actor.id, targetId: target.id, claimIds: [shared] };
    await add(keys.A, { ...ids, startDate: '2014-01-01', endDate: '2016-01-01' });
    await add(keys.B, { ...ids, startDate: '2012-01-01', endDate: '2013-01-01' });
    const rows = await app.db.query(
      `SELECT organization_id::text, start_date::text, end_date::text FROM actor_relation_evidence
       WHERE claim_id = $1 ORDER BY organization_id`,
      [rowIdOf(shared)],
    );
    expect(rows).toEqual([
      { organization_id: orgs.A, start_date: '2014-01-01', end_date: '2016-01-01' },
      { organization_id: orgs.B, start_date: '2012-01-01', end_date: '2013-01-01' },
    ]);
    const seen = (await relationsSeenBy(actor.id, null)).relations;
    expect(seen).toMatchObject([{ startDate: '2012-01-01', endDate: '2016-01-01', evidence: [{ id: shared }] }]);
  });
});

describe('a private assertion moves no row others see (finding 5)', () => {
  it('leaves both actors’ updatedAt alone, and marks the owner’s claim as changed for its mirror', async () => {
    const { actor, target } = await pair();
    const privateA = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: orgs.A });
    const stamps = async () => [await stampOf('actor', actor.rowId), await stampOf('actor', target.rowId)];
    const claimStamp = async () => stampOf('claim', rowIdOf(privateA));
    const [actorsBefore, claimBefore] = [await stamps(), await claimStamp()];
    expect(
      (await add(keys.A, { actorId: actor.id, targetId: target.id, claimIds: [privateA], startDate: '2015-01-01' })).errors,
    ).toBeUndefined();
    expect(await stamps()).toEqual(actorsBefore);
    expect((await claimStamp()).getTime()).toBeGreaterThan(claimBefore.getTime());
    const since = claimBefore.toISOString();
    const mirror = await app.gql<{ claims: { nodes: Array<{ id: string }> } }>(
      `query($s: DateTime!) { claims(first: 100, filter: { updatedSince: $s }) { nodes { id } } }`,
      { s: since },
      { key: keys.A },
    );
    expect(mirror.data!.claims.nodes.map((n) => n.id)).toContain(privateA);
  });

  it('marks both actors as changed when the assertion rests on a public claim, and never touches another organisation’s claim', async () => {
    const { actor, target } = await pair();
    const publicA = await insertClaim(app.db, { organizationId: orgs.A });
    const claimStamp = async () => stampOf('claim', rowIdOf(publicA));
    const actorStamp = async () => stampOf('actor', actor.rowId);
    const before = { actor: await actorStamp(), claim: await claimStamp() };
    expect((await add(keys.B, { actorId: actor.id, targetId: target.id, claimIds: [publicA] })).errors).toBeUndefined();
    expect((await actorStamp()).getTime()).toBeGreaterThan(before.actor.getTime());
    expect(await claimStamp()).toEqual(before.claim);
  });
});
