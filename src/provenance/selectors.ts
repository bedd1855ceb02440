import { codePointOffsets } from './text';

/**
 * Evidence selectors of the W3C Web Annotation model, resolved against an article body:
 * a TextPositionSelector (`start`, `end`) or a TextQuoteSelector (`exact`, `prefix`, `suffix`).
 * Offsets are code points. Pure functions: no database, property-tested.
 */

export interface SentenceBounds {
  id: string;
  start: number;
  end: number;
}

export interface EvidenceSelector {
  /** Row id of the sentence to search in or to check against. */
  sentenceId?: string;
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

export interface ResolvedEvidence {
  sentenceId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** Code points of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Why a selector cannot be resolved; the service turns it into BAD_USER_INPUT for the item. */
export class SelectorError extends Error {}

/** A body prepared once for many selectors: its code points and its sentences in order. */
export class ResolvableText {
  readonly codePoints: string[];
  private readonly toCodePoint: Int32Array;
  private foldedBody: { folded: string; origin: number[] } | undefined;

  constructor(
    readonly body: string,
    readonly sentences: readonly SentenceBounds[],
  ) {
    this.codePoints = Array.from(body);
    this.toCodePoint = codePointOffsets(body);
  }

  slice(start: number, end: number): string {
    return this.codePoints.slice(start, end).join('');
  }

  /** UTF-16 offset of a code-point offset. */
  utf16Offset(codePoint: number): number {
    return this.slice(0, codePoint).length;
  }

  codePointOffset(utf16: number): number {
    return this.toCodePoint[utf16];
  }

  /** The body folded for quote search, computed on first use. */
  get folded(): { folded: string; origin: number[] } {
    this.foldedBody ??= foldForSearch(this.body);
    return this.foldedBody;
  }
}

export function resolveEvidence(text: ResolvableText, selector: EvidenceSelector): ResolvedEvidence {
  const sentence = selector.sentenceId !== undefined ? findSentence(text, selector.sentenceId) : undefined;
  const hasPosition = selector.start !== undefined || selector.end !== undefined;
  const hasQuote = selector.exact !== undefined;
  if (!hasPosition && !hasQuote) throw new SelectorError('give a position (start and end) or a quote (exact)');

  const [start, end] = hasPosition ? checkPosition(text, selector) : findQuote(text, selector, sentence);
  const container = sentence ?? sentenceContaining(text, start, end);
  if (start < container.start || end > container.end) {
    throw new SelectorError(`the span [${start}, ${end}) is not inside the given sentence [${container.start}, ${container.end})`);
  }
  const exact = text.slice(start, end);
  if (hasPosition && hasQuote && foldForSearch(exact).folded.trim() !== foldForSearch(selector.exact ?? '').folded.trim()) {
    throw new SelectorError(`the quote does not match the text at [${start}, ${end}), which reads "${clip(exact)}"`);
  }
  return {
    sentenceId: container.id,
    start,
    end,
    exact,
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

function findSentence(text: ResolvableText, sentenceId: string): SentenceBounds {
  const sentence = text.sentences.find((candidate) => candidate.id === sentenceId);
  if (sentence === undefined) throw new SelectorError('the sentence is not part of this article');
  return sentence;
}

function checkPosition(text: ResolvableText, { start, end }: EvidenceSelector): [number, number] {
  if (start === undefined || end === undefined) throw new SelectorError('a position needs both start and end');
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.codePoints.length || start >= end) {
    throw new SelectorError(
      `the position [${start}, ${end}) is out of range: offsets are code points, 0 <= start < end <= ${text.codePoints.length}`,
    );
  }
  return [start, end];
}

function sentenceContaining(text: ResolvableText, start: number, end: number): SentenceBounds {
  const first = text.sentences.find((sentence) => start >= sentence.start && start < sentence.end);
  if (first === undefined) throw new SelectorError(`the span [${start}, ${end}) starts between sentences`);
  if (end > first.end)
    throw new SelectorError(`the span [${start}, ${end}) crosses a sentence boundary at ${first.end}; evidence lies inside one sentence`);
  return first;
}

/**
 * Finds the one occurrence of the quote, in the sentence when given, else in the whole body.
 * Prefix and suffix are compared with the body around it (they may reach into the neighbouring
 * sentences, as the ones the server returns do).
 */
function findQuote(text: ResolvableText, selector: EvidenceSelector, sentence: SentenceBounds | undefined): [number, number] {
  const exact = foldForSearch((selector.exact ?? '').normalize('NFC').trim()).folded;
  if (exact === '') throw new SelectorError('the quote (exact) is empty');
  const regionStart = text.utf16Offset(sentence?.start ?? 0);
  const regionEnd = sentence !== undefined ? text.utf16Offset(sentence.end) : text.body.length;
  const prefix = selector.prefix !== undefined ? foldForSearch(selector.prefix.normalize('NFC')).folded.trimEnd() : '';
  const suffix = selector.suffix !== undefined ? foldForSearch(selector.suffix.normalize('NFC')).folded.trimStart() : '';
  const { folded, origin } = text.folded;

  const matches: Array<[number, number]> = [];
  for (let at = folded.indexOf(exact); at !== -1; at = folded.indexOf(exact, at + 1)) {
    const start = origin[at];
    const end = origin[at + exact.length - 1] + 1;
    if (start < regionStart || end > regionEnd) continue;
    const before = folded.slice(Math.max(0, at - prefix.length - 1), at).trimEnd();
    const after = folded.slice(at + exact.length, at + exact.length + suffix.length + 1).trimStart();
    if (before.endsWith(prefix) && after.startsWith(suffix)) matches.push([start, end]);
  }
  const where = sentence !== undefined ? 'the sentence' : 'the article';
  if (matches.length === 0) throw new SelectorError(`the quote "${clip(exact)}" is not in ${where}`);
  if (matches.length > 1) {
    throw new SelectorError(
      `the quote "${clip(exact)}" occurs ${matches.length} times in ${where}; add a prefix or suffix, or a sentenceId, to say which`,
    );
  }
  const [start, end] = matches[0];
  return [text.codePointOffset(start), text.codePointOffset(end)];
}

const QUOTE_FOLDS: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u02BC': "'", // ʼ
  '\u02BB': "'", // ʻ
  '\u2032': "'", // ′
  '`': "'",
  '\u00B4': "'", // ´
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
  '\u00AB': '"', // «
  '\u00BB': '"', // »
};

/**
 * What users paste differs from the body in quote marks and whitespace: both are folded
 * (curly to straight, any run of whitespace to one space) before searching. `origin[i]` is the
 * UTF-16 offset in the original text of folded character `i`, so a match maps back exactly
 * and the stored quote is always the body's own text.
 */
export function foldForSearch(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (/\s/.test(char)) {
      if (folded.endsWith(' ')) continue;
      folded += ' ';
    } else {
      folded += QUOTE_FOLDS[char] ?? char;
    }
    origin.push(i);
  }
  return { folded, origin };
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
