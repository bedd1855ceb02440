import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * GET /metrics is Prometheus text and, being open to anyone who can reach the port (docs/security.md,
 * "Left to the operator"), must hold only aggregates: nothing a partner sent or wrote (operation
 * names, texts, organisation names, key prefixes, ids) may reach an anonymous reader through it.
 */
let app: TestApp;
const OWNER = 'Metrics Quillwort Partner';
const SECRET_OPERATION = 'QuillwortPartnerReport';
const SECRET_TEXT = 'Quillwort counted the crates at the depot';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const metrics = async (): Promise<{ status: number; type: string | null; text: string }> => {
  const response = await fetch(app.url.replace('/graphql', '/metrics'));
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

async function post(
  body: Record<string, unknown>,
  key: string,
): Promise<{ errors?: unknown[]; data?: Record<string, { id?: string; article?: { id: string } }> }> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { errors?: unknown[]; data?: Record<string, { id?: string; article?: { id: string } }> };
}

describe('GET /metrics', () => {
  it('answers Prometheus text with process, operation and error series', async () => {
    await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: 'not-an-id' }, { key: null });
    const { status, type, text } = await metrics();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^# HELP verbatim_process_cpu_seconds_total /m);
    expect(text).toMatch(/^# TYPE verbatim_graphql_operation_seconds histogram$/m);
    expect(text).toMatch(/^verbatim_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/m);
  });

  it('shows an anonymous reader nothing a partner sent or wrote', async () => {
    const key = await insertApiKey(app.db, Role.EDITOR, OWNER);
    const prefix = key.slice(0, 12);
    const ingested = await post(
      {
        query: `mutation ${SECRET_OPERATION}($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`,
        operationName: SECRET_OPERATION,
        variables: { input: articleInput({ body: `${SECRET_TEXT}. Nobody else saw them.` }) },
      },
      key,
    );
    expect(ingested.errors).toBeUndefined();
    const articleId = ingested.data!.ingestArticle.article!.id;
    const added = await post(
      {
        query: `mutation ${SECRET_OPERATION}Claim($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        variables: { i: { articleId, kind: 'REPORT', text: SECRET_TEXT, visibility: 'ORGANIZATION', evidence: [{ exact: 'crates' }] } },
      },
      key,
    );
    expect(added.errors).toBeUndefined();
    const { text } = await metrics();
    for (const secret of [SECRET_OPERATION, 'Quillwort', OWNER, prefix, articleId, added.data!.addClaim.id!]) {
      expect(text).not.toContain(secret);
    }
  });
});
