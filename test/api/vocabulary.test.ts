import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('one vocabulary', () => {
  it('take an explicit null filter as no filter, on every list and count (it was an INTERNAL_SERVER_ERROR)', async () => {
    const fields = [
      'articles(first: 1, filter: null) { totalCount }',
      'sources(first: 1, filter: null) { totalCount }',
      'actors(first: 1, filter: null) { totalCount }',
      'events(first: 1, filter: null) { totalCount }',
      'claims(first: 1, filter: null) { totalCount }',
      'eventCounts(groupBy: TYPE, filter: null) { key count }',
      'claimCounts(groupBy: STATUS, filter: null) { key count }',
      'articles(first: 1) { nodes { claims(first: 1, filter: null) { totalCount } } }',
    ];
    for (const field of fields) {
      const { status, errors, data } = await app.gql(`{ ${field} }`);
      expect({ field, status, errors }).toEqual({ field, status: 200, errors: undefined });
      expect(data).toBeTruthy();
    }
  });

  it('answer a page over the maximum with one code whatever its size', async () => {
    for (const first of [101, 1000, 1_000_000, -1]) {
      const nested = await app.gql(`{ articles(first: 100) { nodes { sentences(first: ${first}) { nodes { text } } } } }`);
      const top = await app.gql(`query($n: Int) { claims(first: $n) { totalCount } }`, { n: first });
      for (const { errors } of [nested, top])
        expect({ first, extensions: errors?.[0].extensions }).toEqual({ first, extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    }
  });

  it('name the argument path in extensions.field, not the client variable', async () => {
    const { errors } = await app.gql(`mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`, {
      i: { articleId: 'x', kind: 'STATEMENT', text: 'nul \u0000 here', evidence: [{ start: 0, end: 1 }] },
    });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const inLiteral = await app.gql(`query($s: String) { claims(filter: { search: $s }) { totalCount } }`, { s: '\u0000' });
    expect(inLiteral.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it('name the argument path for values GraphQL itself refuses in variables (a wrong scalar, an unknown enum value)', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { articleId: 'x', kind: 'NOPE', text: 't', evidence: [] } },
        'input.kind',
      ],
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { articleId: 'x', kind: 'STATEMENT', text: 5, evidence: [] } },
        'input.text',
      ],
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { articleId: 'x', kind: 'STATEMENT', text: 't', evidence: [{ start: 'zero', end: 1 }] } },
        'input.evidence[0].start',
      ],
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { kind: 'STATEMENT', text: 't', evidence: [] } },
        'input.articleId',
      ],
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { articleId: 'x', kind: 'STATEMENT', text: 't', evidence: [{ start: 0, end: 1, colour: 'red' }] } },
        'input.evidence[0].colour',
      ],
      [
        `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`,
        { i: { articleId: 'x', kind: 'STATEMENT', text: 't', evidence: [], colour: 'red' } },
        'input.colour',
      ],
      [`mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`, {}, 'input'],
      [`query($f: ClaimFilter) { claims(filter: $f) { totalCount } }`, { f: { status: 'MAYBE' } }, 'filter.status'],
      [`query($s: ReviewStatus) { claims(filter: { status: $s }) { totalCount } }`, { s: 'MAYBE' }, 'filter.status'],
      [`query($n: Int) { articles(first: $n) { totalCount } }`, { n: 'ten' }, 'first'],
      [`query($d: DateTime) { claims(filter: { updatedSince: $d }) { totalCount } }`, { d: 'yesterday' }, 'filter.updatedSince'],
    ];
    for (const [query, variables, field] of cases) {
      const { errors } = await app.gql(query, variables);
      expect({ query, variables, extensions: errors?.[0].extensions }).toEqual({
        query,
        variables,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      });
    }
  });

  it('refuse an empty or blank Authorization header instead of serving it as anonymous', async () => {
    for (const header of ['', ' ', '\t']) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: header },
        body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
      expect({ header, status: response.status, code: body.errors?.[0].extensions.code }).toEqual({
        header,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const anonymous = await app.gql('{ articles(first: 1) { totalCount } }', {}, { key: null });
    expect(anonymous.errors).toBeUndefined();
  });
});
