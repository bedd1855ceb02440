import fc from 'fast-check';
import { segmentSentences } from '../../src/nlp/segment-sentences';
import { sentenceTilingViolation } from '../../src/provenance/sentence-tiling';
import { normalizeBody } from '../../src/provenance/text';

const texts = (body: string) => segmentSentences(body).map((sentence) => sentence.text);

describe('segmentSentences', () => {
  it.each([
    [
      'titles and ranks',
      'Lt. Col. Karim J. Abboud spoke first. Dr. Ali spoke next.',
      ['Lt. Col. Karim J. Abboud spoke first.', 'Dr. Ali spoke next.'],
    ],
    ['country abbreviations', 'The U.S. envoy arrived. He left soon.', ['The U.S. envoy arrived.', 'He left soon.']],
    [
      'decimals and times',
      'The cordon spans 3.5 km. It ends at 5 p.m. on Friday.',
      ['The cordon spans 3.5 km.', 'It ends at 5 p.m. on Friday.'],
    ],
    ['a quotation ending in ."', 'He said: "We will stay." Then he left.', ['He said: "We will stay."', 'Then he left.']],
    [
      'a quotation of two sentences',
      'She said: “Wait here. Nobody moves.” They waited.',
      ['She said: “Wait here. Nobody moves.”', 'They waited.'],
    ],
    [
      'Arabic script and emoji',
      'قال المتحدث إن الهجوم وقع أمس. 🚀 The group denied it!',
      ['قال المتحدث إن الهجوم وقع أمس.', '🚀 The group denied it!'],
    ],
    [
      'a footnote marker after a full stop',
      'He denounced threats against senior clerics.[1] The statement ended there.',
      ['He denounced threats against senior clerics.[1]', 'The statement ended there.'],
    ],
    [
      'several footnote markers',
      'The court issued warrants. [2][3] Nobody was arrested.',
      ['The court issued warrants. [2][3]', 'Nobody was arrested.'],
    ],
    [
      'line breaks',
      'A headline\nThe first paragraph. Its second sentence.',
      ['A headline', 'The first paragraph.', 'Its second sentence.'],
    ],
  ])('keeps %s whole', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('counts offsets in code points, not UTF-16 units', () => {
    const [first, second] = segmentSentences('🚀🚀 Launch. Next one.');
    expect(first).toEqual({ start: 0, end: 10, text: '🚀🚀 Launch.' });
    expect(second.start).toBe(11);
  });

  it('returns nothing for whitespace only', () => {
    expect(segmentSentences(' \n\t\u00a0 ')).toEqual([]);
  });
});

/** Pieces of text from which random bodies are built: the hard cases meet each other. */
const piece = fc.oneof(
  fc.constantFrom(
    'Lt. Col.',
    'U.S.',
    'Dr.',
    '3.5 km',
    'p.m.',
    'J. R.',
    '"',
    '“',
    '”',
    '’',
    '.',
    '!',
    '?',
    '...',
    '."',
    'عصائب أهل الحق',
    'قالت.',
    '🚀',
    '👩‍👩‍👧',
    '🇮🇶',
    'e\u0301',
    'ﷺ',
    'Amarah',
    'said',
    '[1]',
    '—',
    '(',
    ')',
  ),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const space = fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\u2003', '\u3000', '', ' \r\n ');
const body = fc
  .array(fc.tuple(piece, space), { maxLength: 40 })
  .map((parts) => normalizeBody(parts.map(([p, s]) => p + s).join('')))
  .filter((text) => text.isWellFormed() && !text.includes('\u0000'));

describe('segmentSentences, for any text', () => {
  it('tiles the body: in order, no overlap, only whitespace left out, each text the code-point slice', () => {
    fc.assert(
      fc.property(body, (text) => {
        const sentences = segmentSentences(text);
        expect(sentenceTilingViolation(text, sentences)).toBeNull();
        const codePoints = Array.from(text);
        for (const sentence of sentences) {
          expect(codePoints.slice(sentence.start, sentence.end).join('')).toBe(sentence.text);
          expect(sentence.text).toBe(sentence.text.trim());
          expect(sentence.text).not.toContain('\n');
        }
      }),
      { numRuns: 500 },
    );
  });
});
