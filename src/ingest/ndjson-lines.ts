import type { Readable } from 'node:stream';

export interface InputLine {
  /** 1-based line number in the input. */
  line: number;
  text: string;
  /** The line was longer than the limit: its text is not kept. */
  tooLong?: boolean;
}

/**
 * The lines of an NDJSON stream, one at a time, holding at most one line (up to `maxLineBytes`)
 * in memory whatever the input's size: a longer line is skipped to its end and reported as too
 * long. Blank lines are counted but not yielded; `\r\n` endings are accepted.
 */
export async function* ndjsonLines(input: Readable, maxLineBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let line = 0;
  const finish = function* (): Generator<InputLine> {
    line += 1;
    if (tooLong) yield { line, text: '', tooLong: true };
    else {
      const text = Buffer.concat(parts, partBytes).toString('utf8').replace(/\r$/, '');
      if (text.trim() !== '') yield { line, text };
    }
    parts = [];
    partBytes = 0;
    tooLong = false;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      keep(buffer.subarray(start, newline));
      yield* finish();
      start = newline + 1;
    }
    keep(buffer.subarray(start));
  }
  if (partBytes > 0 || tooLong) yield* finish();

  function keep(piece: Buffer): void {
    if (piece.length === 0 || tooLong) return;
    if (partBytes + piece.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      partBytes = 0;
      return;
    }
    parts.push(Buffer.from(piece));
    partBytes += piece.length;
  }
}
