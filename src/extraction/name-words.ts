import { normalizeNameForSearch } from '../nlp/normalize-name';
import type { Token } from '../nlp/wink-analysis';

/**
 * Words as names are written: wink-nlp splits "Al-Khazali" into "Al", "-", "Khazali" and
 * "Haq’s" into "Haq", "’s"; a name word joins tokens glued by a hyphen or an apostrophe and
 * leaves a possessive out. `key` is the word under actor search's normalisation.
 */
export interface NameWord {
  /** UTF-16 offsets into the sentence. */
  start: number;
  end: number;
  text: string;
  key: string;
  capitalised: boolean;
  /** wink-nlp tagged one of its tokens as a proper noun. */
  proper: boolean;
  firstToken: number;
  lastToken: number;
}

const JOINER = /^[-‐‑'’ʿʾ`]$/u;
const POSSESSIVE = /^['’]s$/iu;
const ARTICLE_ONLY = /^(?:al|el)$/iu;

export function nameWords(text: string, tokens: readonly Token[]): NameWord[] {
  const groups: number[][] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const current = groups.at(-1);
    const joins =
      current !== undefined &&
      token.glued &&
      (JOINER.test(token.text) || JOINER.test(previous.text) || (/^['’]/u.test(token.text) && !POSSESSIVE.test(token.text)));
    if (joins) current.push(i);
    else groups.push([i]);
  });
  return groups
    .map((group) => {
      // A word does not end in a joiner ("Al-" before a line end) nor keep a possessive.
      while (
        group.length > 1 &&
        (JOINER.test(tokens[group[group.length - 1]].text) || POSSESSIVE.test(tokens[group[group.length - 1]].text))
      ) {
        group.pop();
      }
      const first = tokens[group[0]];
      const last = tokens[group[group.length - 1]];
      const wordText = text.slice(first.start, last.end);
      return {
        start: first.start,
        end: last.end,
        text: wordText,
        key: ARTICLE_ONLY.test(wordText) ? '' : normalizeNameForSearch(wordText),
        capitalised: /^\p{Lu}/u.test(wordText),
        proper: group.some((index) => tokens[index].pos === 'PROPN'),
        firstToken: group[0],
        lastToken: group[group.length - 1],
      };
    })
    .filter((word) => /[\p{L}\p{N}]/u.test(word.text));
}

/** The words' keys joined by single spaces, and for each character the word it belongs to. */
export function foldWords(words: readonly NameWord[]): { folded: string; wordAt: number[] } {
  let folded = '';
  const wordAt: number[] = [];
  words.forEach((word, index) => {
    if (word.key === '') return;
    if (folded !== '') {
      folded += ' ';
      wordAt.push(-1);
    }
    folded += word.key;
    for (let i = 0; i < word.key.length; i += 1) wordAt.push(index);
  });
  return { folded, wordAt };
}
