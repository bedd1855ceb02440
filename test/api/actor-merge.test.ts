import { insertClaim, insertMention, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf } from '../helpers/global-ids';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const MERGE = `mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id name aliases { name language } externalIds { system value } } }`;

async function createActor(input: Record<string, unknown>): Promise<string> {
  const { data, errors } = await app.gql<{ createActor: { id: string } }>(
    `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
    {
      input,
    },
  );
  expect(errors).toBeUndefined();
  return data!.createActor.id;
}

async function relate(actorId: string, type: string, targetId: string, claimIds: string[]) {
  const { errors } = await app.gql(`mutation($input: AddActorRelationInput!) { addActorRelation(input: $input) { type } }`, {
    input: { actorId, type, targetId, claimIds },
  });
  expect(errors).toBeUndefined();
}

async function createEvent(participants: Array<{ actorId: string; role: string }>): Promise<string> {
  const { data, errors } = await app.gql<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: { type: 'PROTESTS', subType: 'Peaceful protest', datePrecision: 'DAY', date: '2026-01-02', participants },
    },
  );
  expect(errors).toBeUndefined();
  return data!.createEvent.id;
}

/** Every row of every table that can point at an actor, counted for one actor row id. */
async function references(actorRowId: string): Promise<Record<string, number>> {
  const queries: Record<string, string> = {
    claimant: `SELECT count(*) FROM claim WHERE claimant_id = $1`,
    subject: `SELECT count(*) FROM claim_subject WHERE actor_id = $1`,
    mention: `SELECT count(*) FROM mention WHERE actor_id = $1`,
    relation: `SELECT count(*) FROM actor_relation WHERE actor_id = $1 OR target_id = $1`,
    participation: `SELECT count(*) FROM event_participant WHERE actor_id = $1`,
    alias: `SELECT count(*) FROM actor_alias WHERE actor_id = $1`,
    externalId: `SELECT count(*) FROM actor_external_id WHERE actor_id = $1`,
  };
  const counts: Record<string, number> = {};
  for (const [name, sql] of Object.entries(queries)) counts[name] = Number((await app.db.query(sql, [actorRowId]))[0].count);
  return counts;
}

describe('mergeActors', () => {
  it('moves claims, mentions, relations, participations, aliases and external ids, leaving nothing on the source', async () => {
    const source = await createActor({
      name: 'Moqtada Sadr',
      kind: 'PERSON',
      description: 'Cleric.',
      aliases: [{ name: 'Muqtada as-Sadr' }, { name: 'مقتدى الصدر', language: 'ar' }, { name: 'Sayyid Muqtada' }],
      externalIds: [{ system: 'local', value: 'sadr-1' }],
    });
    const target = await createActor({ name: 'Muqtada al-Sadr', kind: 'PERSON', aliases: [{ name: 'Sayyid Muqtada' }] });
    const movement = await createActor({ name: 'Sadrist movement', kind: 'POLITICAL_PARTY' });
    const wing = await createActor({ name: 'Saraya al-Salam', kind: 'ARMED_GROUP' });
    const [s, t, m, w] = [source, target, movement, wing].map(rowIdOf);

    // Claims: the source as claimant, as subject, and as subject of a claim that already names the target.
    const byClaimant = await insertClaim(app.db, { claimantId: s });
    const aboutSource = await insertClaim(app.db, { subjectIds: [s] });
    const aboutBoth = await insertClaim(app.db, { subjectIds: [s, t] });
    await insertMention(app.db, s, 'Moqtada Sadr');
    // Relations: one that moves, one the target already has (folded, evidence kept), one between source and target (dropped).
    const [e1, e2, e3, e4] = await Promise.all([1, 2, 3, 4].map(() => insertClaim(app.db)));
    await relate(source, 'LEADER_OF', movement, [e1]);
    await relate(target, 'LEADER_OF', movement, [e2]);
    await relate(wing, 'ALLIED_WITH', source, [e3]);
    await relate(source, 'ALLIED_WITH', target, [e4]);
    // Participations: one only the source has, one both have in the same role.
    const onlySource = await createEvent([{ actorId: source, role: 'PARTICIPANT' }]);
    const both = await createEvent([
      { actorId: source, role: 'PARTICIPANT' },
      { actorId: target, role: 'PARTICIPANT' },
    ]);

    const { data, errors } = await app.gql<{
      mergeActors: { id: string; aliases: Array<{ name: string; language: string | null }>; externalIds: unknown[] };
    }>(MERGE, { s: source, t: target });
    expect(errors).toBeUndefined();
    expect(data!.mergeActors.id).toBe(target);

    expect(await references(s)).toEqual({ claimant: 0, subject: 0, mention: 0, relation: 0, participation: 0, alias: 0, externalId: 0 });
    expect(data!.mergeActors.aliases).toEqual(
      expect.arrayContaining([
        { name: 'Sayyid Muqtada', language: null },
        { name: 'Muqtada as-Sadr', language: null },
        { name: 'مقتدى الصدر', language: 'ar' },
        { name: 'Moqtada Sadr', language: null },
      ]),
    );
    expect(data!.mergeActors.aliases).toHaveLength(4);
    expect(data!.mergeActors.externalIds).toEqual([{ system: 'local', value: 'sadr-1' }]);

    expect(await app.db.query(`SELECT id::text FROM claim WHERE claimant_id = $1`, [t])).toEqual([{ id: rowIdOf(byClaimant) }]);
    const subjects: Array<{ claim_id: string }> = await app.db.query(
      `SELECT claim_id::text FROM claim_subject WHERE actor_id = $1 ORDER BY claim_id`,
      [t],
    );
    expect(subjects.map((row) => row.claim_id)).toEqual([rowIdOf(aboutSource), rowIdOf(aboutBoth)]);
    expect(Number((await app.db.query(`SELECT count(*) FROM mention WHERE actor_id = $1`, [t]))[0].count)).toBe(1);

    const relations: Array<{ actor_id: string; type: string; target_id: string; claims: string[] }> = await app.db.query(
      `SELECT r.actor_id::text, r.type::text, r.target_id::text, array_agg(e.claim_id::text ORDER BY e.claim_id) AS claims
       FROM actor_relation r JOIN actor_relation_evidence e ON e.relation_id = r.id GROUP BY r.id ORDER BY r.id`,
    );
    expect(relations).toEqual([
      { actor_id: t, type: 'LEADER_OF', target_id: m, claims: [rowIdOf(e1), rowIdOf(e2)].sort((a, b) => Number(a) - Number(b)) },
      { actor_id: w, type: 'ALLIED_WITH', target_id: t, claims: [rowIdOf(e3)] },
    ]);
    const participations: Array<{ event_id: string }> = await app.db.query(
      `SELECT event_id::text FROM event_participant WHERE actor_id = $1 ORDER BY event_id`,
      [t],
    );
    expect(participations.map((row) => row.event_id)).toEqual([rowIdOf(onlySource), rowIdOf(both)]);
    // A filter by the old id follows the merge.
    const events = await app.gql<{ events: { nodes: Array<{ id: string }> } }>(
      `query($a: ID) { events(filter: { actorId: $a }) { nodes { id } } }`,
      {
        a: source,
      },
    );
    expect(events.data!.events.nodes.map((n) => n.id)).toEqual([onlySource, both]);
  });

  it('moves other organisations’ private claims and relation evidence too, which the merging key cannot see', async () => {
    const source = await createActor({ name: 'Abu Fadak', kind: 'PERSON' });
    const target = await createActor({ name: 'Abu Fadak al-Mohammedawi', kind: 'PERSON' });
    const group = await createActor({ name: 'Harakat al-Nujaba', kind: 'ARMED_GROUP' });
    const [s, t] = [source, target].map(rowIdOf);
    const [partner] = await app.db.query<Array<{ id: string }>>(
      `INSERT INTO organization (name) VALUES ('Merge partner') RETURNING id::text`,
    );
    const hidden = { visibility: 'ORGANIZATION' as const, organizationId: partner.id };
    const privateClaims = [
      await insertClaim(app.db, { ...hidden, claimantId: s }),
      await insertClaim(app.db, { ...hidden, subjectIds: [s] }),
    ];
    // The same relation on both actors, the source's resting only on the partner's private claim: the fold must keep it.
    await relate(target, 'MEMBER_OF', group, [await insertClaim(app.db)]);
    const [relation] = await app.db.query<Array<{ id: string }>>(
      `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'MEMBER_OF', $2) RETURNING id::text`,
      [s, rowIdOf(group)],
    );
    const privateEvidence = await insertClaim(app.db, hidden);
    await app.db.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id) SELECT $1, id, organization_id FROM claim WHERE id = $2`,
      [relation.id, rowIdOf(privateEvidence)],
    );

    expect((await app.gql(MERGE, { s: source, t: target })).errors).toBeUndefined(); // as the operator, not the partner
    expect(await references(s)).toMatchObject({ claimant: 0, subject: 0, relation: 0 });
    expect(await app.db.query(`SELECT claimant_id::text FROM claim WHERE id = $1`, [rowIdOf(privateClaims[0])])).toEqual([
      { claimant_id: t },
    ]);
    expect(await app.db.query(`SELECT actor_id::text FROM claim_subject WHERE claim_id = $1`, [rowIdOf(privateClaims[1])])).toEqual([
      { actor_id: t },
    ]);
    const evidence = await app.db.query<Array<{ claim_id: string }>>(
      `SELECT e.claim_id::text FROM actor_relation_evidence e JOIN actor_relation r ON r.id = e.relation_id WHERE r.actor_id = $1`,
      [t],
    );
    expect(evidence.map((row) => row.claim_id)).toContain(rowIdOf(privateEvidence));
  });

  it('keeps the source id resolving through node, with mergedInto, and records the merge in the audit log', async () => {
    const source = await createActor({ name: 'Kataib Hizbullah', kind: 'ARMED_GROUP', description: 'Faction.' });
    const target = await createActor({ name: "Kata'ib Hezbollah", kind: 'ARMED_GROUP' });
    await app.gql(MERGE, { s: source, t: target });
    const { data } = await app.gql<{ node: { id: string; name: string; mergedInto: { id: string; description: string } } }>(
      `query($id: ID!) { node(id: $id) { id ... on Actor { name mergedInto { id description } } } }`,
      { id: source },
    );
    expect(data!.node).toEqual({ id: source, name: 'Kataib Hizbullah', mergedInto: { id: target, description: 'Faction.' } });
    const audit = await app.db.query(
      `SELECT operation, target_ids FROM audit_log WHERE operation = 'mergeActors' AND $1 = ANY(target_ids)`,
      [source],
    );
    expect(audit).toEqual([{ operation: 'mergeActors', target_ids: [source, target] }]);
    // The merged actor drops out of lists and search; its old name finds the target.
    const search = await app.gql<{ actors: { nodes: Array<{ id: string }> } }>(
      `{ actors(filter: { search: "Kataib Hizbullah" }) { nodes { id } } }`,
    );
    expect(search.data!.actors.nodes.map((n) => n.id)).toEqual([target]);
    const withMerged = await app.gql<{ actors: { nodes: Array<{ id: string }> } }>(
      `{ actors(filter: { search: "Kataib Hizbullah", includeMerged: true }) { nodes { id } } }`,
    );
    expect(withMerged.data!.actors.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([source, target]));
  });

  it('re-points actors merged into the source, so mergedInto is always one hop', async () => {
    const a = await createActor({ name: 'Alpha One', kind: 'OTHER' });
    const b = await createActor({ name: 'Alpha Two', kind: 'OTHER' });
    const c = await createActor({ name: 'Alpha Three', kind: 'OTHER' });
    await app.gql(MERGE, { s: a, t: b });
    await app.gql(MERGE, { s: b, t: c });
    const { data } = await app.gql<{ node: { mergedInto: { id: string } } }>(
      `query($id: ID!) { node(id: $id) { ... on Actor { mergedInto { id } } } }`,
      { id: a },
    );
    expect(data!.node.mergedInto.id).toBe(c);
  });

  it('refuses merging into itself (BAD_USER_INPUT), from or into a merged actor (CONFLICT) and unknown actors (NOT_FOUND), writing nothing', async () => {
    const a = await createActor({ name: 'Beta One', kind: 'OTHER' });
    const b = await createActor({ name: 'Beta Two', kind: 'OTHER' });
    const c = await createActor({ name: 'Beta Three', kind: 'OTHER' });
    await app.gql(MERGE, { s: a, t: b });
    const before = await snapshotTables(app.db);
    const self = await app.gql(MERGE, { s: c, t: c });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetId' });
    const intoMerged = await app.gql(MERGE, { s: c, t: a });
    expect(intoMerged.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'targetId', mergedInto: b });
    const fromMerged = await app.gql(MERGE, { s: a, t: c });
    expect(fromMerged.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'sourceId', mergedInto: b });
    const unknown = await app.gql(MERGE, { s: globalIdOf('Actor', 987654), t: c });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const wrongType = await app.gql(MERGE, { s: globalIdOf('Event', 1), t: c });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sourceId' });
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('refuses new links to a merged actor (CONFLICT), e.g. as an event participant', async () => {
    const a = await createActor({ name: 'Gamma One', kind: 'OTHER' });
    const b = await createActor({ name: 'Gamma Two', kind: 'OTHER' });
    await app.gql(MERGE, { s: a, t: b });
    const { errors } = await app.gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: { type: 'PROTESTS', datePrecision: 'UNKNOWN', participants: [{ actorId: a, role: 'PARTICIPANT' }] },
    });
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.participants[0].actorId', mergedInto: b });
  });

  it('two merges racing over the same actors both finish, one way or the other, without deadlock', async () => {
    const a = await createActor({ name: 'Delta One', kind: 'OTHER' });
    const b = await createActor({ name: 'Delta Two', kind: 'OTHER' });
    const results = await Promise.all([app.gql(MERGE, { s: a, t: b }), app.gql(MERGE, { s: b, t: a })]);
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });
});
