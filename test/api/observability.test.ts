import { Writable } from 'node:stream';
import pino from 'pino';
import { MAX_OPERATION_NAMES } from '../../src/http/metrics';
import { articleInput } from '../helpers/factories';
import { createPartnerKey, type CreatedKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The request log (one JSON line per request, src/http/request-log.ts) and `/metrics`
 * (src/http/metrics.ts), through real HTTP: what a line carries, what it never carries (keys,
 * texts, variables), and the series an operator's dashboard reads.
 */
let app: TestApp;
let partner: CreatedKey;
const logLines: string[] = [];
// Text only this test writes: if any of it reaches a log line, the log leaks data.
const SECRET_SENTENCE = 'The quartermaster counted eleven crates at the Nasiriyah depot.';
const CLAIM_TEXT = 'A quartermaster counted crates of unmarked rifles';

interface LogLine {
  msg: string;
  requestId: string;
  method: string;
  route: string;
  path: string;
  status: number;
  durationMs: number;
  operationName?: string;
  operationType?: string;
  errorCodes?: string[];
  sqlStatements?: number;
  organizationId?: string;
  keyPrefix?: string;
}

const requestLines = (): LogLine[] =>
  logLines.map((line) => JSON.parse(line) as LogLine & { msg: string }).filter((line) => line.msg === 'request');
/** The line of one request: written when its response closes, which may come just after the client has read it. */
async function lineOf(requestId: string | null): Promise<LogLine | undefined> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const line = requestLines().find((candidate) => candidate.requestId === requestId);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

async function post(query: string, variables: Record<string, unknown>, key: string | null, operationName?: string) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key !== null ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ extensions: { code: string } }>;
    extensions?: { sqlStatements?: number };
  };
  return { status: response.status, requestId: response.headers.get('x-request-id'), body };
}

const metricsText = async (target: TestApp = app): Promise<string> => (await fetch(target.url.replace('/graphql', '/metrics'))).text();

