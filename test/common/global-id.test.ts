import fc from 'fast-check';
import { decodeGlobalId, parseGlobalId, toGlobalId } from '../../src/common/global-id';

describe('global ids', () => {
  it('round-trip for any row id', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
        fc.constantFrom('Article', 'Source', 'Sentence') as fc.Arbitrary<'Article'>,
        (rowId, type) => {
          expect(decodeGlobalId(toGlobalId(type, rowId.toString()))).toEqual({ type, rowId: rowId.toString() });
        },
      ),
    );
  });

  it('never decode arbitrary strings into something unexpected', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const decoded = decodeGlobalId(id);
        if (decoded !== null) expect(toGlobalId(decoded.type, decoded.rowId)).toBe(id);
      }),
    );
  });

  it('refuse ids of another type, naming the field', () => {
    expect(() => parseGlobalId(toGlobalId('Source', '5'), 'Article', 'input.articleId')).toThrow(/Expected an id of a Article/);
    expect(() => parseGlobalId('bm9wZQ', 'Article', 'id')).toThrow(/not a valid id/);
  });
});
