import { createHash } from 'node:crypto';

export { unstorableTextReason } from '../common/text-input';

/**
 * Text as Verbatim stores it. Offsets are Unicode code points (DESIGN.md), so a Python client's
 * `body[start:end]` and PostgreSQL's `substr()` agree with ours; JavaScript strings index UTF-16
 * units, so every conversion goes through the helpers below.
 */

/** NFC, `\n` line breaks, no byte-order mark. Call `unstorableTextReason` first. */
export function normalizeBody(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/**
 * Maps UTF-16 offsets of `text` to code-point offsets: `map[utf16Offset]`, defined for every
 * offset that is not inside a surrogate pair, including `text.length`.
 */
export function codePointOffsets(text: string): Int32Array {
  const map = new Int32Array(text.length + 1);
  let codePoint = 0;
  for (let unit = 0; unit < text.length; unit += 1) {
    map[unit] = codePoint;
    const code = text.charCodeAt(unit);
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length;
    if (isHighSurrogate) map[++unit] = codePoint;
    codePoint += 1;
  }
  map[text.length] = codePoint;
  return map;
}

/** `text[start:end]` in code points, as Python would slice it. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
