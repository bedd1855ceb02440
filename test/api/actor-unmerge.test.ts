import { normalizeNameForSearch } from '../../src/nlp/normalize-name';
import { Role } from '../../src/common/role';
import { insertActor, insertApiKey, insertClaim, insertEvent, insertMention, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Issue 9, finding 4: a merge destroys nothing. mergeActors keeps what it changes in the merge
 * journal, and unmergeActors restores the state before it: every organisation's rows, aliases,
 * relations with their assertions, participations, claims' claimant and subjects. Compared as
 * table contents (all columns but updated_at, which both mark for mirrors).
 */

let app: TestApp;
let editorKey: string;
let partnerOrg: string;

const MERGE = `mutation($s: ID!, $t: ID!) { mergeActors(sourceId: $s, targetId: $t) { id } }`;
const UNMERGE = `mutation($s: ID!) { unmergeActors(sourceId: $s) { id name mergedInto { id } } }`;
const TABLES = [
  'actor',
  'actor_alias',
  'actor_external_id',
  'actor_relation',
  'actor_relation_evidence',
  'claim',
  'claim_subject',
  'mention',
  'event_participant',
  'deletion',
];

beforeAll(async () => {
  app = await startTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  editorKey = await insertApiKey(app.db, Role.EDITOR, 'Unmerge partner');
  [{ id: partnerOrg }] = await app.db.query<Array<{ id: string }>>(`SELECT id::text FROM organization WHERE name = 'Unmerge partner'`);
});
afterAll(async () => {
  await app.close();
});

async function snapshot(): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await app.db.query<Array<{ row: string }>>(
      `SELECT (to_jsonb(t) - 'updated_at')::text AS row FROM ${table} t ORDER BY (to_jsonb(t) - 'updated_at')::text`,
    );
    tables[table] = rows.map((r) => r.row);
  }
  return tables;
}

async function alias(actorRowId: string, name: string): Promise<void> {
  await app.db.query(`INSERT INTO actor_alias (actor_id, name, search_name) VALUES ($1, $2, $3)`, [
    actorRowId,
    name,
    normalizeNameForSearch(name),
  ]);
}

