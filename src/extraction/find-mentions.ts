import { distance } from 'fastest-levenshtein';
import type { Analysis } from '../nlp/wink-analysis';
import type { Gazetteer } from './gazetteer';
import { foldWords, nameWords, type NameWord } from './name-words';

/** How a mention was found; its confidence follows from it. */
export type MentionBasis = 'NAME' | 'ALIAS' | 'SHORT_FORM' | 'ACRONYM' | 'NEAR_SPELLING' | 'UNLINKED';

export interface FoundMention {
  /** UTF-16 offsets into the sentence. */
  start: number;
  end: number;
  actorId: string | null;
  confidence: number;
  basis: MentionBasis;
}

const CONFIDENCE: Record<Exclude<MentionBasis, 'NEAR_SPELLING'>, number> = {
  NAME: 0.95,
  ALIAS: 0.9,
  ACRONYM: 0.85,
  SHORT_FORM: 0.8,
  UNLINKED: 0.4,
};
/** Near-spellings link when at least this similar (1 - edit distance / length). */
const NEAR_SIMILARITY = 0.8;

/** Capitalised words that start a sentence or a name run without being names. */
const NOT_NAMES = new Set(
  (
    'the a an in on at of for and but or as by to from with this that these those his her its their our it he she they we ' +
    'earlier later meanwhile thus however while after before during since when if according central iraqi local senior ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december mr mrs ms dr sheikh'
  ).split(' '),
);
/** Titles end a name run: "Council Chairman Mustafa Daeer" names Mustafa Daeer. */
const TITLES = new Set(
  (
    'chairman chairwoman leader minister president governor commander spokesman spokeswoman spokesperson chief head ' +
    'secretary general secretary-general ayatollah sayyid sheikh cleric prime deputy mp judge colonel col lt brigadier ' +
    'major captain officer supreme militia envoy ambassador'
  ).split(' '),
);
/** Single words that are adjectives of nations and creeds, not names ("Iranian", "Shi'ite", "Iran-backed"). */
const ADJECTIVE_LIKE = /(?:ian|ic|ite|ist|-backed|-led|-based|-linked|-aligned)$/iu;

/** Lower-case words that may sit inside a name ("Asaib Ahl al-Haq", "Saraya al-Salam", "Islamic Resistance of Iraq"). */
const NAME_CONNECTORS = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'of', 'ahl', 'al-', 'el-']);

/**
 * Mentions of one article, sentence by sentence in order: names and aliases from the gazetteer;
 * later short forms (surname, last name word, a declared acronym) of actors named in full before;
 * near-spellings with lower confidence; and capitalised names that match no actor, unlinked.
 */
export function findMentions(
  gazetteer: Gazetteer,
  sentences: readonly Analysis[],
  /** Whether a sentence's unmatched capitalised names count (not in title-case headlines). */
  keepUnlinked: (index: number) => boolean = () => true,
): FoundMention[][] {
  const shortForms = new Map<string, string>();
  return sentences.map((analysis, i) => mentionsOfSentence(gazetteer, analysis, shortForms, keepUnlinked(i)));
}

