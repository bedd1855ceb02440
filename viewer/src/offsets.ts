/**
 * The API counts offsets in Unicode code points (DESIGN.md); the DOM and JavaScript strings count
 * UTF-16 code units. An emoji outside the Basic Multilingual Plane is one code point and two
 * units; Arabic letters and combining marks are one of each, but a mark is a code point of its
 * own, never merged with its base letter. No DOM here: unit-tested under Node.
 */

/** Maps code-point offsets of one text to UTF-16 indices: built once per text, then O(1) a lookup. */
export interface CodePointIndex {
  /** How many code points the text has. */
  readonly length: number;
  /** The UTF-16 index of code-point offset `offset` (0..length); a RangeError outside. */
  utf16(offset: number): number;
  /** The text of code points [start, end), as `Array.from(text).slice(start, end).join('')`. */
  slice(start: number, end: number): string;
}

export function codePointIndex(text: string): CodePointIndex {
  // units[i] = UTF-16 index where code point i starts; units[length] = text.length.
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    units.push(i);
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  units.push(text.length);
  const length = units.length - 1;
  const utf16 = (offset: number): number => {
    if (!Number.isInteger(offset) || offset < 0 || offset > length) {
      throw new RangeError(`code-point offset ${offset} is outside 0..${length}`);
    }
    return units[offset];
  };
  return {
    length,
    utf16,
    slice(start, end) {
      if (end < start) throw new RangeError(`span [${start}, ${end}) ends before it starts`);
      return text.slice(utf16(start), utf16(end));
    },
  };
}
