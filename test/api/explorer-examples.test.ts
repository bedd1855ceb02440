import { ensureOperatorOrganization } from '../../src/http/auth';
import { createSystemContext } from '../../src/context';
import { loadDemoData } from '../../src/demo/load-demo';
import { DEMO_ARTICLE_URL, EXAMPLES, variablesText } from '../../viewer/src/explorer/examples';
import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** The operations the explorer opens with run, as a user would run them, against the demo data. */
let app: TestApp;
let articleId: string;
let editorKey: string;

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoData(createSystemContext(app.db, app.config, await ensureOperatorOrganization(app.db), 'demo'));
  const { data } = await app.gql<{ article: { id: string } }>(`query($url: String!) { article(url: $url) { id } }`, {
    url: DEMO_ARTICLE_URL,
  });
  articleId = data!.article.id;
  editorKey = await insertApiKey(app.db, Role.EDITOR, 'Explorer editor');
}, 60_000);
afterAll(async () => {
  await app.close();
});

interface Span {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  sentence: { text: string; article: { source: { name: string } } };
}
interface Answers {
  events: { nodes: Array<{ claims: Array<{ evidence: Span[] }> }> };
  searchSentences: { totalCount: number; nodes: Array<{ highlight: string }> };
  articles: { totalCount: number };
  claimsByStatus: Array<{ key: string }>;
  claimsByClaimant: unknown[];
  eventsByMonth: unknown[];
  addClaim: { status: string; evidence: Span[] };
}

function variablesOf(name: string): { query: string; variables: Record<string, unknown> } {
  const example = EXAMPLES.find((candidate) => candidate.name === name)!;
  const variables = variablesText(example, articleId);
  return { query: example.query, variables: variables === undefined ? {} : (JSON.parse(variables) as Record<string, unknown>) };
}

async function run(name: string, key: string | null): Promise<Answers> {
  const { query, variables } = variablesOf(name);
  const { data, errors } = await app.gql<Answers>(query, variables, { key });
  expect(errors).toBeUndefined();
  return data!;
}

describe('the explorer’s example operations', () => {
  it('has the four the issue asks for', () => {
    expect(EXAMPLES.map((example) => example.name)).toEqual(['Provenance chain', 'Search', 'Dashboard counts', 'addClaim with a quote']);
  });

  it('provenance chain: event → claims → evidence → sentence → article → source, without a key', async () => {
    const data = await run('Provenance chain', null);
    const evidence = data.events.nodes.flatMap((event) => event.claims.flatMap((claim) => claim.evidence));
    expect(evidence.length).toBeGreaterThan(0);
    for (const span of evidence) {
      expect(span.sentence.text).toContain(span.exact);
      expect(span.sentence.article.source.name).toEqual(expect.any(String));
    }
  });

  it('search finds sentences and articles', async () => {
    const data = await run('Search', null);
    expect(data.searchSentences.totalCount).toBeGreaterThan(0);
    expect(data.searchSentences.nodes[0].highlight).toContain('<b>');
    expect(data.articles.totalCount).toBeGreaterThan(0);
  });

  it('dashboard counts group claims and events', async () => {
    const data = await run('Dashboard counts', null);
    expect(data.claimsByStatus.map((bucket) => bucket.key)).toEqual(expect.arrayContaining(['ACCEPTED', 'PROPOSED']));
    expect(data.claimsByClaimant.length).toBeGreaterThan(0);
    expect(data.eventsByMonth.length).toBeGreaterThan(0);
  });

  it('addClaim with a quote: refused without a key, with an editor key a PROPOSED claim whose span the server found', async () => {
    const { query, variables } = variablesOf('addClaim with a quote');
    const refused = await app.gql(query, variables, { key: null });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const data = await run('addClaim with a quote', editorKey);
    expect(data.addClaim.status).toBe('PROPOSED');
    const [span] = data.addClaim.evidence;
    expect(span.exact).toBe('told the security forces to do their job against criminals');
    expect(span.end - span.start).toBe(Array.from(span.exact).length);
    expect(span.prefix.length).toBeGreaterThan(0);
  });
});