function mentionsOfSentence(
  gazetteer: Gazetteer,
  analysis: Analysis,
  shortForms: Map<string, string>,
  keepUnlinked: boolean,
): FoundMention[] {
  const words = nameWords(analysis.text, analysis.tokens);
  const taken = new Array<boolean>(words.length).fill(false);
  const found: FoundMention[] = [];
  const claim = (first: number, last: number, actorId: string | null, basis: MentionBasis, confidence = 0) => {
    for (let i = first; i <= last; i += 1) taken[i] = true;
    found.push({
      start: words[first].start,
      end: words[last].end,
      actorId,
      basis,
      confidence: basis === 'NEAR_SPELLING' ? confidence : CONFIDENCE[basis],
    });
  };

  // 1. Full names and aliases: the longest match wins where matches overlap.
  const { folded, wordAt } = foldWords(words);
  const matches = gazetteer
    .matchAll(folded)
    .map((match) => ({ ...match, first: wordAt[match.begin], last: wordAt[match.end - 1] }))
    .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  for (const match of matches) {
    if (taken.slice(match.first, match.last + 1).some(Boolean)) continue;
    const name = match.names.find((candidate) => !candidate.isAlias) ?? match.names[0];
    // A name that several actors share goes to one already named in the article, else stays ambiguous-low.
    const known = match.names.find((candidate) => [...shortForms.values()].includes(candidate.actorId));
    const chosen = known ?? name;
    claim(match.first, match.last, chosen.actorId, chosen.isAlias ? 'ALIAS' : 'NAME');
    if (match.names.length > 1 && known === undefined) found[found.length - 1].confidence = 0.5;
    learnShortForms(gazetteer, words, match.first, match.last, chosen.actorId, shortForms);
  }
  // 2. Declared acronyms "(PSM)" right after a name, and short forms of actors named before.
  words.forEach((word, i) => {
    if (taken[i] || word.key === '' || !word.capitalised) return;
    const previous = found.find((mention) => mention.end <= word.start && analysis.text.slice(mention.end, word.start).trim() === '(');
    if (previous?.actorId != null && /^\p{Lu}{2,6}$/u.test(word.text) && analysis.text.slice(word.end).trimStart().startsWith(')')) {
      shortForms.set(word.key, previous.actorId);
      claim(i, i, previous.actorId, 'ACRONYM');
      return;
    }
    const actorId = shortForms.get(word.key);
    if (actorId !== undefined && !NOT_NAMES.has(word.key)) claim(i, i, actorId, 'SHORT_FORM');
  });
  // 3. Capitalised runs left over: a near-spelling of a known name, else an unlinked name.
  for (const [first, last] of nameRuns(analysis.text, words, taken)) {
    const near = nearestName(gazetteer, words, first, last);
    if (near !== null) {
      claim(first, last, near.actorId, 'NEAR_SPELLING', near.confidence);
      learnShortForms(gazetteer, words, first, last, near.actorId, shortForms);
    } else if (
      keepUnlinked &&
      words.slice(first, last + 1).some((word) => word.proper) &&
      !(first === last && ADJECTIVE_LIKE.test(words[first].text))
    ) {
      claim(first, last, null, 'UNLINKED');
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A person's surname (last name word) and any actor's last word of three or more names resolve later. */
function learnShortForms(
  gazetteer: Gazetteer,
  words: readonly NameWord[],
  first: number,
  last: number,
  actorId: string,
  shortForms: Map<string, string>,
): void {
  const keyed = words.slice(first, last + 1).filter((word) => word.key !== '');
  if (keyed.length < 2) return;
  const kind = gazetteer.actors.get(actorId)?.kind;
  const surname = keyed[keyed.length - 1].key;
  if (kind === 'PERSON' && surname.length >= 3 && !NOT_NAMES.has(surname)) shortForms.set(surname, actorId);
  // The actor is now known in this article, whatever its kind (for ambiguous full names later on).
  shortForms.set(`\u0000${actorId}`, actorId);
}

/** Maximal runs of untaken capitalised words (with name connectors inside), leading non-names dropped. */
function nameRuns(text: string, words: readonly NameWord[], taken: readonly boolean[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const isNameWord = (j: number) =>
    !taken[j] && words[j].key !== '' && words[j].capitalised && !NOT_NAMES.has(words[j].key) && !TITLES.has(words[j].text.toLowerCase());
  let i = 0;
  while (i < words.length) {
    if (!isNameWord(i)) {
      i += 1;
      continue;
    }
    let last = i;
    for (let j = i + 1; j < words.length && !taken[j]; j += 1) {
      // Punctuation between words ends a name: "Amarah, Maysan" is two places.
      if (text.slice(words[j - 1].end, words[j].start).trim() !== '') break;
      if (isNameWord(j)) last = j;
      else if (!NAME_CONNECTORS.has(words[j].text.toLowerCase()) && words[j].key !== '') break;
    }
    runs.push([i, last]);
    i = last + 1;
  }
  return runs;
}

function nearestName(
  gazetteer: Gazetteer,
  words: readonly NameWord[],
  first: number,
  last: number,
): { actorId: string; confidence: number } | null {
  const key = words
    .slice(first, last + 1)
    .map((word) => word.key)
    .filter((part) => part !== '')
    .join(' ');
  if (key.length < 5) return null;
  let best: { key: string; similarity: number } | null = null;
  for (const candidate of gazetteer.candidatesNear(key)) {
    const similarity = 1 - distance(key, candidate) / Math.max(key.length, candidate.length);
    if (similarity >= NEAR_SIMILARITY && (best === null || similarity > best.similarity)) best = { key: candidate, similarity };
  }
  if (best === null) return null;
  const [name] = gazetteer.namesOf(best.key);
  // 0.5 at the threshold, 0.75 one step from exact.
  return { actorId: name.actorId, confidence: Math.round((0.5 + (best.similarity - NEAR_SIMILARITY) * 1.25) * 100) / 100 };
}
