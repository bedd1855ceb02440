import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { measureOperation } from '../../src/common/query-analysis';
import { fragmentsOf } from '../../src/common/query-limits';
import { buildVerbatimSchema } from '../../src/schema';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ VERBATIM_MAX_QUERY_COST: '20000', VERBATIM_MAX_QUERY_DEPTH: '8' });
});
afterAll(async () => {
  await app.close();
});

describe('query limits', () => {
  it('refuse a query whose page sizes multiply beyond the cost limit, before running it', async () => {
    const { errors, data, extensions } = await app.gql(
      `{ articles(first: 100) { nodes { sentences(first: 100) { nodes { claims { evidence { exact } } } } } } }`,
    );
    expect(data ?? null).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20000 });
    expect(extensions?.sqlStatements ?? 0).toBeLessThanOrEqual(1); // at most the key lookup: nothing ran
  });

  it('let a bulk page through: 100 articles with 100 sentences each', async () => {
    const { errors } = await app.gql(`{ articles(first: 100) { nodes { body sentences(first: 100) { nodes { start end text } } } } }`);
    expect(errors).toBeUndefined();
  });

  it('count every item of a page, even one that selects only scalars', async () => {
    const { errors } = await app.gql(
      `{ sources(first: 100) { nodes { articles(first: 100) { nodes { sentences(first: 100) { nodes { text } } } } } } }`,
    );
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 1 + 100 * (1 + 100 * (1 + 100)) });
  });

  it('count page sizes given as variables', async () => {
    const query = `query($n: Int) { articles(first: $n) { nodes { sentences(first: $n) { nodes { claims { id } } } } } }`;
    expect((await app.gql(query, { n: 5 })).errors).toBeUndefined();
    expect((await app.gql(query, { n: 100 })).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('measure a repeated query text by its variables every time: a kept measure never answers for other values', async () => {
    const query = `query($n: Int, $skip: Boolean!) {
      articles(first: $n) { nodes { sentences(first: $n) { nodes { claims @skip(if: $skip) { id } } } } }
    }`;
    const cheap = { n: 5, skip: false };
    const costly = { n: 100, skip: false };
    for (let round = 0; round < 2; round += 1) {
      expect((await app.gql(query, cheap)).errors).toBeUndefined();
      expect((await app.gql(query, costly)).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect((await app.gql(query, { n: 100, skip: true })).errors).toBeUndefined();
      expect((await app.gql(query, { n: 101, skip: true })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuse queries nested too deep, fragments included, but not introspection', async () => {
    const deep = `{ articles { nodes { source { articles { nodes { source { articles { nodes { source { name } } } } } } } } } }`;
    expect((await app.gql(deep)).errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDepth: 8 });
    const viaFragments = `query { ...A } fragment A on Query { articles { nodes { ...B } } } fragment B on Article { source { articles { nodes { source { articles { nodes { source { name } } } } } } } }`;
    expect((await app.gql(viaFragments)).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const introspection = `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }`;
    expect((await app.gql(introspection)).errors).toBeUndefined();
  });

  it('refuse queries with more selections than the estimator walks, however cheap each looks', async () => {
    // Fragments multiply: 10 × 10 × 120 selections from a few hundred tokens.
    const many = (prefix: string, count: number, selection: string) =>
      Array.from({ length: count }, (_, i) => `${prefix}${i}: ${selection}`).join(' ');
    const query = `{ articles(first: 1) { nodes { ...A } } }
      fragment A on Article { ${many('s', 10, 'sentences(first: 1) { nodes { ...B } }')} }
      fragment B on Sentence { ${many('c', 10, 'claims { ...C }')} }
      fragment C on Claim { ${many('t', 120, 'text')} }`;
    const { errors, data } = await app.gql(query);
    expect(data ?? null).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxSelections: 10000 });
  });

  it('refuse documents of more than 20000 tokens before parsing them through', async () => {
    const aliases = Array.from({ length: 4000 }, (_, i) => `a${i}: articles { totalCount }`).join(' ');
    const { errors, status } = await app.gql(`{ ${aliases} }`);
    expect(status).toBe(400);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('measure depth through inline fragments and survive fragment cycles', async () => {
    const schema = await buildVerbatimSchema();
    const depthOf = (query: string) => {
      const document = parse(query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return measureOperation(schema, fragmentsOf(document), operation, {}).depth;
    };
    expect(depthOf(`{ node(id: "x") { ... on Article { source { name } } } }`)).toBe(3);
    expect(depthOf(`{ ...A } fragment A on Query { ...A }`)).toBe(0);
  });
});

/** Fragments F1…Fk, each spreading the one before twice: 2^k selections from a document of k lines. */
function fragmentChain(k: number): string {
  const fragments = [`fragment F0 on Article { id title }`];
  for (let i = 1; i <= k; i++) fragments.push(`fragment F${i} on Article { ...F${i - 1} ...F${i - 1} }`);
  return `{ articles(first: 1) { nodes { ...F${k} } } } ${fragments.join(' ')}`;
}

describe('query limits measure in time linear in the document', () => {
  /** Sends `query` and, while the server works on it, asks /readyz: a stall guard, not a benchmark. */
  async function readyWhileRefusing(query: string) {
    const refusal = app.gql(query);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    const ready = await fetch(app.url.replace('/graphql', '/readyz'), { signal: AbortSignal.timeout(5000) });
    const readyAfterMs = Date.now() - started;
    return { answer: await refusal, readyStatus: ready.status, readyAfterMs };
  }

  it.each([21, 30, 60])('refuse a chain of %i fragments that each spread the previous twice, and stay ready', async (k) => {
    const { answer, readyStatus, readyAfterMs } = await readyWhileRefusing(fragmentChain(k));
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxSelections: 10000 });
    expect(answer.data ?? null).toBeNull();
    expect(readyStatus).toBe(200);
    expect(readyAfterMs).toBeLessThan(1000);
  });

  it('refuse a deep fragment chain by its depth without walking it twice', async () => {
    // Each fragment nests one level deeper and spreads the next twice (on a source's articles).
    const k = 40;
    const fragments = Array.from(
      { length: k },
      (_, i) => `fragment D${i} on Article { source { articles(first: 1) { nodes { ...D${i + 1} ...D${i + 1} } } } }`,
    );
    fragments.push(`fragment D${k} on Article { id }`);
    const { answer, readyAfterMs } = await readyWhileRefusing(`{ articles(first: 1) { nodes { ...D0 } } } ${fragments.join(' ')}`);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDepth: 8 });
    expect(readyAfterMs).toBeLessThan(1000);
  });

  const inlineChain = (k: number) => `{ articles(first: 1) { nodes { ${'... on Article { '.repeat(k)}id${' }'.repeat(k)} } } }`;

  it('refuse inline-fragment chains thousands deep before the parser recurses through them', async () => {
    const { answer, readyAfterMs } = await readyWhileRefusing(inlineChain(3000));
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(answer.errors?.[0].message).toMatch(/nests 3003 braces or brackets deep; the limit is 100/);
    expect(readyAfterMs).toBeLessThan(1000);
    // The same text again: refused again (the guard keeps its finding per query text).
    const again = await app.gql(inlineChain(3000));
    expect(again.errors?.[0].message).toMatch(/nests 3003 braces or brackets deep; the limit is 100/);
  });

  it('measure inline-fragment chains within the nesting limit', async () => {
    expect((await app.gql(inlineChain(90))).errors).toBeUndefined();
    expect((await app.gql(inlineChain(90))).errors).toBeUndefined();
    const deepList = `{ actors(ids: ${'['.repeat(200)}"x"${']'.repeat(200)}) { id } }`;
    expect((await app.gql(deepList)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuse alias fan-out by its cost', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: articles(first: 100) { nodes { id } }`).join(' ');
    const { answer, readyAfterMs } = await readyWhileRefusing(`{ ${aliases} }`);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20000 });
    expect(readyAfterMs).toBeLessThan(1000);
  });

  it('cost the COUNT that totalCount runs, even on an empty page', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: articles(first: 0) { totalCount }`).join(' ');
    const { errors, extensions } = await app.gql(`{ ${aliases} }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20000 });
    expect(extensions?.sqlStatements ?? 0).toBeLessThanOrEqual(1);
    expect((await app.gql(`{ articles(first: 0) { totalCount } }`)).errors).toBeUndefined();
  });

  it('refuse a negative page: it cannot lower the cost of the rest of the query', async () => {
    const { errors, data } = await app.gql(
      `{ cheap: articles(first: -1000000) { nodes { id } } big: articles(first: 100) { nodes { sentences(first: 100) { nodes { claims { evidence { exact } } } } } } }`,
    );
    expect(data ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
