import type { Analysis } from '../nlp/wink-analysis';

/** As events' DatePrecision (the same values). */
export type Precision = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR' | 'UNKNOWN';

export interface FoundTimeExpression {
  /** UTF-16 offsets into the sentence. */
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD, or null when it cannot be placed (vague, or no publication date to count from). */
  date: string | null;
  precision: Precision;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const LEADING = new Set(['on', 'late', 'early', 'last', 'this', 'since', 'until']);
const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night', 'noon', 'midnight']);
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7 };
const UNIT_PRECISION: Record<string, Precision> = { hour: 'DAY', day: 'DAY', week: 'WEEK', month: 'MONTH', year: 'YEAR' };
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/**
 * Time expressions of one sentence: wink-nlp's DATE and TIME entities, widened to the words
 * that carry their meaning ("late on Friday", "Thursday morning"), and resolved against the
 * article's publication day. A weekday is the latest such day on or before publication.
 */
export function findTimeExpressions(analysis: Analysis, publishedOn: string | null): FoundTimeExpression[] {
  const { tokens, text } = analysis;
  const ranges: Array<[number, number]> = [];
  for (const entity of analysis.entities) {
    if (entity.type !== 'DATE' && entity.type !== 'TIME') continue;
    let first = entity.first;
    let last = entity.last;
    const previous = ranges.at(-1);
    // "Thursday" + "morning" are two wink entities, one expression.
    if (previous !== undefined && previous[1] === first - 1) {
      previous[1] = last;
      continue;
    }
    while (first > 0 && LEADING.has(tokens[first - 1].lower)) first -= 1;
    while (last + 1 < tokens.length && PARTS_OF_DAY.has(tokens[last + 1].lower)) last += 1;
    ranges.push([first, last]);
  }
  return ranges
    .map(([first, last]) => {
      const start = tokens[first].start;
      const end = tokens[last].end;
      const words = tokens.slice(first, last + 1).map((token) => token.lower);
      return { start, end, text: text.slice(start, end), ...resolve(words, publishedOn) };
    })
    .filter(
      (expression) =>
        !(expression.precision === 'UNKNOWN' && /^(?:on |in )?(?:morning|night|evening|afternoon|overnight)$/iu.test(expression.text)),
    );
}

function resolve(words: string[], publishedOn: string | null): { date: string | null; precision: Precision } {
  const unknown = { date: null, precision: 'UNKNOWN' as Precision };
  const joined = words.join(' ');
  const iso = /(\d{4})-(\d{2})-(\d{2})/u.exec(joined);
  if (iso !== null) return { date: iso[0], precision: 'DAY' };
  const monthIndex = words.findIndex((word) => MONTHS.includes(word));
  const year = words.map(Number).find((n) => Number.isInteger(n) && n >= 1000 && n <= 9999);
  if (monthIndex !== -1) {
    const month = MONTHS.indexOf(words[monthIndex]) + 1;
    const day = [words[monthIndex + 1], words[monthIndex - 1]].map(Number).find((n) => Number.isInteger(n) && n >= 1 && n <= 31);
    const pub = publishedOn === null ? null : parseDay(publishedOn);
    const inferredYear =
      year ??
      (pub === null
        ? null
        : pub.getUTCMonth() + 1 > month || (pub.getUTCMonth() + 1 === month && (day ?? 1) <= pub.getUTCDate())
          ? pub.getUTCFullYear()
          : pub.getUTCFullYear() - 1);
    if (inferredYear === null) return unknown;
    return day !== undefined
      ? { date: ymd(inferredYear, month, day), precision: 'DAY' }
      : { date: ymd(inferredYear, month, 1), precision: 'MONTH' };
  }
  if (year !== undefined && words.length <= 2) return { date: ymd(year, 1, 1), precision: 'YEAR' };
  if (publishedOn === null) return unknown;
  const pub = parseDay(publishedOn);
  const weekday = words.find((word) => WEEKDAYS.includes(word));
  if (weekday !== undefined) {
    const back = (pub.getUTCDay() - WEEKDAYS.indexOf(weekday) + 7) % 7;
    return { date: shift(pub, -back), precision: 'DAY' };
  }
  if (words.includes('today') || words.includes('tonight')) return { date: publishedOn, precision: 'DAY' };
  if (words.includes('yesterday')) return { date: shift(pub, -1), precision: 'DAY' };
  const unitWord = words.map((word) => word.replace(/s$/u, '')).find((word) => word in UNIT_PRECISION);
  if (unitWord === undefined) return unknown;
  if (words.includes('last') || words.includes('past') || words.includes('previous')) return ago(pub, 1, unitWord);
  if (words.includes('this')) return ago(pub, 0, unitWord);
  if (words.at(-1) === 'ago') {
    const count = words.map((word) => (/^\d+$/u.test(word) ? Number(word) : NUMBER_WORDS[word])).find((n) => n !== undefined);
    // "several years ago", "a few weeks ago": vague on purpose.
    if (count === undefined || words.includes('few') || words.includes('several')) return unknown;
    return ago(pub, count, unitWord);
  }
  return unknown;
}

function ago(pub: Date, count: number, unit: string): { date: string; precision: Precision } {
  const precision = UNIT_PRECISION[unit];
  if (unit === 'hour') return { date: ymd(pub.getUTCFullYear(), pub.getUTCMonth() + 1, pub.getUTCDate()), precision };
  if (unit in UNIT_DAYS) return { date: shift(pub, -count * UNIT_DAYS[unit]), precision };
  if (unit === 'month') {
    const d = new Date(Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth() - count, 1));
    return { date: ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, 1), precision };
  }
  return { date: ymd(pub.getUTCFullYear() - count, 1, 1), precision };
}

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function shift(day: Date, days: number): string {
  const d = new Date(day.getTime() + days * 86_400_000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
