import { GraphQLError, graphql, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { VerbatimError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { normalizeBody, sha256Hex } from '../provenance/text';
import type { InputLine } from './ndjson-lines';

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
  /** Articles ingested at the same time, each in its own transaction. */
  concurrency: number;
  /** Passed on as `extract: true` to every article. */
  extract: boolean;
  /** Lines past this many are refused without being read into the database. */
  maxLines?: number;
}

/**
 * Each line goes through the ingestArticle mutation of the schema itself, so a line is checked
 * (types, validation, the key's role) and stored exactly as the GraphQL API would; one
 * transaction per article, so a refused line writes nothing and a killed run loses at most the
 * articles in flight. Lines whose url is already stored with the same body are skipped with one
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
  let batch: InputLine[] = [];
  let seen = 0;
  for await (const input of lines) {
    seen += 1;
    if (options.maxLines !== undefined && seen > options.maxLines) {
      if (batch.length > 0) await ingestBatch(ctx, schema, batch, options, record);
      batch = [];
      await record(
        refusal(input.line, 'BAD_USER_INPUT', `One request takes at most ${options.maxLines} lines; send the rest in another`, 'line'),
        input,
      );
      continue;
    }
    batch.push(input);
    if (batch.length >= options.batchSize) {
      await ingestBatch(ctx, schema, batch, options, record);
      batch = [];
    }
  }
  if (batch.length > 0) await ingestBatch(ctx, schema, batch, options, record);
  return tally;
}

interface ParsedLine {
  input: InputLine;
  value?: Record<string, unknown>;
  result?: LineResult;
}

async function ingestBatch(
  ctx: Context,
  schema: GraphQLSchema,
  batch: InputLine[],
  options: BulkIngestOptions,
  record: (result: LineResult, input: InputLine) => Promise<void>,
): Promise<void> {
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
  for (const wave of waves) {
    let next = 0;
    const worker = async () => {
      while (next < wave.length) {
        const item = wave[next++];
        item.result = await ingestOne(ctx, schema, item.input.line, { ...item.value, ...(options.extract ? { extract: true } : {}) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, wave.length) }, worker));
  }
  // Results in input order, batch by batch.
  for (const item of parsed) await record(item.result as LineResult, item.input);
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

const INGEST = `mutation BulkIngestArticle($input: IngestArticleInput!) { ingestArticle(input: $input) { created article { id } } }`;

async function ingestOne(ctx: Context, schema: GraphQLSchema, line: number, input: Record<string, unknown>): Promise<LineResult> {
  const result = await graphql({ schema, source: INGEST, variableValues: { input }, contextValue: ctx });
  const error = result.errors?.[0];
  if (error === undefined) {
    const payload = (result.data as { ingestArticle: { created: boolean; article: { id: string } } }).ingestArticle;
    return { line, status: payload.created ? 'created' : 'skipped', articleId: payload.article.id };
  }
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
