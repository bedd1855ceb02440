import fc from 'fast-check';
import { extractBody } from './extraction-fixtures';

/** Pieces of reports (names in several spellings and scripts, quotes, dates, emoji) that meet at random. */
const piece = fc.constantFrom(
  'Qais al-Khazali said',
  "Asa'ib Ahl Al-Haqq",
  'قيس الخزعلي',
  'عصائب أهل الحق',
  '“We will stay,” he said.',
  'The group denied it.',
  'a security source told reporters that',
  'Muqtada Al-Sadr accused',
  '(PSM)',
  'Patriotic Shiite Movement',
  'on Friday',
  'several years ago',
  'June 20',
  '🚀',
  '👩‍👩‍👧',
  'e\u0301',
  '.',
  ',',
  '"',
  '[1]',
  '\n',
  'according to him,',
  'Moqtada al-Sadr',
);

describe('every proposed span', () => {
  it('slices its sentence exactly, in code points', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const { body, sentences, extraction } = extractBody(pieces.join(' '), new Date('2026-01-03T00:00:00Z'));
        const codePoints = Array.from(body);
        const slice = (start: number, end: number) => codePoints.slice(start, end).join('');
        const inside = (index: number, start: number, end: number) =>
          sentences[index].start <= start && start < end && end <= sentences[index].end;
        for (const mention of extraction.mentions) {
          expect(inside(mention.sentenceIndex, mention.start, mention.end)).toBe(true);
          expect(slice(mention.start, mention.end)).toBe(mention.text);
        }
        for (const claim of extraction.claims) {
          expect(inside(claim.sentenceIndex, claim.start, claim.end)).toBe(true);
          expect(slice(claim.start, claim.end)).toBe(claim.exact);
          expect(claim.confidence).toBeGreaterThan(0);
          expect(claim.confidence).toBeLessThanOrEqual(1);
        }
        extraction.timeExpressions.forEach((times, index) => {
          for (const time of times) {
            expect(inside(index, time.start, time.end)).toBe(true);
            expect(slice(time.start, time.end)).toBe(time.text);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
