import fc from 'fast-check';
import { codePointIndex } from '../../viewer/src/offsets';

describe('the viewer places code-point offsets in UTF-16 strings', () => {
  it('counts an emoji outside the BMP as one code point and two units', () => {
    const text = 'Stay safe 🙏 Amarah';
    const index = codePointIndex(text);
    expect(index.length).toBe(18);
    expect(index.utf16(10)).toBe(10);
    expect(index.utf16(11)).toBe(12);
    expect(index.slice(10, 11)).toBe('🙏');
    expect(index.slice(12, 18)).toBe('Amarah');
  });

  it('keeps Arabic letters and their combining marks as separate code points', () => {
    // سَرايا with a fatha (U+064E) after the first letter: NFC keeps the mark apart.
    const text = 'x سَرايا y';
    const index = codePointIndex(text);
    expect(index.length).toBe(10);
    expect(index.slice(2, 8)).toBe('سَرايا');
    expect(index.slice(2, 3)).toBe('س');
    expect(index.slice(3, 4)).toBe('\u064E');
  });

  it('counts a ZWJ family, a flag and a decomposed é by their code points', () => {
    const text = '👩‍👩‍👧|🇮🇶|e\u0301';
    const index = codePointIndex(text);
    expect(index.length).toBe(5 + 1 + 2 + 1 + 2);
    expect(index.slice(0, 5)).toBe('👩‍👩‍👧');
    expect(index.slice(6, 8)).toBe('🇮🇶');
    expect(index.slice(9, 11)).toBe('e\u0301');
  });

  it('treats a lone surrogate as one code point, as Array.from does', () => {
    const text = 'a\uD800b\uDC00';
    expect(codePointIndex(text).length).toBe(Array.from(text).length);
    expect(codePointIndex(text).slice(1, 3)).toBe('\uD800b');
  });

  it('refuses offsets outside the text and spans that end before they start', () => {
    const index = codePointIndex('🙏');
    expect(index.utf16(1)).toBe(2);
    expect(() => index.utf16(2)).toThrow(RangeError);
    expect(() => index.utf16(-1)).toThrow(RangeError);
    expect(() => index.utf16(0.5)).toThrow(RangeError);
    expect(() => index.slice(1, 0)).toThrow(RangeError);
  });

  it('slices as Array.from(text).slice(start, end) for any text and span', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), fc.nat(), (text, a, b) => {
        const points = Array.from(text);
        const start = a % (points.length + 1);
        const end = start + (b % (points.length - start + 1));
        expect(codePointIndex(text).slice(start, end)).toBe(points.slice(start, end).join(''));
      }),
    );
  });
});