/** The value of one series line of a Prometheus text exposition (labels as written, in order). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  app = await startTestApp({}, { logger: pino({ level: 'info' }, sink) });
  partner = await createPartnerKey(app, 'Observed Partner', 'EDITOR');
});

afterAll(async () => {
  await app?.close();
});

describe('the request log', () => {
  let articleId: string;

  it('logs one line per request with id, operation, status, duration, SQL statements and who asked', async () => {
    const ingested = await post(
      `mutation Ingest($i: IngestArticleInput!) { ingestArticle(input: $i) { article { id } } }`,
      { i: articleInput({ body: SECRET_SENTENCE }) },
      partner.key,
    );
    articleId = (ingested.body.data as { ingestArticle: { article: { id: string } } }).ingestArticle.article.id;
    const added = await post(
      `mutation AddObservedClaim($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
      { i: { articleId, kind: 'REPORT', text: CLAIM_TEXT, visibility: 'ORGANIZATION', evidence: [{ exact: 'eleven crates' }] } },
      partner.key,
    );
    expect(added.body.errors).toBeUndefined();

    const read = await post(`query ObservedClaims { claims(first: 5) { nodes { id text } } }`, {}, partner.key);
    expect(read.status).toBe(200);
    const line = await lineOf(read.requestId);
    expect(line).toMatchObject({
      requestId: read.requestId,
      method: 'POST',
      route: '/graphql',
      path: '/graphql',
      status: 200,
      operationName: 'ObservedClaims',
      operationType: 'query',
      organizationId: expect.any(String),
      keyPrefix: partner.prefix,
    });
    expect(line!.durationMs).toBeGreaterThan(0);
    // The test app exposes the request's own count: the log line counts the same statements.
    expect(read.body.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(line!.sqlStatements).toBe(read.body.extensions?.sqlStatements);
    expect(line!.errorCodes).toBeUndefined();
    expect(await lineOf(added.requestId)).toMatchObject({ operationName: 'AddObservedClaim', operationType: 'mutation', status: 200 });
  });

  it('never carries the key, the variables or the texts of the data', async () => {
    await post(`query Search($s: String!) { claims(filter: { search: $s }) { totalCount } }`, { s: 'quartermaster' }, partner.key);
    const everything = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(3);
    expect(everything).not.toContain(partner.key);
    expect(everything).not.toContain(partner.key.slice(partner.prefix.length));
    expect(everything).not.toContain('quartermaster');
    expect(everything).not.toContain('eleven crates');
    expect(everything).not.toContain(CLAIM_TEXT);
  });

  it('records error codes of GraphQL and of the other routes alike', async () => {
    const refused = await post(`query Refused { claims(first: 500) { totalCount } }`, {}, null);
    expect(refused.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const refusedLine = await lineOf(refused.requestId);
    expect(refusedLine).toMatchObject({ operationName: 'Refused', errorCodes: ['BAD_USER_INPUT'] });
    expect(refusedLine?.keyPrefix).toBeUndefined();

    const exported = await fetch(app.url.replace('/graphql', '/export/claims.csv?status=MAYBE&search=quartermaster'));
    expect(exported.status).toBe(400);
    await exported.text();
    expect(await lineOf(exported.headers.get('x-request-id'))).toMatchObject({
      route: '/export/:file',
      path: '/export/claims.csv',
      status: 400,
      errorCodes: ['BAD_USER_INPUT'],
    });

    const badKey = await post(`{ __typename }`, {}, 'vbt_not-a-key-at-all-0000000000');
    expect(badKey.status).toBe(401);
    expect((await lineOf(badKey.requestId))?.errorCodes).toEqual(['UNAUTHENTICATED']);
    expect(logLines.join('\n')).not.toContain('not-a-key-at-all');
  });
});

describe('/metrics', () => {
  it('has request durations by operation and type, errors by code, SQL statements per request and the pool', async () => {
    const last = await post(`query ObservedClaims { claims(first: 1) { totalCount } }`, {}, null);
    await lineOf(last.requestId); // measured when its response has closed
    const text = await metricsText();
    expect(sample(text, 'verbatim_graphql_operation_seconds_count{operation="ObservedClaims",type="query"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'verbatim_graphql_operation_seconds_count{operation="AddObservedClaim",type="mutation"}')).toBe(1);
    expect(sample(text, 'verbatim_errors_total{code="BAD_USER_INPUT",route="/graphql"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'verbatim_errors_total{code="BAD_USER_INPUT",route="/export/:file"}')).toBe(1);
    expect(sample(text, 'verbatim_errors_total{code="UNAUTHENTICATED",route="/graphql"}')).toBe(1);
    expect(sample(text, 'verbatim_sql_statements_per_request_count{route="/graphql"}')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'verbatim_sql_statements_per_request_sum{route="/graphql"}')).toBeGreaterThan(5);
    expect(sample(text, 'verbatim_http_request_seconds_count{route="/export/:file",method="GET",status="400"}')).toBe(1);
    expect(sample(text, 'verbatim_db_pool_connections{pool="primary"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'verbatim_db_pool_idle_connections{pool="primary"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'verbatim_db_pool_waiting_requests{pool="primary"}')).toBe(0);
    expect(text).not.toContain('quartermaster');
  });

  it('keeps operation names bounded: anonymous, invalid and names past the cap collapse', async () => {
    await post(`{ __typename }`, {}, null);
    await post(`query Broken { noSuchField }`, {}, null);
    for (let n = 0; n <= MAX_OPERATION_NAMES; n += 1) await post(`query Generated${n} { __typename }`, {}, null);
    const text = await metricsText();
    expect(sample(text, 'verbatim_graphql_operation_seconds_count{operation="<anonymous>",type="query"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'verbatim_graphql_operation_seconds_count{operation="<invalid>",type="unknown"}')).toBe(1);
    expect(sample(text, 'verbatim_graphql_operation_seconds_count{operation="<other>",type="query"}')).toBeGreaterThanOrEqual(1);
    const names = new Set([...text.matchAll(/verbatim_graphql_operation_seconds_count\{operation="([^"]*)"/g)].map((match) => match[1]));
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
  });

  it('counts rate-limit refusals', async () => {
    const limited = await startTestApp({ VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const ask = () =>
        fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect((await ask()).status).toBe(200);
      expect((await ask()).status).toBe(429);
      const text = await metricsText(limited);
      expect(sample(text, 'verbatim_rate_limit_refusals_total{bucket="address"}')).toBe(1);
      expect(sample(text, 'verbatim_errors_total{code="RATE_LIMITED",route="/graphql"}')).toBe(1);
    } finally {
      await limited.close();
    }
  });
});
