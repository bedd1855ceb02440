import type { SentenceSpan } from '../nlp/segment-sentences';

/**
 * The promise every stored sentence keeps (DESIGN.md): in order, not overlapping, covering the
 * body but for whitespace between them, each `text` exactly the code points [start, end).
 * Returns the first broken rule, or null.
 */
export function sentenceTilingViolation(body: string, sentences: readonly SentenceSpan[]): string | null {
  const codePoints = Array.from(body);
  let covered = 0;
  for (const [index, sentence] of sentences.entries()) {
    if (!(sentence.start >= covered && sentence.start < sentence.end && sentence.end <= codePoints.length)) {
      return `sentence ${index} [${sentence.start}, ${sentence.end}) is out of order or out of range`;
    }
    const gap = codePoints.slice(covered, sentence.start).join('');
    if (gap.trim() !== '') return `text before sentence ${index} is left out of every sentence`;
    if (codePoints.slice(sentence.start, sentence.end).join('') !== sentence.text) {
      return `sentence ${index} text does not match the body at [${sentence.start}, ${sentence.end})`;
    }
    covered = sentence.end;
  }
  if (codePoints.slice(covered).join('').trim() !== '') return 'text after the last sentence is left out';
  return null;
}
