import fc from 'fast-check';
import { segmentSentences } from '../../src/nlp/segment-sentences';
import { foldForSearch, resolveEvidence, ResolvableText, SelectorError } from '../../src/provenance/selectors';
import { normalizeBody } from '../../src/provenance/text';

function prepare(body: string): ResolvableText {
  return new ResolvableText(
    body,
    segmentSentences(body).map((sentence, index) => ({ id: String(index + 1), start: sentence.start, end: sentence.end })),
  );
}

const BODY = 'Qais al-Khazali said the court’s ruling was “final.” The court met on Friday. 🚀 The court adjourned at 5 p.m.';
const text = prepare(BODY);

describe('resolveEvidence', () => {
  it('fills in the quote for a position, with 32 code points of context', () => {
    const resolved = resolveEvidence(text, { start: 53, end: 62 });
    expect(resolved).toMatchObject({ sentenceId: '2', start: 53, end: 62, exact: 'The court' });
    expect(resolved.prefix).toBe(Array.from(BODY).slice(21, 53).join(''));
    expect(resolved.suffix).toBe(' met on Friday. 🚀 The court adjo');
  });

  it('fills in the position for a quote, tolerating straight quotes and extra whitespace', () => {
    expect(resolveEvidence(text, { exact: "the court's  ruling" })).toMatchObject({ start: 21, end: 39, exact: 'the court’s ruling' });
    expect(resolveEvidence(text, { exact: '"final."' })).toMatchObject({ exact: '“final.”' });
  });

  it('counts code points: a quote after an emoji starts one past its UTF-16 index', () => {
    const resolved = resolveEvidence(text, { exact: 'adjourned' });
    expect(Array.from(BODY).slice(resolved.start, resolved.end).join('')).toBe('adjourned');
    expect(resolved.start).toBe(BODY.indexOf('adjourned') - 1);
  });

  it('disambiguates a repeated quote by sentence, prefix or suffix', () => {
    expect(() => resolveEvidence(text, { exact: 'The court' })).toThrow(/occurs 2 times/);
    expect(resolveEvidence(text, { exact: 'The court', sentenceId: '3' }).sentenceId).toBe('3');
    expect(resolveEvidence(text, { exact: 'The court', suffix: ' adjourned' }).sentenceId).toBe('3');
    expect(resolveEvidence(text, { exact: 'The court', prefix: '“final.” ' }).sentenceId).toBe('2');
  });

  it.each([
    [{}, /position .* or a quote/],
    [{ start: 3 }, /needs both start and end/],
    [{ start: -1, end: 4 }, /out of range/],
    [{ start: 5, end: 5 }, /out of range/],
    [{ start: 0, end: 10_000 }, /out of range/],
    [{ start: 40, end: 60 }, /crosses a sentence boundary/],
    [{ start: 52, end: 55 }, /starts between sentences/],
    [{ exact: 'the parliament' }, /is not in the article/],
    [{ exact: '   ' }, /empty/],
    [{ exact: 'Friday', sentenceId: '1' }, /is not in the sentence/],
    [{ start: 0, end: 4, exact: 'Adam' }, /does not match/],
    [{ start: 0, end: 4, sentenceId: '2' }, /not inside the given sentence/],
    [{ exact: 'Friday', sentenceId: '99' }, /not part of this article/],
  ])('refuses %j', (selector, message) => {
    expect(() => resolveEvidence(text, selector)).toThrow(SelectorError);
    expect(() => resolveEvidence(text, selector)).toThrow(message);
  });
});

const piece = fc.oneof(
  fc.constantFrom('court', 'said', '“x”', '’', 'عصائب', '🚀', '👩‍👩‍👧', 'e\u0301', 'Dr.', '.', '!', '3.5', 'the'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }),
);
const space = fc.constantFrom(' ', '  ', '\n', '. ', '\u00a0', '\t');
const randomBody = fc
  .array(fc.tuple(piece, space), { minLength: 1, maxLength: 30 })
  .map((parts) => normalizeBody(parts.map(([p, s]) => p + s).join('')))
  .filter((body) => body.trim() !== '' && body.isWellFormed() && !body.includes('\u0000'));

describe('selectors, for any text', () => {
  it('round-trip position → quote → position, unless the quote with its context occurs more than once', () => {
    fc.assert(
      fc.property(randomBody, fc.nat(), fc.nat(), fc.nat(), (body, pickSentence, pickStart, pickLength) => {
        const prepared = prepare(body);
        fc.pre(prepared.sentences.length > 0);
        const sentence = prepared.sentences[pickSentence % prepared.sentences.length];
        const length = sentence.end - sentence.start;
        const start = sentence.start + (pickStart % length);
        const end = start + 1 + (pickLength % (sentence.end - start));
        const exactRaw = prepared.slice(start, end);
        fc.pre(exactRaw.trim() === exactRaw);

        const byPosition = resolveEvidence(prepared, { start, end });
        expect(byPosition).toMatchObject({ start, end, exact: exactRaw, sentenceId: sentence.id });
        const quote = { exact: byPosition.exact, prefix: byPosition.prefix, suffix: byPosition.suffix };
        try {
          const byQuote = resolveEvidence(prepared, quote);
          expect([byQuote.start, byQuote.end]).toEqual([start, end]);
        } catch (error) {
          // Only a text that repeats the quote with the same 32 code points around it may be ambiguous.
          expect(String(error)).toMatch(/occurs \d+ times/);
          expect(foldForSearch(body).folded.split(foldForSearch(quote.exact).folded).length).toBeGreaterThan(2);
        }
      }),
      { numRuns: 400 },
    );
  });
});
