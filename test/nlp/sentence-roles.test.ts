import { segmentSentences } from '../../src/nlp/segment-sentences';
import { datelineDate, datelinePlace, readPageFurniture, SentenceRole } from '../../src/nlp/sentence-roles';

const rolesOf = (body: string) => {
  const sentences = segmentSentences(body);
  const { roles } = readPageFurniture(body, sentences);
  return sentences.map((sentence, i) => [roles[i], sentence.text]);
};

describe('sentence roles', () => {
  it('tells a dateline line with an outlet and a place from the story below it', () => {
    const body = ' date 2025-11-14 Tigris Wire– Basra\n\nThe governor said the port would reopen. It did.';
    expect(rolesOf(body)).toEqual([
      [SentenceRole.DATELINE, 'date 2025-11-14 Tigris Wire– Basra'],
      [SentenceRole.BODY, 'The governor said the port would reopen.'],
      [SentenceRole.BODY, 'It did.'],
    ]);
    expect(readPageFurniture(body, segmentSentences(body))).toMatchObject({ datelineDate: '2025-11-14', datelinePlace: 'Basra' });
  });

  it('reads a relative time stamp, a title-case headline and a byline', () => {
    const body = '3 hours ago\nCleric Warns Of Unrest In The South, Urges Calm\nBy Layla Hassan\nThe cleric spoke on Friday.';
    expect(rolesOf(body).map(([role]) => role)).toEqual([
      SentenceRole.DATELINE,
      SentenceRole.HEADLINE,
      SentenceRole.BYLINE,
      SentenceRole.BODY,
    ]);
  });

  it('keeps a first paragraph that is an ordinary sentence as body text', () => {
    expect(rolesOf('The militia denied the report on Sunday.\nIt gave no details.').map(([role]) => role)).toEqual([
      SentenceRole.BODY,
      SentenceRole.BODY,
    ]);
  });

  it('marks reference lines at the foot as footnotes', () => {
    const body = 'The envoy left Baghdad.\nHe was recalled.\n[1] Statement of 20 June, on the group’s channel.';
    expect(rolesOf(body).at(-1)?.[0]).toBe(SentenceRole.FOOTNOTE);
  });

  it.each([
    ['date 2026-01-03 Shafaq News– Maysan', '2026-01-03', 'Maysan'],
    ['June 20, 2025 — Baghdad', '2025-06-20', 'Baghdad'],
    ['4 March 2024', '2024-03-04', null],
    ['date 2026-02-30 nowhere', null, null],
  ])('reads the date and place of %j', (text, date, place) => {
    expect(datelineDate(text)).toBe(date);
    expect(datelinePlace(text)).toBe(place);
  });
});
