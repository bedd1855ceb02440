import { GraphQLError, graphql, locatedError, type GraphQLSchema } from 'graphql';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Context } from '../context';
import { VerbatimError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { normalizeBody, sha256Hex } from '../provenance/text';
import { findSource, lockSourceCreation, sourceCreationKey, tryLockSourceCreation } from '../sources/source.service';
import type { SourceInput } from '../sources/source.inputs';
import type { InputLine } from './ndjson-lines';
import { INGEST, typedLine } from './typed-line';
import { ingestArticleBatch } from '../articles/article-batch.service';
import type { IngestArticleInput } from '../articles/article.inputs';
import { mayIngest } from '../access/ingest-access';

export type LineStatus = 'created' | 'skipped' | 'refused';

export interface LineResult {
  line: number;
  status: LineStatus;
  articleId?: string;
  error?: { code: string; message: string; field?: string };
}

export interface IngestTally {
  created: number;
  skipped: number;
  refused: number;
  /** Refusals by code and field ("BAD_USER_INPUT input.body"), for the summary. */
  reasons: Record<string, number>;
}

export interface BulkIngestOptions {
  /** Lines read ahead and looked up together (one statement finds those already ingested). */
  batchSize: number;
  /** Lines checked and segmented at the same time (their statements take the batch's connection in turn). */
  concurrency: number;
  /** Passed on as `extract: true` to every article. */
  extract: boolean;
  /** Lines past this many are refused without being read into the database. */
  maxLines?: number;
}

/**
 * Each line is checked (types, validation, the key's role) and stored exactly as the
 * ingestArticle mutation would. A batch commits once, so a killed run loses at most the batch
 * in flight (with `extract`, one transaction per article): set-wise, the lines checked first and
 * stored with a few statements for the whole batch (src/articles/article-batch.service.ts);
 * when that cannot take the batch or fails, each line through the mutation in a savepoint of the
 * transaction. Either way a refused line writes nothing and leaves the others stored. Lines whose url is already stored with the same body are skipped with one
 * lookup per batch, which makes a re-run after a crash cheap: it resumes where it stopped.
 */
export async function bulkIngest(
  ctx: Context,
  schema: GraphQLSchema,
  lines: AsyncIterable<InputLine>,
  options: BulkIngestOptions,
  onResult: (result: LineResult, input: InputLine) => Promise<void>,
): Promise<IngestTally> {
  const tally: IngestTally = { created: 0, skipped: 0, refused: 0, reasons: {} };
  const record = async (result: LineResult, input: InputLine) => {
    tally[result.status] += 1;
    if (result.error !== undefined) {
      const reason = [result.error.code, result.error.field].filter(Boolean).join(' ');
      tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
    }
    await onResult(result, input);
  };
  // Batches ingested at the same time, each on a connection of its own; results are recorded in
  // input order, the oldest batch's first.
  const inFlight: Array<Promise<ParsedLine[]>> = [];
  const recordOldest = async () => {
    for (const item of await (inFlight.shift() as Promise<ParsedLine[]>)) await record(item.result as LineResult, item.input);
  };
  const drain = async () => {
    while (inFlight.length > 0) await recordOldest();
  };
  let batch: InputLine[] = [];
  let seen = 0;
  const submit = async () => {
    if (batch.length === 0) return;
    const ingesting = ingestBatch(ctx, schema, batch, options, inFlight.at(-1));
    ingesting.catch(() => undefined); // awaited in turn by recordOldest
    inFlight.push(ingesting);
    batch = [];
    if (inFlight.length >= BATCHES_IN_FLIGHT) await recordOldest();
  };
  try {
    for await (const input of lines) {
      seen += 1;
      if (options.maxLines !== undefined && seen > options.maxLines) {
        await submit();
        await drain();
        await record(
          refusal(input.line, 'BAD_USER_INPUT', `One request takes at most ${options.maxLines} lines; send the rest in another`, 'line'),
          input,
        );
        continue;
      }
      batch.push(input);
      if (batch.length >= options.batchSize) await submit();
    }
    await submit();
    await drain();
  } finally {
    // A fault (or a reader gone) ends the run only once the batches under way have finished.
    await Promise.allSettled(inFlight);
  }
  return tally;
}

/** Batches under way at once: while one waits for PostgreSQL, the next is checked and segmented. */
const BATCHES_IN_FLIGHT = 2;

/** committed; busy: another batch is creating a source this one needs; fault: anything else (then line by line). */
type BatchOutcome = 'committed' | 'busy' | 'fault';

/** Larger batches commit line by line (see ingestInOneTransaction). */
const MAX_LINES_PER_TRANSACTION = 1000;

interface ParsedLine {
  input: InputLine;
  value?: Record<string, unknown>;
  result?: LineResult;
}

/** The batch's lines ingested (or refused, or skipped), each with its result, in input order. */
async function ingestBatch(
  ctx: Context,
  schema: GraphQLSchema,
  batch: InputLine[],
  options: BulkIngestOptions,
  /** The batch before this one, if still under way. */
  previous?: Promise<unknown>,
): Promise<ParsedLine[]> {
  const parsed = batch.map(parseLine);
  await markAlreadyIngested(ctx, parsed);
  // A url repeated within the batch waits for its first line, so the first one is the one created.
  const seenUrls = new Set<unknown>();
  const waves: ParsedLine[][] = [[], []];
  for (const item of parsed.filter((line) => line.result === undefined)) {
    const url = item.value?.url;
    waves[typeof url === 'string' && seenUrls.has(url) ? 1 : 0].push(item);
    seenUrls.add(url);
  }
  // Without extraction a batch commits once: set-wise when it can (a few statements for the whole
  // batch), else each line in a savepoint. With extraction (which reads through the request's
  // loaders, outside any transaction) each article commits on its own, as the API does.
  let outcome: BatchOutcome = 'fault';
  if (!options.extract) {
    const pending = parsed.filter((line) => line.result === undefined);
    for (const store of [storeSetWise(schema), storeInSavepoints(schema, waves, options.concurrency)]) {
      outcome = await ingestInOneTransaction(ctx, pending, false, store);
      if (outcome === 'busy') {
        // Another batch is creating a source this one needs: wait till it has committed, then wait for the lock if need be.
        await previous?.catch(() => undefined);
        outcome = await ingestInOneTransaction(ctx, pending, true, store);
      }
      if (outcome === 'committed') break;
    }
  }
  if (outcome !== 'committed') {
    for (const wave of waves) await ingestEachInOwnTransaction(ctx, schema, wave, options);
  }
  return parsed;
}

/** Each line in a transaction of its own, `concurrency` at a time. */
async function ingestEachInOwnTransaction(
  ctx: Context,
  schema: GraphQLSchema,
  wave: ParsedLine[],
  options: BulkIngestOptions,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < wave.length) {
      const item = wave[next++];
      item.result = await ingestOne(ctx, schema, item.input.line, { ...item.value, ...(options.extract ? { extract: true } : {}) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, wave.length) }, worker));
}

