import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { installGlobalIdKey } from '../../src/common/global-id';
import { OrderDirection } from '../../src/common/connection';
import {
  encodeCursor,
  keyOrdering,
  keysetSql,
  listWindow,
  MICROS_MAX,
  MICROS_MIN,
  microsToIso,
  orderingOf,
  rankOrdering,
  sortExpression,
  type ListOrdering,
} from '../../src/common/list-query';

describe('microsToIso', () => {
  it('writes epoch microseconds exactly, six fraction digits, for every year from 1 to 9999', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MICROS_MIN, max: MICROS_MAX }), (micros) => {
        const iso = microsToIso(String(micros));
        const match = /^(.*)\.(\d{6})Z$/.exec(iso);
        expect(match).not.toBeNull();
        const seconds = BigInt(Date.parse(`${match![1]}Z`)) / 1000n;
        expect(seconds * 1_000_000n + BigInt(match![2])).toBe(micros);
      }),
    );
  });

  it('matches what PostgreSQL prints for known instants', () => {
    expect(microsToIso('0')).toBe('1970-01-01T00:00:00.000000Z');
    expect(microsToIso('1767434400000001')).toBe('2026-01-03T10:00:00.000001Z');
    expect(microsToIso('-14182939500000')).toBe('1969-07-20T20:17:40.500000Z');
  });
});

describe('sortExpression', () => {
  it('puts missing values last in both directions, and leaves required columns alone', () => {
    const key = { column: 'event.date', type: 'date' as const, nullable: true };
    expect(sortExpression(key, OrderDirection.ASC)).toBe(`COALESCE(event.date, CAST('infinity' AS date))`);
    expect(sortExpression(key, OrderDirection.DESC)).toBe(`COALESCE(event.date, CAST('-infinity' AS date))`);
    expect(sortExpression({ ...key, nullable: false }, OrderDirection.DESC)).toBe('event.date');
  });
});

describe('list orderings and their cursors', () => {
  // Cursors are sealed with the global id key (src/common/global-id.ts).
  beforeAll(() => installGlobalIdKey(randomBytes(16)));

  const byId = keyOrdering('article.id');
  const byRank = rankOrdering('ranked.rank', 'actor.id');
  const byDate = orderingOf(
    'Event',
    'event.id',
    { DATE: { column: 'event.date', type: 'date', nullable: true } },
    {
      field: 'DATE',
      direction: OrderDirection.DESC,
    },
  );

  it('reads back the cursors it writes, and refuses those of another ordering', () => {
    const cursors: Array<[ListOrdering, Array<string | null>]> = [
      [byId, ['42']],
      [byRank, ['20500000', '7']],
      [byDate, [null, '9']],
      [byDate, ['2026-01-02', '9']],
    ];
    for (const [ordering, values] of cursors) {
      const cursor = encodeCursor([...ordering.tag, ...values]);
      expect(listWindow({ after: cursor }, ordering).after).toEqual(values);
      for (const [other] of cursors.filter(([candidate]) => candidate !== ordering)) {
        expect(() => listWindow({ after: cursor }, other)).toThrow(/Not a cursor/);
      }
    }
  });

  it('bounds one direction by a row comparison, mixed directions term by term', () => {
    const dated = keysetSql({ ...listWindow({}, byDate), after: ['2026-01-02', '9'] });
    expect(dated.where).toEqual([
      `(COALESCE(event.date, CAST('-infinity' AS date)), event.id) < (CAST(:listafter0 AS date), CAST(:listafter1 AS bigint))`,
    ]);
    const ranked = keysetSql({ ...listWindow({}, byRank), after: ['5', '7'] });
    expect(ranked.where).toEqual([
      `((ranked.rank < CAST(:listafter0 AS bigint)) OR (ranked.rank = CAST(:listafter0 AS bigint) AND actor.id > CAST(:listafter1 AS bigint)))`,
    ]);
    expect(ranked.orderBy).toEqual([
      ['ranked.rank', 'DESC'],
      ['actor.id', 'ASC'],
    ]);
    expect(keysetSql({ ...listWindow({ last: 5 }, byRank) }).orderBy).toEqual([
      ['ranked.rank', 'ASC'],
      ['actor.id', 'DESC'],
    ]);
  });
});
