import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Context } from '../context';
import { bulkIngest, type IngestTally } from '../ingest/bulk-ingest.service';
import { MAX_LINE_BYTES } from '../ingest/ingest.route';
import { ndjsonLines } from '../ingest/ndjson-lines';
import { buildVerbatimSchema } from '../schema';
import type { CliIo } from './cli-io';

export interface BulkIngestFlags {
  extract: boolean;
  concurrency: number;
  batchSize: number;
  /** Where refused lines go; default `<file>.rejects.ndjson` (`rejects.ndjson` for stdin). */
  rejects?: string;
}

export function isNdjsonPath(target: string): boolean {
  return target === '-' || /\.(ndjson|jsonl)$/i.test(target);
}

/**
 * Ingests one NDJSON file (or stdin, "-"): a result line per input line on stdout, refused
 * lines with their error in the rejects file, progress (bytes, rate, ETA) on stderr when it is
 * a terminal. Memory stays flat however large the file.
 */
export async function ingestNdjsonFile(ctx: Context, io: CliIo, target: string, flags: BulkIngestFlags): Promise<IngestTally> {
  const schema = await buildVerbatimSchema();
  const rejectsPath = flags.rejects ?? (target === '-' ? 'rejects.ndjson' : `${target}.rejects.ndjson`);
  // A re-run rewrites the rejects file: it lists what this run refused.
  await rm(rejectsPath, { force: true });
  let rejects: WriteStream | undefined;
  const total = target === '-' ? 0 : (await stat(target)).size;
  const progress = progressOf(total);
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.bytes(chunk.length);
      callback(null, chunk);
    },
  });
  const input = (target === '-' ? process.stdin : createReadStream(target)).pipe(counted);
  try {
    const tally = await bulkIngest(
      ctx,
      schema,
      ndjsonLines(input, MAX_LINE_BYTES),
      { batchSize: flags.batchSize, concurrency: flags.concurrency, extract: flags.extract },
      async (result, line) => {
        io.out(JSON.stringify(result));
        progress.line(result.status !== 'refused');
        if (result.status !== 'refused') return;
        rejects ??= createWriteStream(rejectsPath, { flags: 'w' });
        if (!rejects.write(`${JSON.stringify({ line: result.line, error: result.error, input: line.text })}\n`))
          await new Promise<void>((resolve) => rejects?.once('drain', () => resolve()));
      },
    );
    progress.stop();
    summarise(io, target, tally, rejects === undefined ? null : rejectsPath);
    return tally;
  } finally {
    progress.stop();
    if (rejects !== undefined) await new Promise<void>((resolve) => rejects?.end(() => resolve()));
  }
}

function summarise(io: CliIo, target: string, tally: IngestTally, rejectsPath: string | null): void {
  io.err(`${target}: ${tally.created} created, ${tally.skipped} skipped (already present), ${tally.refused} refused`);
  for (const [reason, count] of Object.entries(tally.reasons).sort((a, b) => b[1] - a[1])) io.err(`  refused ${count}× ${reason}`);
  if (rejectsPath !== null) io.err(`  refused lines and their errors: ${rejectsPath}`);
}

/** Bytes read against the file's size (for the ETA) and articles a second; silent when stderr is not a terminal. */
function progressOf(totalBytes: number): { bytes(n: number): void; line(stored: boolean): void; stop(): void } {
  if (!process.stderr.isTTY) return { bytes: () => undefined, line: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format:
      totalBytes > 0
        ? 'ingest [{bar}] {percentage}% | {lines} lines | {rate} articles/s | ETA {eta_formatted}'
        : 'ingest {lines} lines | {rate} articles/s',
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 50,
  });
  const started = Date.now();
  let read = 0;
  let lines = 0;
  let stored = 0;
  let stopped = false;
  bar.start(Math.max(totalBytes, 1), 0, { lines: 0, rate: '0' });
  return {
    bytes(n) {
      read += n;
    },
    line(wasStored) {
      lines += 1;
      if (wasStored) stored += 1;
      const rate = (stored / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0);
      bar.update(Math.min(read, Math.max(totalBytes, 1)), { lines, rate });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