async function relation(actorRowId: string, type: string, targetRowId: string, claims: string[], dates: [string, string] | null = null) {
  const [row] = await app.db.query<Array<{ id: string }>>(
    `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, $2, $3) RETURNING id::text`,
    [actorRowId, type, targetRowId],
  );
  for (const claim of claims) {
    await app.db.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id, start_date, end_date)
       SELECT $1, id, organization_id, $3, $4 FROM claim WHERE id = $2`,
      [row.id, rowIdOf(claim), dates?.[0] ?? null, dates?.[1] ?? null],
    );
  }
}

/** A source with one of every kind of row a merge changes, each organisation's, with the collisions a merge folds. */
async function richSource() {
  const source = await insertActor(app.db, 'Source Brigade', 'ARMED_GROUP');
  const target = await insertActor(app.db, 'Target Brigade', 'ARMED_GROUP');
  const [c, d] = [await insertActor(app.db, 'Related C'), await insertActor(app.db, 'Related D')];
  await insertActor(app.db, 'Earlier duplicate', 'ARMED_GROUP', source.rowId); // re-pointed by the merge
  await app.db.query(`UPDATE actor SET description = 'From the source' WHERE id = $1`, [source.rowId]);
  await alias(source.rowId, 'Source alias');
  await alias(source.rowId, 'Shared alias');
  await alias(target.rowId, 'Shared alias');
  await app.db.query(`INSERT INTO actor_external_id (actor_id, system, value) VALUES ($1, 'wikidata', $2)`, [
    source.rowId,
    `Q${source.rowId}`,
  ]);
  await insertMention(app.db, source.rowId, 'Source Brigade');
  const privateClaim = await insertClaim(app.db, {
    visibility: 'ORGANIZATION',
    organizationId: partnerOrg,
    claimantId: source.rowId,
    subjectIds: [source.rowId, target.rowId],
  });
  const publicClaim = await insertClaim(app.db, { subjectIds: [source.rowId] });
  const [e1, e2] = [await insertEvent(app.db), await insertEvent(app.db)];
  await app.db.query(
    `INSERT INTO event_participant (event_id, actor_id, role) VALUES ($1, $2, 'VICTIM'), ($1, $3, 'VICTIM'), ($4, $2, 'PERPETRATOR')`,
    [e1.rowId, source.rowId, target.rowId, e2.rowId],
  );
  await relation(source.rowId, 'MEMBER_OF', c.rowId, [privateClaim], ['2014-01-01', '2016-01-01']); // moved
  await relation(source.rowId, 'ALLIED_WITH', target.rowId, [publicClaim]); // becomes a self-relation: removed
  await relation(source.rowId, 'PART_OF', d.rowId, [privateClaim, publicClaim], ['2015-01-01', '2015-06-01']); // folded...
  await relation(target.rowId, 'PART_OF', d.rowId, [publicClaim]); // ...into this one
  return { source, target, privateClaim };
}

describe('mergeActors → unmergeActors', () => {
  it('is a round trip: every table is as it was before the merge', async () => {
    const { source, target, privateClaim } = await richSource();
    const before = await snapshot();
    expect((await app.gql(MERGE, { s: source.id, t: target.id })).errors).toBeUndefined();
    const merged = await snapshot();
    expect(merged).not.toEqual(before);
    const [claim] = await app.db.query(`SELECT claimant_id::text FROM claim WHERE id = $1`, [rowIdOf(privateClaim)]);
    expect(claim.claimant_id).toBe(target.rowId);

    const undone = await app.gql<{ unmergeActors: { id: string; mergedInto: null } }>(UNMERGE, { s: source.id });
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.unmergeActors).toMatchObject({ id: source.id, name: 'Source Brigade', mergedInto: null });
    expect(await snapshot()).toEqual(before);
  });

  it('can merge again after an unmerge, and unmerge that too', async () => {
    const { source, target } = await richSource();
    const before = await snapshot();
    for (let round = 0; round < 2; round += 1) {
      expect((await app.gql(MERGE, { s: source.id, t: target.id })).errors).toBeUndefined();
      expect((await app.gql(UNMERGE, { s: source.id })).errors).toBeUndefined();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('undoes merges last first: CONFLICT while the target has been merged on, or when nothing is merged', async () => {
    const a = await insertActor(app.db, 'Chain A');
    const b = await insertActor(app.db, 'Chain B');
    const c = await insertActor(app.db, 'Chain C');
    const before = await snapshot();
    expect((await app.gql(UNMERGE, { s: a.id })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'sourceId' });
    await app.gql(MERGE, { s: a.id, t: b.id });
    await app.gql(MERGE, { s: b.id, t: c.id });
    expect((await app.gql(UNMERGE, { s: a.id })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await app.gql(UNMERGE, { s: b.id })).errors).toBeUndefined();
    expect((await app.gql(UNMERGE, { s: a.id })).errors).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it('needs an ADMIN key for both (rule actor.merge), writing nothing when refused', async () => {
    const a = await insertActor(app.db, 'Editor A');
    const b = await insertActor(app.db, 'Editor B');
    const before = await snapshot();
    expect((await app.gql(MERGE, { s: a.id, t: b.id }, { key: editorKey })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await app.gql(MERGE, { s: a.id, t: b.id });
    const merged = await snapshot();
    expect((await app.gql(UNMERGE, { s: a.id }, { key: editorKey })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(merged);
    expect(before).not.toEqual(merged);
  });

  it('keeps the journal from requests: the request role reads no row of it', async () => {
    const a = await insertActor(app.db, 'Journal A');
    const b = await insertActor(app.db, 'Journal B');
    await app.gql(MERGE, { s: a.id, t: b.id });
    const runner = app.db.createQueryRunner();
    try {
      await runner.query(`SET ROLE verbatim_request`);
      await expect(runner.query(`SELECT count(*) FROM actor_merge`)).rejects.toThrow(/permission denied/);
    } finally {
      await runner.query(`RESET ROLE`);
      await runner.release();
    }
  });
});
