/**
 * The search key of an actor's name or alias: what `actors(filter: {search})` compares with
 * pg_trgm. Computed here, in one pure function, rather than with PostgreSQL's `unaccent()`:
 * unaccent is not IMMUTABLE (it cannot feed an index or a generated column) and its rules file
 * differs between PostgreSQL releases, while a key computed in TypeScript and stored in a column
 * gives the same results on every server. The same function normalises the search string.
 *
 * What it folds, so that spellings researchers meet in transliterated Arabic names agree:
 * - case and diacritics ("Ṣadr" = "sadr"); Arabic short vowels, hamza carriers, alef variants,
 *   tatweel, Persian kaf/yeh, Eastern Arabic digits;
 * - apostrophes and ʿayn/hamza signs ("Asa'ib" = "Asa’ib" = "Asaʿib" = "Asaib");
 * - hyphens and other punctuation (they become spaces);
 * - the Arabic article: "al"/"el" as a word or before a hyphen, its assimilated forms
 *   ("ad-", "as-", "ash-", "at-", "az-", "ar-", "an-", ...) before a hyphen, and "ال" glued to
 *   a word in Arabic script;
 * - doubled letters in words longer than three letters ("Haqq" = "Haq", "Khazaali" = "Khazali").
 * Vowel differences ("Moqtada"/"Muqtada") are left to trigram similarity.
 */
export function normalizeNameForSearch(name: string): string {
  let current = name;
  // Each pass only removes or folds; a few passes reach a fixed point, which makes the key idempotent.
  for (let pass = 0; pass < 5; pass += 1) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** Single-quote-like marks are deleted (they sit inside words: Asa'ib); other punctuation splits words. */
const APOSTROPHES = /['\u2018\u2019\u201A\u201B\u02BB\u02BC\u02BD\u02BE\u02BF\u02B9\u0060\u00B4\u2032\u2035]/gu;
const COMBINING_MARKS = /\p{M}/gu;
const TATWEEL = /\u0640/gu;
/** An article before a hyphen at the start of a word: al-, el-, and the sun-letter forms. */
const HYPHENATED_ARTICLE = /(?<![\p{L}\p{N}])(?:al|el|a[dnrstz]|adh|ash|ath|e[dnrstz]|edh|esh|eth)\p{Pd}+(?=[\p{L}\p{N}])/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const DOUBLED_LETTER = /(\p{L})\1+/gu;
const STANDALONE_ARTICLES: ReadonlySet<string> = new Set(['al', 'el']);
const ARABIC_ARTICLE = 'ال';

/** Letters that NFKD leaves alone but a reader treats as plain ones. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ٱ: 'ا', // alef wasla
  ى: 'ي', // alef maqsura
  ة: 'ه', // teh marbuta
  ی: 'ي', // Persian yeh
  ک: 'ك', // Persian kaf
  ء: '', // a bare hamza is dropped, as the hamza on a carrier is (it is a combining mark after NFKD)
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

function normalizeOnce(text: string): string {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .toLowerCase()
    .replace(COMBINING_MARKS, '')
    .replace(TATWEEL, '')
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/[\u0660-\u0669]/gu, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/gu, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(APOSTROPHES, '')
    .replace(HYPHENATED_ARTICLE, ' ');
  const words = folded
    .split(NON_WORD)
    .filter((word) => word !== '')
    // Short words are acronyms ("AAH", "PMF"), whose letters are not spelling variants.
    .map((word) => (word.length > 3 ? word.replace(DOUBLED_LETTER, '$1') : word))
    .map((word) => (word.startsWith(ARABIC_ARTICLE) && word.length > ARABIC_ARTICLE.length + 1 ? word.slice(ARABIC_ARTICLE.length) : word));
  const kept = words.filter((word) => !STANDALONE_ARTICLES.has(word));
  // A name that is nothing but an article ("Al") keeps it rather than becoming unsearchable.
  return (kept.length > 0 ? kept : words).join(' ');
}
