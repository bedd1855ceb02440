/**
 * What a sentence is in the page it was scraped from: the headline, the dateline ("date
 * 2026-01-03 Shafaq News– Maysan", "7 hours ago"), the byline, a footnote, or body text. Pure
 * functions over the segmented body; extraction reads only BODY and HEADLINE sentences for
 * claims, and a dateline's date and place are offered to the article when the input has none.
 */

export enum SentenceRole {
  HEADLINE = 'HEADLINE',
  DATELINE = 'DATELINE',
  BYLINE = 'BYLINE',
  FOOTNOTE = 'FOOTNOTE',
  BODY = 'BODY',
}

export interface RoleInput {
  text: string;
  /** Whether the sentence is a whole line of the body (headlines and datelines are lines). */
  wholeLine: boolean;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_INDEX: Record<string, number> = Object.fromEntries(MONTHS.split('|').map((name, i) => [name.toLowerCase(), i + 1]));
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/u;
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTHS})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'iu');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+(${MONTHS})\\s+(\\d{4})\\b`, 'iu');
const RELATIVE_STAMP = /^(?:updated\s+)?\d{1,3}\s+(?:minutes?|hours?|days?)\s+ago$/iu;
const BYLINE = /^(?:[Bb]y|[Ww]ritten by|[Rr]eporting by)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|&|al-|Al-))*$/u;
const FOOTNOTE_LINE = /^\[(?:\d{1,3}|[a-z])\]\s*\S/u;
/** A dash that ends the outlet and begins the place: "Shafaq News– Maysan", "(Reuters) — Baghdad". */
const DATELINE_PLACE = /[–—-]\s*(\p{Lu}[\p{L}'’ -]{1,60}?)\s*$/u;

/** The date a dateline carries (YYYY-MM-DD), or null. */
export function datelineDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy !== null) return validDate(Number(mdy[3]), MONTH_INDEX[mdy[1].toLowerCase()], Number(mdy[2]));
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy !== null) return validDate(Number(dmy[3]), MONTH_INDEX[dmy[2].toLowerCase()], Number(dmy[1]));
  return null;
}

/** The place a dateline names after its dash, or null. */
export function datelinePlace(text: string): string | null {
  const match = DATELINE_PLACE.exec(text);
  return match === null ? null : match[1].trim();
}

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Furniture sits above the story: only the first lines can be a headline or dateline. */
const HEAD_LINES = 3;

/** One role per sentence, in order. */
export function classifySentenceRoles(sentences: readonly RoleInput[]): SentenceRole[] {
  let headlineSeen = false;
  return sentences.map((sentence, index) => {
    const text = sentence.text.trim();
    if (FOOTNOTE_LINE.test(text) && sentence.wholeLine && index > 0) return SentenceRole.FOOTNOTE;
    if (!sentence.wholeLine || index >= HEAD_LINES + 1) return SentenceRole.BODY;
    if (isDateline(text)) return SentenceRole.DATELINE;
    if (BYLINE.test(text) && text.length <= 80) return SentenceRole.BYLINE;
    if (!headlineSeen && isHeadline(text)) {
      headlineSeen = true;
      return SentenceRole.HEADLINE;
    }
    return SentenceRole.BODY;
  });
}

function isDateline(text: string): boolean {
  if (text.length > 100 || /[.!?]["”]?$/u.test(text)) return false;
  if (RELATIVE_STAMP.test(text)) return true;
  // A date with a few words around it (outlet, place), not a sentence that mentions a date.
  return datelineDate(text) !== null && text.split(/\s+/u).length <= 10;
}

/** A line with no closing full stop, of a few words, most of them capitalised. */
function isHeadline(text: string): boolean {
  if (text.length > 250 || /[.]["”]?$/u.test(text)) return false;
  const words = text.split(/\s+/u).filter((word) => /\p{L}/u.test(word));
  if (words.length < 3) return false;
  const capitalised = words.filter((word) => /^["“'‘(]?\p{Lu}/u.test(word)).length;
  return capitalised / words.length >= 0.6;
}

export interface SegmentedSentence {
  start: number;
  end: number;
  text: string;
}

/** Roles of a segmented body's sentences, and what its dateline offers the article. */
export function readPageFurniture(
  body: string,
  sentences: readonly SegmentedSentence[],
): { roles: SentenceRole[]; datelineDate: string | null; datelinePlace: string | null } {
  const codePoints = Array.from(body);
  const lineBreakOrEdge = (at: number) => at < 0 || at >= codePoints.length || codePoints[at] === '\n';
  const roles = classifySentenceRoles(
    sentences.map((sentence) => {
      let before = sentence.start - 1;
      while (before >= 0 && codePoints[before] !== '\n' && /\s/u.test(codePoints[before])) before -= 1;
      let after = sentence.end;
      while (after < codePoints.length && codePoints[after] !== '\n' && /\s/u.test(codePoints[after])) after += 1;
      return { text: sentence.text, wholeLine: lineBreakOrEdge(before) && lineBreakOrEdge(after) };
    }),
  );
  const dateline = sentences.find((_, i) => roles[i] === SentenceRole.DATELINE && datelineDate(sentences[i].text) !== null);
  return {
    roles,
    datelineDate: dateline === undefined ? null : datelineDate(dateline.text),
    datelinePlace: dateline === undefined ? null : datelinePlace(dateline.text),
  };
}
