import { createContext } from '../../src/context';
import { ANONYMOUS, type Viewer } from '../../src/common/viewer';
import { REQUEST_ROLE } from '../../src/db/request-scope';
import { Role } from '../../src/common/role';
import { articleInput, insertActor, insertApiKey, insertEvent } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { rowIdOf } from '../helpers/global-ids';

/**
 * The database's own line of defence: statements that carry no visibility condition at all,
 * run through a request's data source, still see no other organisation's private claims.
 */
let app: TestApp;
const orgs: Record<'A' | 'B', { id: string; key: string }> = {} as never;
/** Claim row ids by owner and visibility. */
const claims: Record<'publicA' | 'privateA' | 'privateB', string> = {} as never;
/** Relation row ids: one asserted by every claim above, one by A's private claim only. */
const relations: Record<'shared' | 'privateA', string> = {} as never;
let relationEnds: string[] = [];

const viewerOf = (org: 'A' | 'B'): Viewer => ({ organizationId: orgs[org].id, role: Role.EDITOR, keyPrefix: 'test' });
const dbAs = (viewer: Viewer) => createContext(app.db, app.config, viewer, 'rls-test').db;

beforeAll(async () => {
  app = await startTestApp();
  for (const org of ['A', 'B'] as const) {
    const key = await insertApiKey(app.db, Role.EDITOR, `RLS org ${org}`);
    const [row] = await app.db.query<Array<{ id: string }>>(`SELECT id::text FROM organization WHERE name = $1`, [`RLS org ${org}`]);
    orgs[org] = { id: row.id, key };
  }
  const ingest = await app.gql<{ ingestArticle: { article: { id: string } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
    { input: articleInput() },
  );
  const articleId = ingest.data!.ingestArticle.article.id;
  const actor = await insertActor(app.db, 'Hadi Rahim');
  const event = await insertEvent(app.db);
  const add = async (org: 'A' | 'B', visibility: string): Promise<string> => {
    const { data, errors } = await app.gql<{ addClaim: { id: string } }>(
      `mutation($input: AddClaimInput!) { addClaim(input: $input) { id } }`,
      {
        input: {
          articleId,
          kind: 'STATEMENT',
          text: `A ${visibility} claim of ${org}`,
          visibility,
          subjectIds: [actor.id],
          eventIds: [event.id],
          evidence: [{ exact: 'The council met on Monday.' }],
        },
      },
      { key: orgs[org].key },
    );
    if (errors) throw new Error(errors[0].message);
    await app.gql(
      `mutation($id: ID!) { reviseClaim(id: $id, text: "Revised.") { id } }`,
      { id: data!.addClaim.id },
      { key: orgs[org].key },
    );
    return rowIdOf(data!.addClaim.id);
  };
  claims.publicA = await add('A', 'PUBLIC');
  claims.privateA = await add('A', 'ORGANIZATION');
  claims.privateB = await add('B', 'ORGANIZATION');
  // Relations have no API on this branch yet: evidence rows straight into the table.
  const other = await insertActor(app.db, 'Saraya Al-Salam', 'ARMED_GROUP');
  const [relation] = await app.db.query<Array<{ id: string }>>(
    `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'MEMBER_OF', $2) RETURNING id::text`,
    [actor.rowId, other.rowId],
  );
  for (const claimId of Object.values(claims)) {
    await app.db.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id) SELECT $1, id, organization_id FROM claim WHERE id = $2`,
      [relation.id, claimId],
    );
  }
  // A relation only A's private claim asserts: it exists for A alone.
  const [privateRelation] = await app.db.query<Array<{ id: string }>>(
    `INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'LEADER_OF', $2) RETURNING id::text`,
    [actor.rowId, other.rowId],
  );
  await app.db.query(
    `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id) SELECT $1, id, organization_id FROM claim WHERE id = $2`,
    [privateRelation.id, claims.privateA],
  );
  relations.shared = relation.id;
  relations.privateA = privateRelation.id;
  relationEnds = [actor.rowId, other.rowId];
});
afterAll(async () => {
  await app.close();
});

const CLAIM_TABLES = ['evidence', 'claim_revision', 'claim_subject', 'claim_event', 'actor_relation_evidence'];

describe('row-level security on claims', () => {
  const cases: Array<[string, () => Viewer, string[]]> = [
    ['organisation A', () => viewerOf('A'), ['publicA', 'privateA']],
    ['organisation B', () => viewerOf('B'), ['publicA', 'privateB']],
    ['an anonymous reader', () => ANONYMOUS, ['publicA']],
  ];

  it.each(cases)('shows %s, through a bare SELECT * FROM claim, only the claims it may see', async (_name, viewer, expected) => {
    const rows = await dbAs(viewer()).query<Array<{ id: string }>>(`SELECT * FROM claim`);
    expect(rows.map((row) => String(row.id)).sort()).toEqual(expected.map((name) => claims[name as keyof typeof claims]).sort());
  });

  it.each(cases)(
    'shows %s only the evidence, revisions, subject, event and relation links of those claims',
    async (_name, viewer, expected) => {
      const db = dbAs(viewer());
      for (const table of CLAIM_TABLES) {
        const rows = await db.query<Array<{ claim_id: string }>>(`SELECT DISTINCT claim_id::text FROM ${table}`);
        expect({ table, claims: rows.map((row) => row.claim_id).sort() }).toEqual({
          table,
          claims: expected.map((name) => claims[name as keyof typeof claims]).sort(),
        });
      }
    },
  );

  it('applies inside transactions and to counts too', async () => {
    const [{ n }] = await dbAs(viewerOf('B')).transaction((manager) =>
      manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM claim WHERE visibility = 'ORGANIZATION'`),
    );
    expect(n).toBe(1);
  });

  it('refuses writes that would touch or reveal another organisation’s private claim', async () => {
    const db = dbAs(viewerOf('B'));
    const updated = await db.query(`UPDATE claim SET text = 'overwritten' WHERE id = $1 RETURNING id`, [claims.privateA]);
    expect(updated).toEqual([[], 0]);
    await expect(db.query(`INSERT INTO claim_revision (claim_id, text) VALUES ($1, 'x')`, [claims.privateA])).rejects.toThrow(
      /row-level security/,
    );
    await expect(
      db.query(
        `INSERT INTO claim (article_id, text, kind, organization_id, extraction_method, extraction_agent)
         SELECT article_id, 'forged', 'STATEMENT', $1, 'MANUAL', 'x' FROM claim LIMIT 1`,
        [orgs.A.id],
      ),
    ).rejects.toThrow(/row-level security/);
    const [{ text }] = await app.db.query<Array<{ text: string }>>(`SELECT text FROM claim WHERE id = $1`, [claims.privateA]);
    expect(text).toBe('Revised.');
  });

  it('runs requests as a role that cannot bypass it, on tables it does not own', async () => {
    const [role] = await app.db.query<Array<{ rolsuper: boolean; rolbypassrls: boolean }>>(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`,
      [REQUEST_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [who] = await dbAs(viewerOf('A')).query<Array<{ user: string; org: string }>>(
      `SELECT current_user AS user, current_setting('verbatim.organization_id') AS org`,
    );
    expect(who).toEqual({ user: REQUEST_ROLE, org: orgs.A.id });
    const tables = await app.db.query<Array<{ relname: string; relrowsecurity: boolean; owner: string }>>(
      `SELECT relname, relrowsecurity, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = ANY($1) ORDER BY relname`,
      [['claim', 'deletion', 'actor_relation', ...CLAIM_TABLES]],
    );
    expect(tables).toHaveLength(CLAIM_TABLES.length + 3);
    for (const table of tables) expect(table).toMatchObject({ relrowsecurity: true, owner: expect.not.stringMatching(REQUEST_ROLE) });
  });

  it('never runs the plain data source (migrations, key lookups, the CLI) in a request’s scope', async () => {
    // More concurrent checkouts than the pool has connections, so every connection was scoped once.
    await Promise.all(Array.from({ length: 20 }, (_, i) => dbAs(viewerOf(i % 2 ? 'A' : 'B')).query(`SELECT pg_sleep(0.01)`)));
    const seen = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.db.query<Array<{ user: string; org: string | null }>>(
          `SELECT current_user AS user, current_setting('verbatim.organization_id', true) AS org FROM pg_sleep(0.01)`,
        ),
      ),
    );
    for (const [row] of seen) expect(row.user).not.toBe(REQUEST_ROLE);
    for (const [row] of seen) expect(row.org ?? '').toBe('');
  });
});

describe('one pooled connection shared by every viewer', () => {
  // A pool of one: every request and statement below runs on the same connection, one after
  // another, so a scope left behind by one viewer would be seen by the next.
  let single: TestApp;
  beforeAll(async () => {
    single = await startTestApp({ VERBATIM_DB_POOL_SIZE: '1' }, { sameDatabaseAs: app });
  });
  afterAll(async () => {
    await single.close();
  });

  const visibleTo: Record<'A' | 'B' | 'anonymous', Array<keyof typeof claims>> = {
    A: ['publicA', 'privateA'],
    B: ['publicA', 'privateB'],
    anonymous: ['publicA'],
  };
  const viewers = ['A', 'B', 'anonymous', 'B', 'A', 'anonymous', 'A', 'A', 'B'] as const;
  const singleAs = (who: 'A' | 'B' | 'anonymous') =>
    createContext(single.db, single.config, who === 'anonymous' ? ANONYMOUS : viewerOf(who), 'rls-test').db;
  const expectedIds = (who: 'A' | 'B' | 'anonymous') => visibleTo[who].map((name) => claims[name]).sort();

  it('interleaved statements of different viewers each see only their own viewer’s claims', async () => {
    const bare = async (who: 'A' | 'B' | 'anonymous') => {
      const rows = await singleAs(who).query<Array<{ id: string }>>(`SELECT id::text FROM claim`);
      return { who, ids: rows.map((row) => row.id).sort() };
    };
    // One after another, then all at once (queued on the one connection in arrival order).
    for (const who of viewers) expect(await bare(who)).toEqual({ who, ids: expectedIds(who) });
    const together = await Promise.all([...viewers, ...viewers].map(bare));
    for (const seen of together) expect(seen).toEqual({ who: seen.who, ids: expectedIds(seen.who) });
  });

  it('a plain checkout after a viewer’s runs unscoped, and a viewer’s after a failed transaction is in its own scope', async () => {
    await singleAs('A').query(`SELECT 1`);
    const [plain] = await single.db.query<Array<{ user: string; org: string | null }>>(
      `SELECT current_user AS user, current_setting('verbatim.organization_id', true) AS org`,
    );
    expect(plain.user).not.toBe(REQUEST_ROLE);
    expect(plain.org ?? '').toBe('');
    await expect(
      singleAs('B').transaction(async (manager) => {
        await manager.query(`SELECT id FROM claim`);
        await manager.query(`SELECT 1/0`);
      }),
    ).rejects.toThrow(/division by zero/);
    const [who] = await singleAs('A').query<Array<{ user: string; org: string }>>(
      `SELECT current_user AS user, current_setting('verbatim.organization_id') AS org`,
    );
    expect(who).toEqual({ user: REQUEST_ROLE, org: orgs.A.id });
  });

  it('concurrent HTTP requests of different keys each get only their own organisation’s private claims', async () => {
    const keyOf = { A: orgs.A.key, B: orgs.B.key, anonymous: null };
    const answers = await Promise.all(
      [...viewers, ...viewers].map(async (who) => {
        const { data, errors } = await single.gql<{ claims: { nodes: Array<{ id: string }> } }>(
          `{ claims(first: 100) { nodes { id } } }`,
          {},
          { key: keyOf[who] },
        );
        expect(errors).toBeUndefined();
        return { who, ids: data!.claims.nodes.map((node) => rowIdOf(node.id)).sort() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual({ who: answer.who, ids: expectedIds(answer.who) });
  });
});

describe('row-level security on actor relations', () => {
  it.each([
    ['organisation A', () => viewerOf('A'), ['shared', 'privateA']],
    ['organisation B', () => viewerOf('B'), ['shared']],
    ['an anonymous reader', () => ANONYMOUS, ['shared']],
  ] as Array<[string, () => Viewer, Array<keyof typeof relations>]>)(
    'shows %s, through a bare SELECT * FROM actor_relation, only relations with an assertion it may see',
    async (_name, viewer, expected) => {
      const rows = await dbAs(viewer()).query<Array<{ id: string }>>(`SELECT * FROM actor_relation`);
      expect(rows.map((row) => String(row.id)).sort()).toEqual(expected.map((name) => relations[name]).sort());
    },
  );

  it('lets no request write relation rows directly: they are made only for an assertion', async () => {
    const db = dbAs(viewerOf('B'));
    await expect(
      db.query(`INSERT INTO actor_relation (actor_id, type, target_id) VALUES ($1, 'ALLIED_WITH', $2)`, relationEnds),
    ).rejects.toThrow(/row-level security/);
    expect(await db.query(`UPDATE actor_relation SET type = 'OPPOSED_TO' WHERE id = $1 RETURNING id`, [relations.privateA])).toEqual([
      [],
      0,
    ]);
    expect(await db.query(`DELETE FROM actor_relation WHERE id = $1 RETURNING id`, [relations.privateA])).toEqual([[], 0]);
    const [{ n }] = await app.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM actor_relation WHERE type = 'LEADER_OF'`);
    expect(n).toBe(1);
  });

  it('finds B the row of a relation it cannot see yet, without showing it before B asserts it', async () => {
    const db = dbAs(viewerOf('B'));
    await db
      .transaction(async (manager) => {
        const [found] = await manager.query<Array<{ relation_id: string; created: boolean }>>(
          `SELECT relation_id::text, created FROM verbatim_relation_to_assert($1, 'LEADER_OF', $2)`,
          relationEnds,
        );
        expect(found).toEqual({ relation_id: relations.privateA, created: false });
        expect(await manager.query(`SELECT id FROM actor_relation WHERE id = $1`, [relations.privateA])).toEqual([]);
        throw new Error('roll back');
      })
      .catch((error: unknown) => expect(String(error)).toMatch(/roll back/));
  });
});

describe('the key of global ids and cursors', () => {
  it('cannot be read by the request role, in any scope', async () => {
    for (const viewer of [viewerOf('A'), ANONYMOUS]) {
      await expect(dbAs(viewer).query(`SELECT * FROM global_id_key`)).rejects.toThrow(/permission denied/);
      await expect(dbAs(viewer).query(`SELECT key FROM global_id_key`)).rejects.toThrow(/permission denied/);
    }
    const [{ n }] = await app.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM global_id_key`);
    expect(n).toBe(1);
  });
});
