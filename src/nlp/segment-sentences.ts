import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { codePointOffsets } from '../provenance/text';

/** A sentence as code-point offsets into the text it came from; `text` is that slice. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

let nlp: WinkMethods | undefined;

/** wink-nlp's model loads once, on first use (it takes a few hundred milliseconds). */
function sentenceSplitter(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

/**
 * Splits a normalised body into sentences that tile it: in order, not overlapping, and leaving
 * out only whitespace. wink-nlp finds the boundaries (it knows abbreviations, initials and
 * decimals); on top of it, a line break always ends a sentence (paragraphs and headlines are
 * lines), and a boundary inside an open quotation is dropped, so a quoted statement of several
 * sentences stays one.
 */
export function segmentSentences(body: string): SentenceSpan[] {
  const toCodePoint = codePointOffsets(body);
  const spans: SentenceSpan[] = [];
  let lineStart = 0;
  for (const line of body.split('\n')) {
    for (const [start, end] of sentenceRangesOfLine(line)) {
      spans.push({
        start: toCodePoint[lineStart + start],
        end: toCodePoint[lineStart + end],
        text: line.slice(start, end),
      });
    }
    lineStart += line.length + 1;
  }
  return spans;
}

/** Footnote or reference markers at the start of a text: "[1]", "[2][3]", "[12, 13]", "[a]". */
const LEADING_FOOTNOTE_MARKERS = /^(?:\[(?:\d{1,3}|[a-z])(?:\s*[,–-]\s*\d{1,3})*\]\s*)+/u;

/** UTF-16 [start, end) ranges of the sentences of one line, trimmed of whitespace. */
function sentenceRangesOfLine(line: string): Array<[number, number]> {
  const boundaries = outsideQuotations(line, [...sentenceStarts(line)]);
  const ranges: Array<[number, number]> = [];
  boundaries.forEach((start, i) => {
    const next = boundaries[i + 1] ?? line.length;
    const end = start + line.slice(start, next).trimEnd().length;
    if (end <= start) return;
    // A footnote marker belongs to the sentence it follows ("...leaders.[1]"), not to the next one.
    const previous = ranges.at(-1);
    const marker = previous === undefined ? null : LEADING_FOOTNOTE_MARKERS.exec(line.slice(start, end));
    if (previous === undefined || marker === null) {
      ranges.push([start, end]);
      return;
    }
    previous[1] = start + marker[0].trimEnd().length;
    if (start + marker[0].length < end) ranges.push([start + marker[0].length, end]);
  });
  return ranges;
}

/** Where each sentence wink-nlp finds begins (UTF-16 offsets into the line). */
function* sentenceStarts(line: string): Generator<number> {
  const firstNonSpace = line.search(/\S/);
  if (firstNonSpace === -1) return;
  yield firstNonSpace;
  const nlp = sentenceSplitter();
  const doc = nlp.readDoc(line);
  // wink-nlp's `its` helpers are plain functions meant to be passed around.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { value, span } = nlp.its;
  const tokens = doc.tokens().out(value);
  const tokenStarts: number[] = [];
  let cursor = 0;
  for (const token of tokens) {
    const at = line.indexOf(token, cursor);
    tokenStarts.push(at === -1 ? -1 : at);
    if (at !== -1) cursor = at + token.length;
  }
  const spans = doc.sentences().out(span) as unknown as Array<[number, number]>;
  let previous = firstNonSpace;
  for (const [firstToken] of spans.slice(1)) {
    const tokenStart = tokenStarts[firstToken];
    // A token wink-nlp rewrote cannot be found again; its boundary is skipped, never guessed.
    if (tokenStart === undefined || tokenStart === -1) continue;
    // wink-nlp keeps some whitespace (tabs) as tokens: a sentence starts at its first visible character.
    const offset = line.slice(tokenStart).search(/\S/);
    const start = offset === -1 ? -1 : tokenStart + offset;
    if (start > previous) {
      yield start;
      previous = start;
    }
  }
}

const OPENING = new Set(['“', '«', '„']);
const CLOSING = new Set(['”', '»']);

/**
 * Keeps the first start and every later one that is not inside a quotation opened before it and
 * not yet closed. One pass over the line, so long lines stay linear.
 */
function outsideQuotations(line: string, starts: number[]): number[] {
  const kept: number[] = [];
  let curlyDepth = 0;
  let straightOpen = false;
  let scanned = 0;
  for (const start of starts) {
    for (; scanned < start; scanned += 1) {
      const char = line[scanned];
      if (OPENING.has(char)) curlyDepth += 1;
      else if (CLOSING.has(char)) curlyDepth = Math.max(0, curlyDepth - 1);
      else if (char === '"') straightOpen = !straightOpen;
    }
    if (kept.length === 0 || (curlyDepth === 0 && !straightOpen)) kept.push(start);
  }
  return kept;
}
