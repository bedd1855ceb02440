import type { Analysis, Token } from '../nlp/wink-analysis';
import {
  ATTRIBUTION_VERBS,
  DESCRIPTIONS,
  GROUP_KINDS,
  GROUP_PRONOUNS,
  LEMMA_FIXES,
  PARTICLE_VERBS,
  PERSON_PRONOUNS,
  UNNAMED_SOURCES,
  type ProposedKind,
  type SpeakerClass,
} from './attribution-cues';
import type { FoundMention } from './find-mentions';
import type { FoundTimeExpression } from './time-expressions';

/** One sentence as attribution reads it. */
export interface AttributionInput {
  analysis: Analysis;
  mentions: readonly FoundMention[];
  times: readonly FoundTimeExpression[];
  /** Headlines, datelines, bylines and footnotes give no claims. */
  isBody: boolean;
}

export interface FoundAttribution {
  sentenceIndex: number;
  /** The reported content: UTF-16 offsets into the sentence. */
  start: number;
  end: number;
  claimantId: string | null;
  /** Who speaks, as the text names them ("Al-Khazali", "a security source", "he"). */
  speakerText: string;
  kind: ProposedKind;
  confidence: number;
  subjectIds: string[];
  /** The time expression of the attribution itself (not of the content), for statedOn. */
  time: FoundTimeExpression | null;
  cue: string;
}

interface Speaker {
  actorId: string | null;
  cls: SpeakerClass;
  text: string;
  confidence: number;
}

/** An article's speakers so far: pronouns and descriptions resolve to the latest compatible one. */
class Discourse {
  private readonly speakers: Speaker[] = [];
  private readonly named: Speaker[] = [];
  constructor(private readonly kindOf: (actorId: string) => string | undefined) {}

  classOf(mention: FoundMention): SpeakerClass {
    const kind = mention.actorId === null ? undefined : this.kindOf(mention.actorId);
    return kind !== undefined && GROUP_KINDS.has(kind) ? 'GROUP' : 'PERSON';
  }
  spoke(speaker: Speaker): void {
    this.speakers.push(speaker);
  }
  named_(speaker: Speaker): void {
    this.named.push(speaker);
  }
  latest(cls: SpeakerClass | null): Speaker | null {
    const fits = (s: Speaker) => cls === null || s.cls === cls;
    return lastWhere(this.speakers, fits) ?? lastWhere(this.named, fits) ?? null;
  }
}

