import { operationDepth } from '../../src/common/query-limits';
import { parse } from 'graphql';
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

  it('measure depth through inline fragments and survive fragment cycles', () => {
    expect(operationDepth(parse(`{ node(id: "x") { ... on Article { source { name } } } }`))).toBe(3);
    expect(operationDepth(parse(`{ ...A } fragment A on Query { ...A }`))).toBe(0);
  });
});