/**
 * How a batch is written inside its transaction: the lines' results, or null when this way
 * cannot take the batch (nothing it wrote is kept). Throws on a fault.
 */
type Store = (batchCtx: Context, runner: QueryRunner, lines: ParsedLine[]) => Promise<Map<ParsedLine, LineResult> | null>;

/**
 * The batch in one transaction written by `store`. A fault (a deadlock with another writer, a
 * lost connection, a bug) rolls the whole batch back and answers 'fault', as does a store that
 * declines the batch: the caller then tries the next way, the last being line by line, which
 * stops the run if the fault is real. Results are kept only if the batch commits.
 */
async function ingestInOneTransaction(ctx: Context, lines: ParsedLine[], waitForSources: boolean, store: Store): Promise<BatchOutcome> {
  // Each article holds two advisory locks till the commit: a batch stays well inside PostgreSQL's lock table.
  if (lines.length < 2 || lines.length > MAX_LINES_PER_TRANSACTION) return 'fault';
  const runner = ctx.db.createQueryRunner();
  try {
    await runner.startTransaction();
    if (!(await lockNewSources(runner.manager, lines, waitForSources))) {
      await runner.rollbackTransaction();
      return 'busy';
    }
    const results = await store({ ...ctx, db: savepointDataSource(ctx.db, runner) }, runner, lines);
    if (results === null) {
      await runner.rollbackTransaction();
      return 'fault';
    }
    await runner.commitTransaction();
    for (const [item, result] of results) item.result = result;
    return 'committed';
  } catch {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    return 'fault';
  } finally {
    await runner.release();
  }
}

