import fc from 'fast-check';
import {
  codePointLength,
  codePointOffsets,
  normalizeBody,
  sha256Hex,
  sliceCodePoints,
  unstorableTextReason,
} from '../../src/provenance/text';

describe('text helpers', () => {
  it('normalises to NFC with \\n line breaks and no BOM', () => {
    expect(normalizeBody('\uFEFFa\r\nb\rc\u0065\u0301')).toBe('a\nb\ncé');
  });

  it('refuses NUL and unpaired surrogates, accepts astral characters', () => {
    expect(unstorableTextReason('a\u0000b')).toMatch(/NUL/);
    expect(unstorableTextReason('a\uD800b')).toMatch(/surrogate/);
    expect(unstorableTextReason('b\uDC00')).toMatch(/surrogate/);
    expect(unstorableTextReason('🚀 ok')).toBeNull();
  });

  it('hashes UTF-8 as lowercase hex SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('maps UTF-16 offsets to code points for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const map = codePointOffsets(text);
        expect(map[text.length]).toBe(codePointLength(text));
        let unit = 0;
        Array.from(text).forEach((char, index) => {
          expect(map[unit]).toBe(index);
          expect(sliceCodePoints(text, 0, index)).toBe(text.slice(0, unit));
          unit += char.length;
        });
      }),
    );
  });
});
