import type { GraphQLField } from 'graphql';
import { buildVerbatimSchema } from '../../src/schema';
import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { minimalArgs, mutationDocument, mutationsOf } from '../helpers/mutation-args';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';

/**
 * The role each mutation needs: the access policy, written down here independently of the
 * resolvers' decorators. A mutation added to the schema without a line here fails the first test.
 */
const MINIMUM_ROLE: Record<string, Role.EDITOR | Role.ADMIN> = {
  ingestArticle: Role.EDITOR,
  extractArticle: Role.EDITOR,
  addClaim: Role.EDITOR,
  reviewClaim: Role.EDITOR,
  reviseClaim: Role.EDITOR,
  retractClaim: Role.EDITOR,
  linkClaimToEvent: Role.EDITOR,
  createActor: Role.EDITOR,
  updateActor: Role.EDITOR,
  addActorAlias: Role.EDITOR,
  removeActorAlias: Role.EDITOR,
  mergeActors: Role.ADMIN,
  unmergeActors: Role.ADMIN,
  addActorRelation: Role.EDITOR,
  createEvent: Role.EDITOR,
  updateEvent: Role.EDITOR,
  createOrganization: Role.ADMIN,
  createApiKey: Role.ADMIN,
  revokeApiKey: Role.ADMIN,
};

let app: TestApp;
let mutations: Array<GraphQLField<unknown, unknown>>;
const keys: Record<'READER' | 'EDITOR' | 'revoked', string> = {} as never;

beforeAll(async () => {
  app = await startTestApp();
  mutations = mutationsOf(await buildVerbatimSchema());
  keys.READER = await insertApiKey(app.db, Role.READER);
  keys.EDITOR = await insertApiKey(app.db, Role.EDITOR);
  keys.revoked = await insertApiKey(app.db, Role.ADMIN);
  await app.db.query(`UPDATE api_key SET revoked_at = now() WHERE role = 'ADMIN'`);
});
afterAll(async () => {
  await app.close();
});

async function codeOf(field: GraphQLField<unknown, unknown>, key: string | null): Promise<string | undefined> {
  const response = await app.gql(mutationDocument(field), minimalArgs(field), { key });
  return response.errors?.[0]?.extensions?.code;
}

describe('roles, for every mutation', () => {
  it('every mutation of the schema has its role written down here', () => {
    expect(mutations.map((field) => field.name).sort()).toEqual(Object.keys(MINIMUM_ROLE).sort());
  });

  it.each(Object.entries(MINIMUM_ROLE))('%s needs %s: lower roles are refused and write nothing', async (name, role) => {
    const field = mutations.find((candidate) => candidate.name === name) as GraphQLField<unknown, unknown>;
    const before = await snapshotTables(app.db);
    expect(await codeOf(field, null)).toBe('UNAUTHENTICATED');
    expect(await codeOf(field, keys.revoked)).toBe('UNAUTHENTICATED');
    expect(await codeOf(field, keys.READER)).toBe('FORBIDDEN');
    if (role === Role.ADMIN) expect(await codeOf(field, keys.EDITOR)).toBe('FORBIDDEN');
    expect(await snapshotTables(app.db)).toEqual(before);
    // Allowed roles get past the check (the placeholder arguments may still be refused as input).
    const allowed = role === Role.ADMIN ? [ADMIN_KEY] : [keys.EDITOR, ADMIN_KEY];
    for (const key of allowed) expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(await codeOf(field, key));
  });
});
