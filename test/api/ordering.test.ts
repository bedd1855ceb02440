import type { NodeTypeName } from '../../src/common/global-id';
import { insertActor, insertArticleRows, insertClaim, insertEvent, rowIdOf } from '../helpers/factories';
import { connectionQuery, globalId, pageThrough } from '../helpers/paging';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { cursorOf } from '../helpers/global-ids';

let app: TestApp;

/** Sort values with ties, values a microsecond apart, and missing values. */
const PUBLISHED = [
  '2026-01-02 10:00:00.000002+00',
  null,
  '2026-01-02 10:00:00.000001+00',
  '2025-12-31 23:59:59+00',
  '2026-01-02 10:00:00.000001+00',
  null,
  '2026-03-01 00:00:00+00',
  '1969-07-20 20:17:40.5+00',
];
const EVENT_DATES = ['2026-01-05', null, '2026-01-03', '2026-01-05', null, '2025-12-30', '2026-01-03'];
const NAMES = ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Alpha', 'Echo', 'Bravo'];
const CLAIM_TIMES = [
  '2026-02-01 00:00:00+00',
  '2026-01-01 00:00:00+00',
  '2026-02-01 00:00:00+00',
  '2026-01-15 12:00:00.25+00',
  '2026-01-01 00:00:00+00',
];

beforeAll(async () => {
  app = await startTestApp();
  for (const published of PUBLISHED) {
    const { articleId } = await insertArticleRows(app.db);
    await app.db.query(`UPDATE article SET published_at = $2 WHERE id = $1`, [articleId, published]);
  }
  for (const date of EVENT_DATES) await insertEvent(app.db, 'PROTESTS', date as string);
  for (const name of NAMES) await insertActor(app.db, name, 'ORGANIZATION');
  for (const [i, at] of CLAIM_TIMES.entries()) {
    const claimId = rowIdOf(await insertClaim(app.db));
    // Updated times in the opposite order of creation times, with their own ties.
    await app.db.query(`UPDATE claim SET extraction_created_at = $2, updated_at = $3 WHERE id = $1`, [
      claimId,
      at,
      CLAIM_TIMES[CLAIM_TIMES.length - 1 - i],
    ]);
  }
});
afterAll(async () => {
  await app.close();
});

/** The expected order, computed here: by value (missing last), then id, both in `direction`. */
async function expectedOrder(type: NodeTypeName, sql: string, direction: 'ASC' | 'DESC', compare: (a: string, b: string) => number) {
  const rows: Array<{ id: string; value: string | null }> = await app.db.query(sql);
  const sign = direction === 'ASC' ? 1 : -1;
  return rows
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (compare(a.value, b.value) !== 0) {
        return sign * compare(a.value, b.value);
      }
      return sign * Number(BigInt(a.id) - BigInt(b.id));
    })
    .map((row) => globalId(type, row.id));
}

const byNumber = (a: string, b: string) => Number(BigInt(a) - BigInt(b));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const micros = (column: string) => `CAST(CAST(EXTRACT(EPOCH FROM ${column}) * 1000000 AS bigint) AS text)`;

const CASES: Array<{
  list: string;
  type: NodeTypeName;
  filter: string;
  order: string;
  field: string;
  sql: string;
  compare: (a: string, b: string) => number;
}> = [
  {
    list: 'articles',
    type: 'Article',
    filter: 'ArticleFilter',
    order: 'ArticleOrder',
    field: 'PUBLISHED_AT',
    sql: `SELECT id::text, ${micros('published_at')} AS value FROM article`,
    compare: byNumber,
  },
  {
    list: 'articles',
    type: 'Article',
    filter: 'ArticleFilter',
    order: 'ArticleOrder',
    field: 'INGESTED_AT',
    sql: `SELECT id::text, id::text AS value FROM article`,
    compare: byNumber,
  },
  {
    list: 'events',
    type: 'Event',
    filter: 'EventFilter',
    order: 'EventOrder',
    field: 'DATE',
    sql: `SELECT id::text, to_char(date, 'YYYY-MM-DD') AS value FROM event`,
    compare: byText,
  },
  {
    list: 'events',
    type: 'Event',
    filter: 'EventFilter',
    order: 'EventOrder',
    field: 'CREATED_AT',
    sql: `SELECT id::text, ${micros('created_at')} AS value FROM event`,
    compare: byNumber,
  },
  {
    list: 'actors',
    type: 'Actor',
    filter: 'ActorFilter',
    order: 'ActorOrder',
    field: 'NAME',
    sql: `SELECT id::text, name AS value FROM actor`,
    compare: byText,
  },
  {
    list: 'actors',
    type: 'Actor',
    filter: 'ActorFilter',
    order: 'ActorOrder',
    field: 'UPDATED_AT',
    sql: `SELECT id::text, ${micros('updated_at')} AS value FROM actor`,
    compare: byNumber,
  },
  {
    list: 'claims',
    type: 'Claim',
    filter: 'ClaimFilter',
    order: 'ClaimOrder',
    field: 'CREATED_AT',
    sql: `SELECT id::text, ${micros('extraction_created_at')} AS value FROM claim`,
    compare: byNumber,
  },
  {
    list: 'claims',
    type: 'Claim',
    filter: 'ClaimFilter',
    order: 'ClaimOrder',
    field: 'UPDATED_AT',
    sql: `SELECT id::text, ${micros('updated_at')} AS value FROM claim`,
    compare: byNumber,
  },
];

