import { articleInput } from '../helpers/factories';
import { CREATE_ORGANIZATION, createPartnerKey, type CreatedKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { globalIdOf } from '../helpers/global-ids';

const AUDIT = `query($first: Int, $after: String, $last: Int, $before: String, $organizationId: ID, $operation: String) {
  auditLog(first: $first, after: $after, last: $last, before: $before, organizationId: $organizationId, operation: $operation) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { operation apiKeyPrefix targetIds details createdAt organization { id name } } }
  }
}`;
const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`;

interface Entry {
  operation: string;
  apiKeyPrefix: string | null;
  targetIds: string[];
  details: Record<string, unknown>;
  createdAt: string;
  organization: { id: string; name: string } | null;
}
interface AuditPage {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: Entry }>;
  };
}

let app: TestApp;
let partner: CreatedKey;
const partnerArticleIds: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  partner = await createPartnerKey(app, 'Audit Partner', 'EDITOR');
  for (let i = 0; i < 3; i += 1) {
    const { data } = await app.gql<{ ingestArticle: { article: { id: string } } }>(INGEST, { input: articleInput() }, { key: partner.key });
    partnerArticleIds.push(data!.ingestArticle.article.id);
  }
  await app.gql(CREATE_ORGANIZATION, { name: 'Audit A' });
  await app.gql(CREATE_ORGANIZATION, { name: 'Audit B' });
  await app.gql(INGEST, { input: articleInput() });
});
afterAll(async () => {
  await app.close();
});

async function auditPage(variables: Record<string, unknown>): Promise<AuditPage['auditLog']> {
  const { data, errors } = await app.gql<AuditPage>(AUDIT, variables);
  expect(errors).toBeUndefined();
  return data!.auditLog;
}

/** Every entry matching the filter, by paging forward `size` at a time. */
async function pageForward(size: number, filter: Record<string, unknown> = {}): Promise<Entry[]> {
  const seen: Entry[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await auditPage({ ...filter, first: size, after });
    seen.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

describe('auditLog', () => {
  it('pages forward over every mutation, oldest first, agreeing with totalCount and the table', async () => {
    const rows = await app.db.query<Array<{ operation: string }>>('SELECT operation FROM audit_log ORDER BY id');
    const seen = await pageForward(3);
    expect(seen.map((entry) => entry.operation)).toEqual(rows.map((row) => row.operation));
    expect(seen.map((entry) => entry.operation)).toEqual([
      'createOrganization',
      'createApiKey',
      'ingestArticle',
      'ingestArticle',
      'ingestArticle',
      'createOrganization',
      'createOrganization',
      'ingestArticle',
    ]);
    const times = seen.map((entry) => Date.parse(entry.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect((await auditPage({ first: 1 })).totalCount).toBe(rows.length);
  });

  it('pages backward to the same entries; `last: 1` is the most recent', async () => {
    const forward = await pageForward(100);
    const backward: Entry[] = [];
    let before: string | null = null;
    for (;;) {
      const page = await auditPage({ last: 3, before });
      backward.unshift(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
    const newest = await auditPage({ last: 1 });
    expect(newest.edges.map((edge) => edge.node)).toEqual([forward[forward.length - 1]]);
  });

  it('filters by operation', async () => {
    const created = await pageForward(2, { operation: 'createOrganization' });
    expect(created.map((entry) => entry.details.name)).toEqual(['Audit Partner', 'Audit A', 'Audit B']);
    expect((await auditPage({ operation: 'createOrganization' })).totalCount).toBe(3);
    expect((await auditPage({ operation: 'noSuchMutation' })).totalCount).toBe(0);
  });

  it('filters by the organisation whose key made the change, and says which key', async () => {
    const page = await auditPage({ organizationId: partner.organization.id, first: 2 });
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const entries = await pageForward(2, { organizationId: partner.organization.id });
    expect(entries.map((entry) => [entry.operation, entry.apiKeyPrefix, entry.organization?.name])).toEqual(
      Array.from({ length: 3 }, () => ['ingestArticle', partner.prefix, 'Audit Partner']),
    );
    expect(entries.map((entry) => entry.targetIds[0])).toEqual(partnerArticleIds);
    const both = await auditPage({ organizationId: partner.organization.id, operation: 'createOrganization' });
    expect(both.totalCount).toBe(0);
  });

  it('records the operator’s changes with the bootstrap key and the request id', async () => {
    const [first] = await pageForward(1, { operation: 'createApiKey' });
    expect(first).toMatchObject({ apiKeyPrefix: 'bootstrap', organization: { name: 'Verbatim operator' } });
    expect(first.targetIds).toEqual([partner.organization.id]);
    expect(first.details).toEqual({ requestId: expect.any(String), prefix: partner.prefix, role: 'EDITOR', label: null });
  });

  it.each([
    ['a malformed organisation id', () => ({ organizationId: 'nope' }), 'organizationId'],
    ['an organisation filter of another type', () => ({ organizationId: globalIdOf('Article', '1') }), 'organizationId'],
    ['first over 100', () => ({ first: 101 }), 'first'],
    ['a cursor that is not one', () => ({ after: 'garbage' }), 'after'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, variables, field) => {
    const { errors } = await app.gql(AUDIT, variables());
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
