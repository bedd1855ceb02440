import { hashKey } from '../../src/http/auth';
import { articleInput } from '../helpers/factories';
import { CREATE_API_KEY, CREATE_ORGANIZATION, createKeyFor, createPartnerKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf } from '../helpers/global-ids';

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`;
const READ = `{ articles(first: 1) { totalCount } }`;
const API_KEYS = `query($organizationId: ID) {
  apiKeys(organizationId: $organizationId) { prefix role label createdAt lastUsedAt revokedAt organization { id name } }
}`;
const REVOKE = `mutation($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix role revokedAt organization { name } } }`;
const AUDIT = `{ auditLog(last: 100) { nodes { operation apiKeyPrefix targetIds details createdAt organization { name } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Organization { name } } nodes(ids: [$id]) { id } }`;

interface KeyInfo {
  prefix: string;
  role: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  organization: { id: string; name: string };
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function keyInfo(prefix: string): Promise<KeyInfo> {
  const { data } = await app.gql<{ apiKeys: KeyInfo[] }>(API_KEYS);
  const found = data!.apiKeys.find((key) => key.prefix === prefix);
  if (found === undefined) throw new Error(`no key ${prefix}`);
  return found;
}

function codeOf(response: { errors?: Array<{ extensions?: { code?: string } }> }): string | undefined {
  return response.errors?.[0].extensions?.code;
}

describe('organisations and API keys', () => {
  it('an admin creates an organisation and an EDITOR key; the key reads and ingests as that organisation', async () => {
    const created = await createPartnerKey(app, 'Tigris Research', 'EDITOR', 'nightly ingest');
    expect(created.key).toMatch(/^vbt_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created).toMatchObject({ role: 'EDITOR', label: 'nightly ingest', organization: { name: 'Tigris Research' } });

    const read = await app.gql(READ, {}, { key: created.key });
    expect(read.errors).toBeUndefined();
    const ingested = await app.gql<{ ingestArticle: { article: { id: string } } }>(INGEST, { input: articleInput() }, { key: created.key });
    expect(ingested.errors).toBeUndefined();

    const [entry] = await app.db.query(
      `SELECT o.name, a.api_key_prefix FROM audit_log a JOIN organization o ON o.id = a.organization_id WHERE $1 = ANY(a.target_ids)`,
      [ingested.data!.ingestArticle.article.id],
    );
    expect(entry).toEqual({ name: 'Tigris Research', api_key_prefix: created.prefix });
  });

  it('a READER key reads but may not ingest: FORBIDDEN, nothing written', async () => {
    const reader = await createPartnerKey(app, 'Reader Institute', 'READER');
    expect((await app.gql(READ, {}, { key: reader.key })).errors).toBeUndefined();
    const before = await snapshotTables(app.db);
    expect(codeOf(await app.gql(INGEST, { input: articleInput() }, { key: reader.key }))).toBe('FORBIDDEN');
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  describe('managing organisations and keys needs an ADMIN key', () => {
    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['createOrganization', CREATE_ORGANIZATION, () => ({ name: 'Sneaky Org' })],
      ['createApiKey', CREATE_API_KEY, () => ({ organizationId: globalIdOf('Organization', '1'), role: 'ADMIN' })],
      ['revokeApiKey', REVOKE, () => ({ prefix: 'vbt_whatever' })],
      ['apiKeys', API_KEYS, () => ({})],
      ['auditLog', AUDIT, () => ({})],
    ];
    let editorKey: string;
    let readerKey: string;
    beforeAll(async () => {
      const editor = await createPartnerKey(app, 'Editor Collective', 'EDITOR');
      editorKey = editor.key;
      readerKey = (await createKeyFor(app, editor.organization.id, 'READER')).key;
    });

    it.each(operations)(
      '%s: EDITOR and READER keys get FORBIDDEN, anonymous UNAUTHENTICATED, and nothing is written',
      async (_name, query, variables) => {
        const before = await snapshotTables(app.db);
        for (const key of [editorKey, readerKey]) {
          const response = await app.gql(query, variables(), { key });
          expect(codeOf(response)).toBe('FORBIDDEN');
          expect(response.data ?? null).toBeNull();
        }
        expect(codeOf(await app.gql(query, variables(), { key: null }))).toBe('UNAUTHENTICATED');
        expect(await snapshotTables(app.db)).toEqual(before);
      },
    );
  });

  it('a revoked key is refused with UNAUTHENTICATED from the next request on; revoking again changes nothing', async () => {
    const created = await createPartnerKey(app, 'Short Lease Ltd', 'EDITOR');
    expect((await app.gql(READ, {}, { key: created.key })).errors).toBeUndefined();

    const revoked = await app.gql<{ revokeApiKey: { prefix: string; revokedAt: string; organization: { name: string } } }>(REVOKE, {
      prefix: created.prefix,
    });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey).toMatchObject({ prefix: created.prefix, organization: { name: 'Short Lease Ltd' } });
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();

    expect(codeOf(await app.gql(READ, {}, { key: created.key }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(INGEST, { input: articleInput() }, { key: created.key }))).toBe('UNAUTHENTICATED');

    const again = await app.gql<{ revokeApiKey: { revokedAt: string } }>(REVOKE, { prefix: created.prefix });
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);
    const audits = await app.db.query(
      `SELECT details->>'alreadyRevoked' AS again FROM audit_log WHERE operation = 'revokeApiKey' AND details->>'prefix' = $1 ORDER BY id`,
      [created.prefix],
    );
    expect(audits).toEqual([{ again: 'false' }, { again: 'true' }]);
  });

  it('the secret appears only in the createApiKey answer: not in apiKeys, the audit log, or any stored row', async () => {
    const created = await createPartnerKey(app, 'Discreet Partners', 'EDITOR', 'secret keeper');
    await app.gql(INGEST, { input: articleInput() }, { key: created.key });

    const listed = JSON.stringify(await app.gql(API_KEYS));
    const audit = JSON.stringify(await app.gql(AUDIT));
    expect(listed).toContain(created.prefix);
    expect(audit).toContain(created.prefix);
    for (const text of [listed, audit]) {
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(hashKey(created.key));
    }
    const [stored] = await app.db.query(
      `SELECT (SELECT count(*)::int FROM audit_log a WHERE a::text LIKE '%' || $1 || '%') AS in_audit,
              (SELECT count(*)::int FROM api_key k WHERE k::text LIKE '%' || $1 || '%') AS in_keys,
              (SELECT count(*)::int FROM api_key WHERE key_hash = $2) AS hashed`,
      [created.key, hashKey(created.key)],
    );
    expect(stored).toEqual({ in_audit: 0, in_keys: 0, hashed: 1 });
  });

  it('refuses an organisation name already taken, in any letter case, with CONFLICT, writing nothing', async () => {
    await app.gql(CREATE_ORGANIZATION, { name: 'Euphrates Monitor' });
    for (const name of ['Euphrates Monitor', 'EUPHRATES MONITOR', '  euphrates monitor ']) {
      const before = await snapshotTables(app.db);
      const response = await app.gql(CREATE_ORGANIZATION, { name });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.errors![0].extensions?.field).toBe('name');
      expect(await snapshotTables(app.db)).toEqual(before);
    }
  });

  it('two concurrent creations of one name: one organisation, one CONFLICT', async () => {
    const results = await Promise.all(['Zab Watch', 'ZAB WATCH', 'zab watch'].map((name) => app.gql(CREATE_ORGANIZATION, { name })));
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(2);
  });

  describe('refuses bad arguments and writes nothing', () => {
    const unknownOrganization = () => globalIdOf('Organization', '987654321');
    const cases: Array<[string, string, () => Record<string, unknown>, string, string | undefined]> = [
      [
        'a malformed organisation id',
        CREATE_API_KEY,
        () => ({ organizationId: 'not-an-id', role: 'EDITOR' }),
        'BAD_USER_INPUT',
        'organizationId',
      ],
      [
        'an id of another type',
        CREATE_API_KEY,
        () => ({ organizationId: globalIdOf('Source', '1'), role: 'EDITOR' }),
        'BAD_USER_INPUT',
        'organizationId',
      ],
      [
        'an unknown organisation',
        CREATE_API_KEY,
        () => ({ organizationId: unknownOrganization(), role: 'EDITOR' }),
        'NOT_FOUND',
        undefined,
      ],
      ['an unknown role', CREATE_API_KEY, () => ({ organizationId: unknownOrganization(), role: 'OWNER' }), 'BAD_USER_INPUT', undefined],
      [
        'a label over 200 characters',
        CREATE_API_KEY,
        () => ({ organizationId: unknownOrganization(), role: 'EDITOR', label: 'x'.repeat(201) }),
        'BAD_USER_INPUT',
        'label',
      ],
      ['a malformed organisation filter', API_KEYS, () => ({ organizationId: '!!' }), 'BAD_USER_INPUT', 'organizationId'],
      ['an empty organisation name', CREATE_ORGANIZATION, () => ({ name: '' }), 'BAD_USER_INPUT', 'name'],
      ['a blank organisation name', CREATE_ORGANIZATION, () => ({ name: '   ' }), 'BAD_USER_INPUT', 'name'],
      ['an organisation name over 200 characters', CREATE_ORGANIZATION, () => ({ name: 'n'.repeat(201) }), 'BAD_USER_INPUT', 'name'],
      ['a NUL in an organisation name', CREATE_ORGANIZATION, () => ({ name: 'Bad\u0000Name' }), 'BAD_USER_INPUT', 'name'],
      ['an unknown key prefix', REVOKE, () => ({ prefix: 'vbt_nosuchkey' }), 'NOT_FOUND', undefined],
      ['a whole key instead of its prefix', REVOKE, () => ({ prefix: `vbt_${'A'.repeat(43)}` }), 'BAD_USER_INPUT', 'prefix'],
    ];
    it.each(cases)('%s', async (_name, query, variables, code, field) => {
      const before = await snapshotTables(app.db);
      const response = await app.gql(query, variables());
      expect(response.data ?? null).toBeNull();
      expect(codeOf(response)).toBe(code);
      if (field !== undefined) expect(response.errors![0].extensions?.field).toBe(field);
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('never echoes a whole key back in an error', async () => {
      const created = await createPartnerKey(app, 'Careless Co', 'READER');
      const response = await app.gql(REVOKE, { prefix: created.key });
      expect(JSON.stringify(response)).not.toContain(created.key);
      expect((await app.gql(READ, {}, { key: created.key })).errors).toBeUndefined();
    });
  });

  it('lastUsedAt is set when a key is used, and written at most once a minute', async () => {
    // The test moves the key's clock in the database, which a cached lookup would not see: a
    // process over the same database without the key cache reads the row on every request.
    const uncached = await startTestApp({ VERBATIM_API_KEY_CACHE_SECONDS: '0' }, { sameDatabaseAs: app });
    try {
      await lastUsedAtIsWrittenAtMostOnceAMinute(uncached);
    } finally {
      await uncached.close();
    }
  });

  async function lastUsedAtIsWrittenAtMostOnceAMinute(server: TestApp): Promise<void> {
    const created = await createPartnerKey(server, 'Busy Bureau', 'READER');
    expect((await keyInfo(created.prefix)).lastUsedAt).toBeNull();

    await server.gql(READ, {}, { key: created.key });
    const first = (await keyInfo(created.prefix)).lastUsedAt;
    expect(first).not.toBeNull();
    expect(Math.abs(Date.parse(first!) - Date.now())).toBeLessThan(60_000);

    // Used 30 s ago: a new request does not write.
    await server.db.query(`UPDATE api_key SET last_used_at = now() - interval '30 seconds' WHERE prefix = $1`, [created.prefix]);
    const recent = (await keyInfo(created.prefix)).lastUsedAt;
    await server.gql(READ, {}, { key: created.key });
    expect((await keyInfo(created.prefix)).lastUsedAt).toBe(recent);

    // Used 2 min ago: the next request records the new use.
    await server.db.query(`UPDATE api_key SET last_used_at = now() - interval '2 minutes' WHERE prefix = $1`, [created.prefix]);
    const stale = (await keyInfo(created.prefix)).lastUsedAt!;
    await server.gql(READ, {}, { key: created.key });
    expect(Date.parse((await keyInfo(created.prefix)).lastUsedAt!)).toBeGreaterThan(Date.parse(stale) + 60_000);
  }

  describe('the key cache (VERBATIM_API_KEY_CACHE_SECONDS)', () => {
    it('a process reuses a live key’s lookup, and forgets it at once when it revokes the key itself', async () => {
      const cached = await startTestApp({ VERBATIM_API_KEY_CACHE_SECONDS: '600' }, { sameDatabaseAs: app });
      try {
        const created = await createPartnerKey(app, 'Cached Cartographers', 'READER');
        expect((await cached.gql(READ, {}, { key: created.key })).errors).toBeUndefined();
        // Revoked behind its back, as another process would: it still knows the key as live ...
        await app.db.query(`UPDATE api_key SET revoked_at = now() WHERE prefix = $1`, [created.prefix]);
        expect((await cached.gql(READ, {}, { key: created.key })).errors).toBeUndefined();
        // ... while a process that had not looked the key up reads the row and refuses it.
        expect(codeOf(await app.gql(READ, {}, { key: created.key }))).toBe('UNAUTHENTICATED');
        // Its own revokeApiKey (here of a key already revoked) forgets the lookup before answering.
        expect((await cached.gql(REVOKE, { prefix: created.prefix })).errors).toBeUndefined();
        expect(codeOf(await cached.gql(READ, {}, { key: created.key }))).toBe('UNAUTHENTICATED');
      } finally {
        await cached.close();
      }
    });

    it('a key revoked by another process is refused once the cache’s lifetime has passed', async () => {
      const other = await startTestApp({ VERBATIM_API_KEY_CACHE_SECONDS: '1' }, { sameDatabaseAs: app });
      try {
        const created = await createPartnerKey(app, 'Lapsed Lexicographers', 'EDITOR');
        expect((await other.gql(READ, {}, { key: created.key })).errors).toBeUndefined();
        expect((await app.gql(READ, {}, { key: created.key })).errors).toBeUndefined();
        expect((await app.gql(REVOKE, { prefix: created.prefix })).errors).toBeUndefined();
        expect(codeOf(await app.gql(READ, {}, { key: created.key }))).toBe('UNAUTHENTICATED');
        // The bound, not a speed: one second after, the other process has forgotten the lookup.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        expect(codeOf(await other.gql(READ, {}, { key: created.key }))).toBe('UNAUTHENTICATED');
        expect(codeOf(await other.gql(INGEST, { input: articleInput() }, { key: created.key }))).toBe('UNAUTHENTICATED');
      } finally {
        await other.close();
      }
    });
  });

  it('apiKeys lists one organisation’s keys, oldest first, revoked ones included', async () => {
    const first = await createPartnerKey(app, 'Listed Foundation', 'EDITOR', 'first');
    const second = await createKeyFor(app, first.organization.id, 'READER', 'second');
    await app.gql(REVOKE, { prefix: first.prefix });
    const { data, errors } = await app.gql<{ apiKeys: KeyInfo[] }>(API_KEYS, { organizationId: first.organization.id });
    expect(errors).toBeUndefined();
    expect(data!.apiKeys.map((key) => [key.prefix, key.role, key.label, key.revokedAt !== null])).toEqual([
      [first.prefix, 'EDITOR', 'first', true],
      [second.prefix, 'READER', 'second', false],
    ]);
    expect(data!.apiKeys.every((key) => key.organization.name === 'Listed Foundation')).toBe(true);
  });

  it('node and nodes resolve an organisation for admins and its own keys, and to null for anyone else', async () => {
    const own = await createPartnerKey(app, 'Visible To Itself', 'READER');
    const other = await createPartnerKey(app, 'Someone Else', 'EDITOR');
    const id = own.organization.id;
    type NodeAnswer = { node: { id: string; name: string } | null; nodes: Array<{ id: string } | null> };

    for (const key of [undefined, own.key]) {
      const { data, errors } = await app.gql<NodeAnswer>(NODE, { id }, { key });
      expect(errors).toBeUndefined();
      expect(data).toEqual({ node: { id, name: 'Visible To Itself' }, nodes: [{ id }] });
    }
    for (const key of [other.key, null]) {
      const { data, errors } = await app.gql<NodeAnswer>(NODE, { id }, { key });
      expect(errors).toBeUndefined();
      expect(data).toEqual({ node: null, nodes: [null] });
    }
  });
});