/**
 * Lines already typed are checked as the mutation checks them (typedLine) and stored together
 * by ingestArticleBatch: no GraphQL execution, no savepoints, a few statements per batch. It
 * takes a batch only when the mutation would let the viewer ingest at all; each refusal is the
 * one the mutation would answer.
 */
function storeSetWise(schema: GraphQLSchema): Store {
  return async (batchCtx, runner, lines) => {
    if (!mayIngest(batchCtx.viewer)) return null; // the mutation's @Authorized answers each line
    const results = new Map<ParsedLine, LineResult>();
    const typed: Array<{ item: ParsedLine; input: IngestArticleInput }> = [];
    for (const item of lines) {
      const line = await typedLine(schema, item.value ?? {});
      if ('error' in line) results.set(item, resultOfError(item.input.line, line.error));
      else typed.push({ item, input: line.input });
    }
    const outcomes = await ingestArticleBatch(
      batchCtx,
      runner.manager,
      typed.map((entry) => entry.input),
    );
    if (outcomes === null) return null;
    for (const [index, { item }] of typed.entries()) {
      const outcome = outcomes[index];
      const line = item.input.line;
      results.set(
        item,
        'error' in outcome
          ? resultOfError(line, locatedError(outcome.error, undefined, ['ingestArticle']))
          : { line, status: outcome.created ? 'created' : 'skipped', articleId: outcome.articleId },
      );
    }
    // In input order, as the caller records them.
    return new Map(lines.map((item) => [item, results.get(item) as LineResult]));
  };
}

/**
 * Each line through the ingestArticle mutation, in a savepoint of the batch's transaction (its
 * own transaction nested: a refused line rolls back to its savepoint, the others stay). Lines
 * run `concurrency` at a time, so one line's checks and segmentation overlap another's
 * statements; their savepoints take the connection in turn.
 */
function storeInSavepoints(schema: GraphQLSchema, waves: ParsedLine[][], concurrency: number): Store {
  return async (batchCtx) => {
    const results = new Map<ParsedLine, LineResult>();
    let fault = false;
    for (const wave of waves) {
      let next = 0;
      const worker = async () => {
        while (next < wave.length && !fault) {
          const item = wave[next++];
          try {
            results.set(item, await ingestOne(batchCtx, schema, item.input.line, item.value ?? {}));
          } catch {
            fault = true;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, wave.length) }, worker));
    }
    // The caller rolls the batch back and goes line by line, each in its own transaction.
    if (fault) throw new Error('A line of the batch met a fault');
    return results;
  };
}

/**
 * Sources the batch may create, locked first and in one order: a batch holds each lock till it
 * commits, so two batches creating the same sources in different orders would deadlock.
 * Sources already stored are found without a lock. Without `wait`, false when another
 * transaction holds one (it is creating that source): its batch may run for a while.
 */
async function lockNewSources(manager: EntityManager, lines: ParsedLine[], wait: boolean): Promise<boolean> {
  const inputs = new Map<string, SourceInput>();
  for (const item of lines) {
    const source = item.value?.source;
    if (source === null || typeof source !== 'object') continue;
    try {
      inputs.set(sourceCreationKey(source as SourceInput), source as SourceInput);
    } catch {
      // A source the line's own checks will refuse.
    }
  }
  for (const key of [...inputs.keys()].sort()) {
    if ((await findSource(manager, inputs.get(key) as SourceInput)) !== null) continue;
    if (wait) await lockSourceCreation(manager, key);
    else if (!(await tryLockSourceCreation(manager, key))) return false;
  }
  return true;
}

/**
 * `db` whose `transaction(work)` runs `work` in a savepoint of the runner's open transaction,
 * one at a time (a connection runs one statement at a time; savepoints nest, they do not interleave).
 */
