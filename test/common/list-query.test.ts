import fc from 'fast-check';
import { OrderDirection } from '../../src/common/connection';
import { MICROS_MAX, MICROS_MIN, microsToIso, sortExpression } from '../../src/common/list-query';

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
