import { Role } from '../../src/common/role';
import { insertApiKey, insertClaim } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { expectMoreRowsAtEveryLevel } from '../helpers/rows-returned';
import { globalIdOf } from '../helpers/global-ids';

let app: TestApp;
let wing: string;
let movement: string;
let leader: string;

const ADD = `mutation($input: AddActorRelationInput!) {
  addActorRelation(input: $input) { type startDate endDate actor { id name } target { id name } }
}`;
const RELATIONS = `query($id: ID!) { node(id: $id) { ... on Actor { relations { type startDate endDate actor { id } target { id } } } } }`;

async function createActor(name: string, kind: string): Promise<string> {
  const { data } = await app.gql<{ createActor: { id: string } }>(
    `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
    {
      input: { name, kind },
    },
  );
  return data!.createActor.id;
}

async function relationsOf(id: string, key?: string | null) {
  const { data } = await app.gql<{ node: { relations: Array<Record<string, unknown>> } }>(RELATIONS, { id }, { key });
  return data!.node.relations;
}

beforeAll(async () => {
  app = await startTestApp();
  wing = await createActor('Saraya al-Salam', 'ARMED_GROUP');
  movement = await createActor('Sadrist movement', 'POLITICAL_PARTY');
  leader = await createActor('Muqtada al-Sadr', 'PERSON');
});
afterAll(async () => {
  await app.close();
});

describe('addActorRelation', () => {
  it('records a relation on the evidence of a claim; Actor.relations shows it from both ends', async () => {
    const claim = await insertClaim(app.db);
    const { data, errors } = await app.gql<{ addActorRelation: Record<string, unknown> }>(ADD, {
      input: { actorId: wing, type: 'ARMED_WING_OF', targetId: movement, claimIds: [claim], startDate: '2014-06-13' },
    });
    expect(errors).toBeUndefined();
    expect(data!.addActorRelation).toEqual({
      type: 'ARMED_WING_OF',
      startDate: '2014-06-13',
      endDate: null,
      actor: { id: wing, name: 'Saraya al-Salam' },
      target: { id: movement, name: 'Sadrist movement' },
    });
    const expected = [{ type: 'ARMED_WING_OF', startDate: '2014-06-13', endDate: null, actor: { id: wing }, target: { id: movement } }];
    expect(await relationsOf(wing)).toEqual(expected);
    expect(await relationsOf(movement)).toEqual(expected);
    const audit = await app.db.query(`SELECT operation FROM audit_log WHERE operation = 'addActorRelation' AND $1 = ANY(target_ids)`, [
      wing,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('adds the evidence of a repeated statement to the existing relation instead of failing', async () => {
    const [first, second] = [await insertClaim(app.db), await insertClaim(app.db)];
    await app.gql(ADD, { input: { actorId: leader, type: 'LEADER_OF', targetId: movement, claimIds: [first] } });
    const before = await app.rowCounts();
    const { errors } = await app.gql(ADD, { input: { actorId: leader, type: 'LEADER_OF', targetId: movement, claimIds: [second, first] } });
    expect(errors).toBeUndefined();
    const after = await app.rowCounts();
    expect(after.actor_relation).toBe(before.actor_relation);
    expect(after.actor_relation_evidence).toBe(before.actor_relation_evidence + 1);
    expect((await relationsOf(leader)).filter((r) => r.type === 'LEADER_OF')).toHaveLength(1);
  });

  it('shows a relation only to viewers who can see one of its evidence claims', async () => {
    const partnerKey = await insertApiKey(app.db, Role.EDITOR, 'Private partner');
    const [{ id: partnerOrg }] = await app.db.query(`SELECT id::text FROM organization WHERE name = 'Private partner'`);
    const hidden = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: partnerOrg });
    const { errors } = await app.gql(
      ADD,
      { input: { actorId: wing, type: 'OPPOSED_TO', targetId: leader, claimIds: [hidden] } },
      { key: partnerKey },
    );
    expect(errors).toBeUndefined();
    expect((await relationsOf(wing, partnerKey)).map((r) => r.type)).toContain('OPPOSED_TO');
    expect((await relationsOf(wing, null)).map((r) => r.type)).not.toContain('OPPOSED_TO');
    expect((await relationsOf(wing)).map((r) => r.type)).not.toContain('OPPOSED_TO');
  });

  describe('refuses, writing nothing', () => {
    it('a relation without evidence, naming input.claimIds', async () => {
      const before = await snapshotTables(app.db);
      const { errors } = await app.gql(ADD, { input: { actorId: wing, type: 'PART_OF', targetId: movement, claimIds: [] } });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimIds' });
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('evidence that does not exist, or that the caller may not see, alike', async () => {
      const partnerKey = await insertApiKey(app.db, Role.EDITOR);
      const [{ id: otherOrg }] = await app.db.query(`INSERT INTO organization (name) VALUES ('Other org') RETURNING id::text`);
      const privateClaim = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: otherOrg });
      const visible = await insertClaim(app.db);
      const missing = globalIdOf('Claim', 987654);
      const before = await snapshotTables(app.db);
      const invisible = await app.gql(
        ADD,
        { input: { actorId: wing, type: 'PART_OF', targetId: movement, claimIds: [visible, privateClaim] } },
        { key: partnerKey },
      );
      const absent = await app.gql(
        ADD,
        { input: { actorId: wing, type: 'PART_OF', targetId: movement, claimIds: [missing] } },
        { key: partnerKey },
      );
      expect(invisible.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.claimIds[1]' });
      expect(absent.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.claimIds[0]' });
      expect(invisible.errors?.[0].message.replace(/id \S+/, 'id X')).toBe(absent.errors?.[0].message.replace(/id \S+/, 'id X'));
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it.each([
      ['a relation of an actor to itself', () => ({ actorId: wing, targetId: wing }), 'input.targetId'],
      ['an unknown actor', () => ({ actorId: globalIdOf('Actor', 987654), targetId: wing }), 'input.actorId', 'NOT_FOUND'],
      [
        'an end before the start',
        () => ({ actorId: wing, targetId: leader, startDate: '2020-01-02', endDate: '2020-01-01' }),
        'input.endDate',
      ],
      ['an impossible date', () => ({ actorId: wing, targetId: leader, startDate: '2020-02-30' }), 'input.startDate'],
      ['a claim id that is an actor id', () => ({ actorId: wing, targetId: leader, claimIds: [wing] }), 'input.claimIds[0]'],
    ])('%s', async (_name, overrides, field, code = 'BAD_USER_INPUT') => {
      const claim = await insertClaim(app.db);
      const before = await snapshotTables(app.db);
      const { errors } = await app.gql(ADD, { input: { type: 'ALLIED_WITH', claimIds: [claim], ...overrides() } });
      expect(errors?.[0].extensions).toMatchObject({ code, field });
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('without an editor key', async () => {
      const claim = await insertClaim(app.db);
      const { errors } = await app.gql(
        ADD,
        { input: { actorId: wing, type: 'PART_OF', targetId: movement, claimIds: [claim] } },
        { key: null },
      );
      expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('loads relations of many actors in one statement', async () => {
    const small = await app.gql(`{ actors(first: 1) { nodes { relations { actor { name } target { name } } } } }`);
    const large = await app.gql(`{ actors(first: 100) { nodes { relations { actor { name } target { name } } } } }`);
    expect(large.errors).toBeUndefined();
    expectMoreRowsAtEveryLevel(small.data, large.data, ['actors.nodes', 'actors.nodes.relations']);
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });
});
