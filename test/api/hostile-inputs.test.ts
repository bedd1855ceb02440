import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import type { ErrorCode } from '../../src/common/errors';
import { Role } from '../../src/organizations/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { countAllRows, hostileArgs, hostileString, mutationDocument, mutationsOf } from '../helpers/mutation-args';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

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
    ...organizations.map((row) => Buffer.from(`Organization:${row.id}`).toString('base64url')),
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
      .map(
        (n) =>
          `{ nodes(ids: [${Array.from({ length: n }, (_, i) => `"${Buffer.from(`Claim:${i}`).toString('base64url')}"`).join(',')}]) { id } }`,
      );
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