const OPENING_QUOTES = /^["“«„]/u;

/** Reported speech and attribution over an article's sentences, in order. */
export function findAttributions(
  sentences: readonly AttributionInput[],
  kindOf: (actorId: string) => string | undefined,
): FoundAttribution[] {
  const discourse = new Discourse(kindOf);
  const found: FoundAttribution[] = [];
  const perSentence: FoundAttribution[][] = sentences.map(() => []);
  sentences.forEach((sentence, index) => {
    if (!sentence.isBody) return;
    perSentence[index] = attributionsOfSentence(sentence, index, discourse);
    for (const mention of sentence.mentions) {
      if (mention.actorId !== null)
        discourse.named_({ actorId: mention.actorId, cls: discourse.classOf(mention), text: '', confidence: 0.6 });
    }
  });
  // Quotes without a speaker of their own: named in the next sentence, or the previous quote's speaker going on.
  sentences.forEach((sentence, index) => {
    const text = sentence.analysis.text;
    if (!sentence.isBody || perSentence[index].length > 0 || !OPENING_QUOTES.test(text)) return;
    const quote = quoteSpan(text);
    if (quote === null) return;
    const next = perSentence[index + 1]?.find((claim) => claim.end - claim.start < 3);
    const previous = perSentence[index - 1]?.at(-1);
    const source = next ?? previous;
    if (source === undefined) return;
    perSentence[index].push({ ...source, sentenceIndex: index, ...quote, confidence: next !== undefined ? 0.7 : 0.6, time: null });
  });
  for (const claims of perSentence) found.push(...claims.filter((claim) => claim.end - claim.start >= 3));
  return found;
}

interface Cue {
  at: number;
  after: number;
  speaker: Speaker;
  /** Where the speaker's words are: after the verb, or before it ("“…,” he said"). */
  contentBefore: number | null;
  /** "According to him, …": the content follows the comma after the speaker. */
  contentFrom: number | null;
}

function attributionsOfSentence(sentence: AttributionInput, index: number, discourse: Discourse): FoundAttribution[] {
  const { tokens, text } = sentence.analysis;
  const cues = resolvedCues(sentence, discourse);
  const claims: FoundAttribution[] = [];
  cues.forEach((cue, n) => {
    const lemma = lemmaOf(tokens[cue.at]);
    const nextCue = cues[n + 1];
    const after = () =>
      trimSpan(
        text,
        tokens,
        cue.contentFrom ?? contentStartAfter(tokens, cue.after, lemma, sentence.times),
        nextCue !== undefined ? boundaryBefore(tokens, nextCue.at) : tokens.length,
      );
    const span = cue.contentBefore !== null ? trimSpan(text, tokens, 0, cue.contentBefore) : after();
    const { speaker } = cue;
    if (span === null) {
      // A speaker with nothing reported here ("Al-Khazali said this on Friday."): the previous quote may be theirs.
      claims.push({
        sentenceIndex: index,
        start: 0,
        end: 0,
        claimantId: speaker.actorId,
        speakerText: speaker.text,
        kind: 'STATEMENT',
        confidence: 0,
        subjectIds: [],
        time: null,
        cue: tokens[cue.at].text,
      });
      return;
    }
    discourse.spoke(speaker);
    const verbKind = ATTRIBUTION_VERBS.get(lemma) ?? 'STATEMENT';
    const kind: ProposedKind = speaker.cls === 'UNNAMED' && verbKind === 'STATEMENT' ? 'REPORT' : verbKind;
    const subjectIds = [
      ...new Set(
        sentence.mentions
          .filter((m) => m.actorId !== null && m.actorId !== speaker.actorId && m.start >= span.start && m.end <= span.end)
          .map((m) => m.actorId as string),
      ),
    ];
    const time = sentence.times.find((t) => (t.end <= span.start || t.start >= span.end) && t.date !== null) ?? null;
    claims.push({
      sentenceIndex: index,
      ...span,
      claimantId: speaker.actorId,
      speakerText: speaker.text,
      kind,
      confidence: speaker.confidence,
      subjectIds,
      time,
      cue: tokens[cue.at].text,
    });
  });
  return claims;
}

const CLOSING = /^[,”"»]$/u;

/** The sentence's attribution verbs that have a speaker, with where their content lies. */
function resolvedCues(sentence: AttributionInput, discourse: Discourse): Cue[] {
  const { tokens, text } = sentence.analysis;
  const cues: Cue[] = [];
  for (const { at, after } of cueIndexes(tokens)) {
    const before = speakerBefore(sentence, at, discourse);
    if (before === 'COORDINATED') {
      const previous = cues.at(-1);
      if (previous !== undefined) cues.push({ at, after, speaker: previous.speaker, contentBefore: null, contentFrom: null });
      continue;
    }
    if (before !== null) {
      // "“We will stay,” the group said." – the speaker sits right after the content.
      const speakerStart = tokens.findIndex((token) => token.start >= before.start);
      const closesContent = speakerStart > 0 && CLOSING.test(tokens[speakerStart - 1].text) && after >= tokens.length - 2;
      cues.push({ at, after, speaker: before.speaker, contentBefore: closesContent ? speakerStart - 1 : null, contentFrom: null });
      continue;
    }
    const later = speakerAfter(sentence, after, discourse);
    if (later === null) continue;
    if (tokens[at].lower === 'according') {
      const comma = tokens.findIndex((token, k) => k > after && token.text === ',');
      if (at === 0 || comma !== -1)
        cues.push({
          at,
          after,
          speaker: later,
          contentBefore: at > 0 ? at : null,
          contentFrom: at === 0 && comma !== -1 ? comma + 1 : null,
        });
      else cues.push({ at, after, speaker: later, contentBefore: at, contentFrom: null });
      continue;
    }
    // "…, said the spokesman." / "“…,” he said." – only right after the content's comma or quote.
    if (at > 0 && CLOSING.test(tokens[at - 1].text) && !/\bwhat\s*$/iu.test(text.slice(0, tokens[at].start))) {
      cues.push({ at, after, speaker: later, contentBefore: at - 1, contentFrom: null });
    }
  }
  return cues;
}

function lemmaOf(token: Token): string {
  return LEMMA_FIXES[token.lower] ?? token.lemma;
}

/** Attribution verbs of a sentence: `at` the verb, `after` the first token after it (and its particle). */
function cueIndexes(tokens: readonly Token[]): Array<{ at: number; after: number }> {
  const cues: Array<{ at: number; after: number }> = [];
  tokens.forEach((token, i) => {
    const lemma = lemmaOf(token);
    if (token.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      cues.push({ at: i, after: i + 2 });
      return;
    }
    const particles = PARTICLE_VERBS.get(lemma);
    const isVerb = token.pos === 'VERB' || LEMMA_FIXES[token.lower] !== undefined;
    // "Said" capitalised inside a sentence is a name.
    if (!isVerb || (i > 0 && /^\p{Lu}/u.test(token.text))) return;
    if (particles !== undefined) {
      if (particles.has(tokens[i + 1]?.lower ?? '')) cues.push({ at: i, after: i + 2 });
      return;
    }
    if (!ATTRIBUTION_VERBS.has(lemma)) return;
    const before = tokens[i - 1];
    // "the said suspects"; passives ("it was reported that", "was accused of"); participles used as adjectives.
    if (before !== undefined && (before.pos === 'DET' || (before.pos === 'AUX' && before.lemma === 'be'))) return;
    if (before !== undefined && before.pos === 'ADV' && tokens[i - 2]?.pos === 'AUX' && tokens[i - 2]?.lemma === 'be') return;
    cues.push({ at: i, after: i + 1 });
  });
  return cues;
}

const SKIPPABLE_BEFORE = new Set([
  'later',
  'also',
  'again',
  'repeatedly',
  'then',
  'further',
  'previously',
  'once',
  'reportedly',
  'publicly',
  'separately',
]);

/** The speaker of a verb from the words before it, 'COORDINATED' for "… and said", or null. */
function speakerBefore(
  sentence: AttributionInput,
  cue: number,
  discourse: Discourse,
): { speaker: Speaker; start: number } | 'COORDINATED' | null {
  const { tokens, text } = sentence.analysis;
  if (tokens[cue].lower === 'according') return null;
  // A participle after a comma shares the clause's subject: "…, stressing the necessity".
  if (/ing$/u.test(tokens[cue].lower) && [',', 'while', 'and', 'before', 'after'].includes(tokens[cue - 1]?.lower ?? ''))
    return 'COORDINATED';
  if (tokens[cue - 1]?.lower === 'to') return null; // an infinitive: "to deny provocateurs the chance"

  let j = cue - 1;
  const inTime = (k: number) => sentence.times.some((t) => tokens[k].start >= t.start && tokens[k].end <= t.end);
  while (j >= 0 && (SKIPPABLE_BEFORE.has(tokens[j].lower) || inTime(j) || (tokens[j].pos === 'ADV' && tokens[j].lower !== 'not'))) j -= 1;
  if (j < 0) return null;
  if (['and', 'while', 'but', 'before', 'after'].includes(tokens[j].lower)) return 'COORDINATED';
  if (tokens[j].text === ',') {
    // An apposition: "Qais Al-Khazali, secretary-general of …, warned".
    const open = lastIndexWhere(tokens.slice(0, j), (token) => token.text === ',');
    if (open <= 0) return tokens[j - 1]?.lower === 'and' ? 'COORDINATED' : null;
    j = open - 1;
  }
  const found = speakerAt(sentence, j, discourse, 'END');
  if (found === null) return null;
  // "what he described as sedition": the outlet's words, not a claim of his.
  if (/\bwhat\s*$/iu.test(text.slice(0, found.start))) return null;
  return found;
}

function speakerAfter(sentence: AttributionInput, after: number, discourse: Discourse): Speaker | null {
  const { tokens } = sentence.analysis;
  let j = after;
  while (j < tokens.length && (tokens[j].pos === 'DET' || tokens[j].pos === 'ADJ')) j += 1;
  if (j >= tokens.length) return null;
  // The words of a speaker named after the verb end at the first punctuation or the sentence end.
  let end = j;
  while (end + 1 < tokens.length && tokens[end + 1].pos !== 'PUNCT') end += 1;
  return speakerAt(sentence, end, discourse, 'END')?.speaker ?? speakerAt(sentence, j, discourse, 'START')?.speaker ?? null;
}

/** A speaker whose words end (or start) at token j: a mention, a pronoun or a description. */
function speakerAt(
  sentence: AttributionInput,
  j: number,
  discourse: Discourse,
  edge: 'END' | 'START',
): { speaker: Speaker; start: number } | null {
  const { tokens, text } = sentence.analysis;
  const token = tokens[j];
  const mention = sentence.mentions.find((m) => (edge === 'END' ? m.end === token.end : m.start === token.start));
  if (mention !== undefined) {
    const cls = discourse.classOf(mention);
    const confidence = mention.actorId === null ? 0.55 : 0.9 * Math.max(mention.confidence, 0.8);
    return { speaker: { actorId: mention.actorId, cls, text: text.slice(mention.start, mention.end), confidence }, start: mention.start };
  }
  if (PERSON_PRONOUNS.has(token.lower) || GROUP_PRONOUNS.has(token.lower)) {
    if (token.lower === 'it' || token.lower === 'we') return null; // "it was reported", a quoted "we": not speakers
    const cls: SpeakerClass = PERSON_PRONOUNS.has(token.lower) ? 'PERSON' : 'GROUP';
    const latest = discourse.latest(cls) ?? latestMentionBefore(sentence, token.start, discourse, cls);
    return latest === null ? null : { speaker: { ...latest, text: token.text, confidence: 0.75 }, start: token.start };
  }
  // "secretary-general" is three wink tokens.
  const hyphenated = token.glued && tokens[j - 1]?.text === '-' && j >= 2;
  const head = hyphenated ? j - 2 : j;
  const noun = hyphenated ? `${tokens[j - 2].lower}-${token.lower}` : token.lower;
  const descriptionClass = DESCRIPTIONS.get(noun);
  const window = tokens.slice(Math.max(0, head - 3), head);
  const determinerAt = lastIndexWhere(window, (t) => t.pos === 'DET');
  const determiner = determinerAt === -1 ? undefined : window[determinerAt].lower;
  const first = determinerAt === -1 ? head : Math.max(0, head - 3) + determinerAt;
  const described = text.slice(tokens[first].start, token.end);
  if (UNNAMED_SOURCES.has(noun) || (descriptionClass === 'PERSON' && (determiner === 'a' || determiner === 'an'))) {
    return { speaker: { actorId: null, cls: 'UNNAMED', text: described, confidence: 0.8 }, start: tokens[first].start };
  }
  if (descriptionClass !== undefined && determiner === 'the') {
    const latest = noun === 'statement' ? discourse.latest(null) : discourse.latest(descriptionClass);
    return latest === null ? null : { speaker: { ...latest, text: described, confidence: 0.7 }, start: tokens[first].start };
  }
  return null;
}

/** Before anyone has spoken: the latest compatible actor named earlier in this sentence. */
function latestMentionBefore(sentence: AttributionInput, before: number, discourse: Discourse, cls: SpeakerClass): Speaker | null {
  const mention = lastWhere(sentence.mentions, (m) => m.end <= before && m.actorId !== null && discourse.classOf(m) === cls);
  return mention === undefined ? null : { actorId: mention.actorId, cls, text: '', confidence: 0.7 };
}

const CONTENT_OPENERS = new Set(['that', ':', 'of', 'on', 'for']);

function contentStartAfter(tokens: readonly Token[], after: number, lemma: string, times: readonly FoundTimeExpression[]): number {
  let j = after;
  const inTime = (k: number) => times.some((t) => tokens[k].start >= t.start && tokens[k].end <= t.end);
  if (lemma === 'tell') {
    const that = tokens.slice(after, after + 8).findIndex((token) => token.lower === 'that');
    if (that !== -1) j = after + that + 1;
  }
  while (j < tokens.length && (inTime(j) || tokens[j].lower === 'that' || tokens[j].text === ':' || tokens[j].text === ',')) j += 1;
  return j < tokens.length && CONTENT_OPENERS.has(tokens[j].lower) && tokens[j].lower === 'that' ? j + 1 : j;
}

/** Where the content of one verb ends before the next verb's coordination (", while declaring"). */
function boundaryBefore(tokens: readonly Token[], nextCue: number): number {
  let j = nextCue;
  while (j > 0 && (tokens[j - 1].pos === 'ADV' || ['and', 'while', ',', 'but', 'he', 'she', 'they'].includes(tokens[j - 1].lower))) j -= 1;
  return j;
}

/** The text of tokens [first, last) without edge punctuation, as sentence offsets; null if empty. */
function trimSpan(text: string, tokens: readonly Token[], first: number, last: number): { start: number; end: number } | null {
  if (first >= last || first >= tokens.length) return null;
  let start = tokens[first].start;
  let end = tokens[Math.min(last, tokens.length) - 1].end;
  let slice = text.slice(start, end);
  const leading = /^[\s,;:.–—-]+/u.exec(slice)?.[0].length ?? 0;
  start += leading;
  slice = text.slice(start, end);
  const trailing = /(?:[\s,;:.–—-]|\[\d{1,3}\])+$/u.exec(slice)?.[0].length ?? 0;
  end -= trailing;
  const words = text
    .slice(start, end)
    .split(/\s+/u)
    .filter((word) => /\p{L}/u.test(word));
  return words.length >= 2 ? { start, end } : null;
}

/** The first quotation of a sentence that opens with one: the text inside the marks. */
function quoteSpan(text: string): { start: number; end: number } | null {
  const close = text.slice(1).search(/["”»]/u);
  const end = close === -1 ? text.length : close + 1;
  const inner = text.slice(1, end).replace(/[\s,.;:]+$/u, '');
  return inner.split(/\s+/u).length >= 2 ? { start: 1, end: 1 + inner.length } : null;
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i])) return i;
  return -1;
}

function lastWhere<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  const i = lastIndexWhere(items, test);
  return i === -1 ? undefined : items[i];
}
