import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import type { ErrorCode } from '../../src/common/errors';
import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { countAllRows, hostileArgs, hostileString, mutationDocument, mutationsOf } from '../helpers/mutation-args';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';
import { cursorOf, cursorPayload, globalIdOf } from '../helpers/global-ids';

/**
 * fast-check throws hostile input at every mutation (arguments drawn from the schema's own
 * types: huge and empty strings, NUL, lone surrogates, SQL, real ids of every type including
 * another organisation's private claim, ids of nothing, negative and reversed offsets, huge
 * lists) and hostile shapes at the query side. Whatever comes in: an answer in the contract's
 * vocabulary, never INTERNAL_SERVER_ERROR nor a 5xx, and a refused mutation writes nothing.
 */
const RUNS_PER_MUTATION = Number(process.env.HOSTILE_RUNS ?? 40);
const CLIENT_CODES = new Set<ErrorCode>(['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'QUERY_TOO_COMPLEX']);

// The committed schema (test/schema.test.ts keeps it equal to the code's), read now so that each
// mutation is a test of its own.
const mutations = mutationsOf(buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8')));

let app: TestApp;
let realIds: string[];
let editorKey: string;

beforeAll(async () => {
  app = await startTestApp({ VERBATIM_MAX_QUERY_DEPTH: '12', LOG_LEVEL: process.env.HOSTILE_LOG ?? 'silent' });
  const partnerKey = await insertApiKey(app.db, Role.EDITOR, 'Hostile partner');
  editorKey = await insertApiKey(app.db, Role.EDITOR, 'Hostile editor');
  const run = async <T>(query: string, variables: Record<string, unknown>, key = ADMIN_KEY): Promise<T> => {
    const { data, errors } = await app.gql<T>(query, variables, { key });
    if (errors) throw new Error(errors[0].message);
    return data as T;
  };
  const { ingestArticle } = await run<{
    ingestArticle: { article: { id: string; source: { id: string }; sentences: { nodes: Array<{ id: string }> } } };
  }>(`mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { article { id source { id } sentences { nodes { id } } } } }`, {
    i: articleInput(),
  });
  const { createActor } = await run<{ createActor: { id: string } }>(
    `mutation { createActor(input: { name: "Hostile Actor", kind: PERSON }) { id } }`,
    {},
  );
  const { createEvent } = await run<{ createEvent: { id: string } }>(
    `mutation { createEvent(input: { type: PROTESTS, subType: "Peaceful protest", datePrecision: DAY, date: "2026-01-02" }) { id } }`,
    {},
  );
  const claim = async (visibility: string) =>
    (
      await run<{ addClaim: { id: string } }>(
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        {
          i: {
            articleId: ingestArticle.article.id,
            kind: 'STATEMENT',
            text: 'Hostile fixture claim.',
            visibility,
            evidence: [{ start: 0, end: 5 }],
          },
        },
        partnerKey,
      )
    ).addClaim.id;
  const organizations = await app.db.query<Array<{ id: string }>>(`SELECT id::text FROM organization`);
  realIds = [
    ingestArticle.article.id,
    ingestArticle.article.source.id,
    ...ingestArticle.article.sentences.nodes.map((s) => s.id),
    createActor.id,
    createEvent.id,
    await claim('ORGANIZATION'), // another organisation's private claim
    await claim('PUBLIC'),
    ...organizations.map((row) => globalIdOf('Organization', row.id)),
  ];
});
afterAll(async () => {
  await app.close();
});

interface Outcome {
  status: number;
  codes: string[];
}

async function send(body: string, key: string | null): Promise<Outcome> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await response.text();
  let json: { errors?: Array<{ extensions?: { code?: string } }> } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, codes: (json.errors ?? []).map((error) => error.extensions?.code ?? 'NONE') };
}

function expectClientAnswer(outcome: Outcome, what: string): void {
  if (outcome.status >= 500 || outcome.codes.some((code) => !CLIENT_CODES.has(code as ErrorCode))) {
    throw new Error(`${what}: HTTP ${outcome.status}, codes ${outcome.codes.join(', ')}`);
  }
}

describe('hostile input', () => {
  it('reaches every mutation of the schema', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(17);
  });

  it.each(mutations.map((field) => [field.name, field] as const))(
    '%s: never INTERNAL_SERVER_ERROR, and nothing written when refused (as an admin and as an editor)',
    async (_name, field) => {
      const document = mutationDocument(field);
      await fc.assert(
        fc.asyncProperty(hostileArgs(field, realIds), fc.boolean(), async (variables, asAdmin) => {
          const before = await countAllRows(app);
          const outcome = await send(JSON.stringify({ query: document, variables }), asAdmin ? ADMIN_KEY : editorKey);
          expectClientAnswer(outcome, field.name);
          if (outcome.codes.length > 0) expect(await countAllRows(app)).toEqual(before);
        }),
        { numRuns: RUNS_PER_MUTATION },
      );
    },
    120_000,
  );

  it('deep, wide and oversized queries are refused in the vocabulary, never a 5xx', async () => {
    const nested = fc.integer({ min: 1, max: 60 }).map((depth) => {
      let selection = 'id';
      for (let i = 0; i < depth; i++) selection = `relations { actor { ${selection} } }`;
      return `query($id: ID!) { node(id: $id) { ... on Actor { ${selection} } } }`;
    });
    const wide = fc
      .integer({ min: 1, max: 3000 })
      .map(
        (width) =>
          `{ ${Array.from({ length: width }, (_, i) => `a${i}: articles(first: 100) { totalCount nodes { sentences(first: 100) { nodes { claims { id } } } } }`).join(' ')} }`,
      );
    const paging = fc
      .record({
        first: fc.integer({ min: -5, max: 1000 }),
        last: fc.option(fc.integer({ min: -5, max: 200 })),
        after: fc.option(hostileString({ huge: false })),
      })
      .map(
        ({ first, last, after }) =>
          `{ claims(first: ${first}${last === null ? '' : `, last: ${last}`}${after === null ? '' : `, after: ${JSON.stringify(after)}`}) { totalCount } }`,
      );
    const manyIds = fc
      .integer({ min: 0, max: 2000 })
      .map((n) => `{ nodes(ids: [${Array.from({ length: n }, (_, i) => `"${globalIdOf('Claim', i + 1)}"`).join(',')}]) { id } }`);
    const cyclic = fc.constant(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nested, wide, paging, manyIds, cyclic),
        fc.constantFrom<string | null>(null, ADMIN_KEY),
        async (query, key) => {
          const outcome = await send(JSON.stringify({ query, variables: { id: realIds[4] } }), key);
          expectClientAnswer(outcome, query.slice(0, 80));
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('bodies that are not GraphQL at all are refused in the vocabulary', async () => {
    for (const body of [
      '',
      'null',
      '[]',
      '{"query": 5}',
      '{"query": "{ articles { totalCount } }", "variables": "x"}',
      'x'.repeat(6 * 1024 * 1024),
      '{"query": "\u0000"}',
    ]) {
      expectClientAnswer(await send(body, ADMIN_KEY), body.slice(0, 40));
    }
  }, 30_000);
});

describe('hostile input that once reached SQL or Express unrefused', () => {
  // Cursors are sealed (src/common/global-id.ts): hostile payloads are sealed with the server's key, as an attacker could not.
  const b64 = cursorOf;

  async function expectRefused(query: string, variables: Record<string, unknown>, what: string, key: string | null = ADMIN_KEY) {
    const outcome = await send(JSON.stringify({ query, variables }), key);
    expectClientAnswer(outcome, what);
    expect({ what, refused: outcome.codes.length > 0 }).toEqual({ what, refused: true });
  }

  it('variables nested thousands of levels deep', async () => {
    // Written as text: JSON.stringify itself recurses.
    const deep = (open: string, close: string, n: number) => `${open.repeat(n)}"x"${close.repeat(n)}`;
    for (const [query, variables] of [
      [`query($f: ClaimFilter) { claims(filter: $f) { totalCount } }`, `{"f": ${deep('{"a":', '}', 20_000)}}`],
      [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, `{"ids": ${deep('[', ']', 20_000)}}`],
      [`query($i: AddClaimInput!) { addClaim(input: $i) { id } }`, `{"i": {"text": ${deep('{"a":', '}', 5_000)}}}`],
    ]) {
      const outcome = await send(`{"query": ${JSON.stringify(query)}, "variables": ${variables}}`, ADMIN_KEY);
      expectClientAnswer(outcome, query);
      expect(outcome.codes).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('hand-made cursors out of range or carrying NUL, in every ordering', async () => {
    const orderings = [
      ['actors', 'ActorOrder', ['NAME', 'CREATED_AT', 'UPDATED_AT']],
      ['articles', 'ArticleOrder', ['INGESTED_AT', 'PUBLISHED_AT']],
      ['claims', 'ClaimOrder', ['CREATED_AT', 'UPDATED_AT']],
      ['events', 'EventOrder', ['DATE', 'CREATED_AT', 'UPDATED_AT']],
    ] as const;
    const hostileValues = [
      '1e999',
      '-1e999',
      '99999999999999999999',
      '9223372036854775808',
      '1.5',
      'a\u0000b',
      '\u0000',
      '0000-01-01',
      '99999-01-01',
      '2026-13-45',
      '-infinity',
      'NaN',
      null,
      5,
    ];
    for (const [field, orderType, fields] of orderings) {
      for (const orderField of fields) {
        for (const direction of ['ASC', 'DESC']) {
          const query = `query($o: ${orderType}, $a: String) { ${field}(orderBy: $o, after: $a, first: 2) { totalCount edges { cursor } } }`;
          const { data } = await app.gql<Record<string, { edges: Array<{ cursor: string }> }>>(query, {
            o: { field: orderField, direction },
          });
          const real = data?.[field].edges[0]?.cursor;
          const parts: unknown[] =
            real !== undefined ? (cursorPayload(real) as unknown[]) : ['sort', `${field}:${orderField}:${direction}`, '1', '1'];
          for (let position = 1; position < parts.length; position++) {
            for (const value of hostileValues) {
              const forged = [...parts];
              forged[position] = value;
              const outcome = await send(
                JSON.stringify({ query, variables: { o: { field: orderField, direction }, a: b64(forged) } }),
                ADMIN_KEY,
              );
              expectClientAnswer(outcome, `${field} ${orderField} ${direction} cursor ${JSON.stringify(forged)}`);
            }
          }
        }
      }
    }
    for (const value of hostileValues) {
      for (const cursor of [b64([value]), b64(['ranked', value, '1']), b64(['ranked', '1', value])]) {
        for (const query of [
          `query($a: String) { articles(after: $a) { totalCount } }`,
          `query($a: String) { searchSentences(query: "council", after: $a) { totalCount } }`,
          `query($a: String) { actors(filter: { search: "hostile" }, after: $a) { totalCount } }`,
          `query($a: String) { auditLog(after: $a) { totalCount } }`,
        ]) {
          expectClientAnswer(
            await send(JSON.stringify({ query, variables: { a: cursor } }), ADMIN_KEY),
            `${query} ${JSON.stringify(value)}`,
          );
        }
      }
    }
  }, 120_000);

  it('date-times SQL cannot store: year 0, five-digit years', async () => {
    for (const value of [
      '0000-01-01T00:00:00Z',
      '+010000-01-01T00:00:00Z',
      '10000-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '275760-09-13T00:00:00Z',
    ]) {
      for (const query of [
        `query($d: DateTime) { claims(filter: { updatedSince: $d }) { totalCount } }`,
        `query($d: DateTime) { claimCounts(filter: { from: $d }, groupBy: STATUS) { count } }`,
        `query($d: DateTime) { articles(filter: { publishedAfter: $d }) { totalCount } }`,
      ]) {
        const outcome = await send(JSON.stringify({ query, variables: { d: value } }), ADMIN_KEY);
        expectClientAnswer(outcome, `${query} ${value}`);
      }
    }
  });

  it('search text made only of operators', async () => {
    for (const search of [
      '-',
      '""',
      '"',
      '- - -',
      'or',
      '-"-"',
      '!!!!',
      '&|!',
      '- or -',
      '"-" or "-"',
      '-'.repeat(2000),
      'a -'.repeat(300),
    ]) {
      for (const query of [
        `query($s: String!) { searchSentences(query: $s) { totalCount nodes { id } } }`,
        `query($s: String) { claims(filter: { search: $s }) { totalCount } }`,
        `query($s: String) { articles(filter: { search: $s }) { totalCount } }`,
        `query($s: String) { events(filter: { search: $s }) { totalCount } }`,
      ]) {
        expectClientAnswer(await send(JSON.stringify({ query, variables: { s: search } }), ADMIN_KEY), `${query} ${search.slice(0, 20)}`);
      }
    }
  });

  it('a subscription operation', async () => {
    await expectRefused(`subscription { articles { totalCount } }`, {}, 'subscription');
  });

  const exportUrl = () => app.url.replace('/graphql', '/export/claims.jsonld');

  it('the export refuses NUL and bad dates in its parameters as JSON, not NDJSON', async () => {
    for (const query of [
      'search=a%00b',
      'articleId=%00',
      'updatedSince=0000-01-01T00:00:00Z',
      'from=%2B010000-01-01T00:00:00Z',
      'search=-',
      'status=NOPE',
      'kind=x&kind=y',
    ]) {
      const response = await fetch(`${exportUrl()}?${query}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      const text = await response.text();
      if (response.status === 200) continue; // an empty or valid export is an answer too
      expect({ query, status: response.status < 500, type: response.headers.get('content-type') }).toEqual({
        query,
        status: true,
        type: expect.stringContaining('application/json'),
      });
      expect(CLIENT_CODES.has((JSON.parse(text) as { errors: Array<{ extensions: { code: ErrorCode } }> }).errors[0].extensions.code)).toBe(
        true,
      );
    }
  });

  it('unknown routes and wrong methods answer JSON with a code', async () => {
    const base = app.url.replace('/graphql', '');
    for (const [method, path, status] of [
      ['GET', '/nope', 404],
      ['POST', '/export/claims.jsonld', 405],
      ['DELETE', '/export/claims.jsonld', 405],
      ['PUT', '/graphql', 405],
      ['POST', '/readyz', 405],
      ['GET', '/export/other.jsonld', 404],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method });
      expect({ method, path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        method,
        path,
        status,
        type: expect.stringContaining('application/json'),
      });
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe(status === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT');
    }
  });
});
