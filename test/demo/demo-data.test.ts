import { ensureOperatorOrganization } from '../../src/common/auth';
import { createSystemContext } from '../../src/context';
import { loadDemoData } from '../../src/demo/load-demo';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('demo data', () => {
  it('loads once into an empty database: articles, claims of every kind, reviewed, revised and retracted', async () => {
    const organizationId = await ensureOperatorOrganization(app.db);
    const ctx = () => createSystemContext(app.db, app.config, organizationId, 'demo');
    expect(await loadDemoData(ctx())).toBe(4);
    expect(await loadDemoData(ctx())).toBe(0);

    const { data } = await app.gql<{
      claims: {
        nodes: Array<{
          kind: string;
          status: string;
          revisions: unknown[];
          evidence: Array<{ start: number; end: number; exact: string; sentence: { article: { body: string } } }>;
        }>;
      };
    }>(
      `{ claims(first: 100) { nodes { kind status revisions { text } evidence { start end exact sentence { article { body } } } } } }`,
      {},
      { key: null },
    );
    const claims = data!.claims.nodes;
    expect(new Set(claims.map((c) => c.kind))).toEqual(new Set(['STATEMENT', 'REPORT', 'ALLEGATION', 'DENIAL']));
    expect(claims.some((c) => c.status === 'ACCEPTED')).toBe(true);
    expect(claims.filter((c) => c.status === 'RETRACTED')).toHaveLength(1);
    expect(claims.filter((c) => c.revisions.length > 0)).toHaveLength(1);
    for (const claim of claims) {
      for (const span of claim.evidence)
        expect(Array.from(span.sentence.article.body).slice(span.start, span.end).join('')).toBe(span.exact);
    }
  });
});