describe('orderBy', () => {
  for (const c of CASES) {
    for (const direction of ['ASC', 'DESC'] as const) {
      it(`${c.list} by ${c.field} ${direction}: paging forward and backward visits every row once, in order, agreeing with totalCount`, async () => {
        const expected = await expectedOrder(c.type, c.sql, direction, c.compare);
        const query = connectionQuery(c.list, c.filter, c.order);
        const variables = { orderBy: { field: c.field, direction } };
        for (const size of [1, 2, 3]) {
          const forward = await pageThrough(app, c.list, query, variables, size, 'forward');
          expect(forward.ids).toEqual(expected);
          expect(new Set(forward.totals)).toEqual(new Set([expected.length]));
          const backward = await pageThrough(app, c.list, query, variables, size, 'backward');
          expect(backward.ids).toEqual(expected);
        }
      });
    }
  }

  it('refuses a cursor of another ordering (or of the default order) with BAD_USER_INPUT', async () => {
    const query = connectionQuery('articles', 'ArticleFilter', 'ArticleOrder');
    const byDate = await app.gql<{ articles: { pageInfo: { endCursor: string } } }>(query, {
      first: 2,
      orderBy: { field: 'PUBLISHED_AT' },
    });
    const dateCursor = byDate.data!.articles.pageInfo.endCursor;
    const descending = await app.gql(query, { first: 2, after: dateCursor, orderBy: { field: 'PUBLISHED_AT', direction: 'DESC' } });
    expect(descending.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const defaultOrder = await app.gql(query, { first: 2, after: dateCursor });
    expect(defaultOrder.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const byId = await app.gql<{ articles: { pageInfo: { endCursor: string } } }>(query, { first: 2 });
    const idCursor = byId.data!.articles.pageInfo.endCursor;
    const mixed = await app.gql(query, { last: 2, before: idCursor, orderBy: { field: 'PUBLISHED_AT' } });
    expect(mixed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    // INGESTED_AT ascending is the default order: its cursors are the same.
    const same = await app.gql(query, { first: 2, after: idCursor, orderBy: { field: 'INGESTED_AT', direction: 'ASC' } });
    expect(same.errors).toBeUndefined();
    const otherList = await app.gql(connectionQuery('events', 'EventFilter', 'EventOrder'), {
      after: dateCursor,
      orderBy: { field: 'DATE' },
    });
    expect(otherList.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses forged sort values and more than 100 rows', async () => {
    const query = connectionQuery('events', 'EventFilter', 'EventOrder');
    const forge = (value: unknown) => cursorOf(['sort', 'Event:DATE:ASC', value, '1']);
    for (const value of ['2026-02-30', "2026-01-01' OR 1=1", 17, '']) {
      const response = await app.gql(query, { after: forge(value), orderBy: { field: 'DATE' } });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const valid = await app.gql(query, { after: forge('2026-01-04'), orderBy: { field: 'DATE' } });
    expect(valid.errors).toBeUndefined();
    const tooMany = await app.gql(query, { first: 101, orderBy: { field: 'DATE' } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const search = await app.gql(connectionQuery('actors', 'ActorFilter', 'ActorOrder'), {
      filter: { search: 'Alpha' },
      orderBy: { field: 'NAME' },
    });
    expect(search.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy' });
  });

  it('keeps cursors stable while rows are added, with names of any length and script', async () => {
    const query = connectionQuery('actors', 'ActorFilter', 'ActorOrder');
    const long = `${'ع'.repeat(499)}x`;
    await insertActor(app.db, long, 'PERSON');
    const variables = { orderBy: { field: 'NAME', direction: 'DESC' } };
    const first = await app.gql<{ actors: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string } } }>(query, {
      ...variables,
      first: 1,
    });
    const before = await pageThrough(app, 'actors', query, variables, 100, 'forward');
    expect(first.data!.actors.nodes[0].id).toBe(before.ids[0]);
    await insertActor(app.db, 'Aardvark', 'PERSON');
    await insertActor(app.db, `${'ع'.repeat(500)}`, 'PERSON');
    const next = await app.gql<{ actors: { nodes: Array<{ id: string }> } }>(query, {
      ...variables,
      first: 100,
      after: first.data!.actors.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    const after = next.data!.actors.nodes.map((node) => node.id);
    expect(after.slice(0, before.ids.length - 1)).toEqual(before.ids.slice(1));
  });
});