function savepointDataSource(db: DataSource, runner: QueryRunner): DataSource {
  let turn: Promise<unknown> = Promise.resolve();
  const inSavepoint = (work: (manager: EntityManager) => Promise<unknown>) => {
    const run = turn.then(() => runner.manager.transaction(work));
    turn = run.catch(() => undefined);
    return run;
  };
  const view = Object.create(db) as DataSource;
  Object.defineProperty(view, 'transaction', {
    value: (first: unknown, second?: unknown) =>
      inSavepoint((typeof first === 'function' ? first : second) as (manager: EntityManager) => Promise<unknown>),
  });
  return view;
}

function parseLine(input: InputLine): ParsedLine {
  if (input.tooLong)
    return { input, result: refusal(input.line, 'BAD_USER_INPUT', 'The line is too long (a body takes at most 1 MB)', 'line') };
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch {
    return { input, result: refusal(input.line, 'BAD_USER_INPUT', 'The line is not JSON', 'line') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { input, result: refusal(input.line, 'BAD_USER_INPUT', 'A line is one IngestArticleInput object', 'line') };
  return { input, value: value as Record<string, unknown> };
}

/** Lines whose url is stored with the same (normalised) body: skipped without a transaction. */
async function markAlreadyIngested(ctx: Context, parsed: ParsedLine[]): Promise<void> {
  const urls = [...new Set(parsed.flatMap((item) => (typeof item.value?.url === 'string' ? [item.value.url] : [])))];
  if (urls.length === 0) return;
  const rows: Array<{ id: string; url: string; content_hash: string }> = await ctx.db.query(
    'SELECT id::text, url, content_hash FROM article WHERE url = ANY($1::text[])',
    [urls],
  );
  const byUrl = new Map(rows.map((row) => [row.url, row]));
  for (const item of parsed) {
    const stored = typeof item.value?.url === 'string' ? byUrl.get(item.value.url) : undefined;
    if (stored === undefined || typeof item.value?.body !== 'string') continue;
    if (sha256Hex(normalizeBody(item.value.body)) === stored.content_hash)
      item.result = { line: item.input.line, status: 'skipped', articleId: toGlobalId('Article', stored.id) };
  }
}

async function ingestOne(ctx: Context, schema: GraphQLSchema, line: number, input: Record<string, unknown>): Promise<LineResult> {
  const result = await graphql({ schema, source: INGEST, variableValues: { input }, contextValue: ctx });
  const error = result.errors?.[0];
  if (error === undefined) {
    const payload = (result.data as { ingestArticle: { created: boolean; article: { id: string } } }).ingestArticle;
    return { line, status: payload.created ? 'created' : 'skipped', articleId: payload.article.id };
  }
  return resultOfError(line, error);
}

/** The refusal a line's first GraphQL error means; a fault (ours or the database's) throws. */
function resultOfError(line: number, error: GraphQLError): LineResult {
  const original = error.originalError;
  if (original instanceof VerbatimError && original.extensions.code !== 'INTERNAL_SERVER_ERROR') {
    const { code, field } = original.extensions as { code: string; field?: string };
    return refusal(line, code, original.message, field);
  }
  // The variable did not fit IngestArticleInput (a missing title, an unknown enum value): graphql-js says where.
  if (error.path === undefined && !(original instanceof VerbatimError)) {
    const field =
      /at "([^"]+)"/.exec(error.message)?.[1] ?? /^Field "(\w+)"/.exec(problemOf(error.message))?.[1]?.replace(/^/, 'input.') ?? 'input';
    return refusal(line, 'BAD_USER_INPUT', problemOf(error.message), field);
  }
  // A fault of ours or of the database: the run stops rather than refuse every line that follows.
  throw original ?? new GraphQLError(error.message);
}

/** graphql-js repeats the whole value (the body too) before the problem: keep only the problem. */
function problemOf(message: string): string {
  return message.slice(message.lastIndexOf('; ') + 2).slice(0, 500);
}

function refusal(line: number, code: string, message: string, field?: string): LineResult {
  return { line, status: 'refused', error: { code, message, ...(field !== undefined ? { field } : {}) } };
}
