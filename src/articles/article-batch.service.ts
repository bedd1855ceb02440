import type { EntityManager } from 'typeorm';
import { recordAudits } from '../audit/audit.service';
import { toGlobalId } from '../common/global-id';
import { requiredText } from '../common/text-input';
import type { Context } from '../context';
import type { Source } from '../sources/source.entity';
import { findOrCreateSource, sourceCreationKey } from '../sources/source.service';
import type { IngestArticleInput } from './article.inputs';
import { articleLockKey, bodyConflict, prepareArticle, type PreparedArticle } from './article.service';

/** One input's outcome: stored (or found already stored), or the error ingestArticle would have thrown for it. */
export type BatchOutcome = { articleId: string; created: boolean } | { error: unknown };

interface Planned {
  index: number;
  input: IngestArticleInput;
  prepared: PreparedArticle;
  source: Source;
  title: string;
  rowId?: string;
}

/**
 * Many inputs stored as ingestArticle stores each one (same rows, same checks, same audit
 * entries), in the caller's transaction, with a handful of statements for the whole batch
 * instead of about eight per article: one advisory lock statement, one lookup of the urls,
 * one INSERT each for articles, sentences and audit entries. Inputs are taken in order, so
 * a url repeated in the batch is created by its first good line, as one article after another
 * would. Answers null, having written nothing that the caller must keep, when the batch needs
 * what only ingestArticle does: an input without a url (found by source and body), extraction,
 * or a source or title that would be refused (its refusal must roll back that line's source
 * alone). The caller then rolls back and ingests line by line.
 */
export async function ingestArticleBatch(
  ctx: Context,
  manager: EntityManager,
  inputs: IngestArticleInput[],
): Promise<BatchOutcome[] | null> {
  if (inputs.some((input) => input.url == null || input.extract === true)) return null;
  const outcomes: Array<BatchOutcome | undefined> = inputs.map(() => undefined);
  const prepared = inputs.map((input, index) => {
    try {
      return prepareArticle(input);
    } catch (error) {
      outcomes[index] = { error };
      return undefined;
    }
  });
  const urls = new Set<string>();
  for (const [index, input] of inputs.entries()) if (prepared[index] !== undefined) urls.add(input.url as string);
  if (urls.size === 0) return outcomes as BatchOutcome[];
  // The same lock ingestArticle takes per article, taken for all in one order (two batches sharing urls cannot deadlock).
  const keys = [...urls].map((url) => articleLockKey(url, '')).sort();
  await manager.query(
    'SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY n',
    [keys],
  );
  const stored = await manager.query<Array<{ id: string; url: string; content_hash: string }>>(
    'SELECT id::text, url, content_hash FROM article WHERE url = ANY($1::text[])',
    [[...urls]],
  );
  const byUrl = new Map<string, { rowId?: string; contentHash: string; planned?: Planned }>(
    stored.map((row) => [row.url, { rowId: row.id, contentHash: row.content_hash }]),
  );
  const duplicates: Array<{ index: number; of: { rowId?: string; contentHash: string; planned?: Planned } }> = [];
  const sources = new Map<string, Source>();
  const planned: Planned[] = [];
  for (const [index, input] of inputs.entries()) {
    const article = prepared[index];
    if (article === undefined) continue;
    const known = byUrl.get(input.url as string);
    if (known !== undefined) {
      duplicates.push({ index, of: known }); // answered below, once the batch's ids are known
      continue;
    }
    let key: string;
    try {
      key = sourceCreationKey(input.source);
      requiredText(input.title, 'input.title');
    } catch {
      return null;
    }
    let source = sources.get(key);
    if (source === undefined) {
      try {
        source = await findOrCreateSource(manager, input.source);
      } catch {
        return null;
      }
      sources.set(key, source);
    }
    const plan: Planned = { index, input, prepared: article, source, title: input.title.trim() };
    planned.push(plan);
    byUrl.set(input.url as string, { contentHash: article.contentHash, planned: plan });
  }
  for (const chunk of chunksOfText(planned)) await insertArticles(ctx, manager, chunk);
  for (const plan of planned) outcomes[plan.index] = { articleId: toGlobalId('Article', plan.rowId as string), created: true };
  for (const { index, of } of duplicates) {
    const articleId = toGlobalId('Article', (of.rowId ?? of.planned?.rowId) as string);
    outcomes[index] =
      of.contentHash === (prepared[index] as PreparedArticle).contentHash
        ? { articleId, created: false }
        : { error: bodyConflict(articleId) };
  }
  return outcomes as BatchOutcome[];
}

/**
 * Bodies of at most this many UTF-16 units per statement: a statement's parameters travel in one
 * protocol message, which PostgreSQL caps at 1 GB, and a batch may hold hundreds of 1 MB bodies.
 */
const MAX_TEXT_PER_STATEMENT = 16 * 1024 * 1024;

/** The items in order, in runs whose bodies together stay within `max` (a longer body makes a run alone). */
export function chunksOfText<T extends { prepared: { body: string } }>(planned: T[], max = MAX_TEXT_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  let size = Infinity;
  for (const plan of planned) {
    if (size + plan.prepared.body.length > max) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(plan);
    size += plan.prepared.body.length;
  }
  return chunks;
}

/** The planned articles, their sentences and their audit entries: three statements, whatever the batch's size. */
async function insertArticles(ctx: Context, manager: EntityManager, planned: Planned[]): Promise<void> {
  const column = <T>(pick: (plan: Planned) => T) => planned.map(pick);
  const ids = await manager.query<Array<{ id: string; url: string }>>(
    `INSERT INTO article (source_id, url, title, published_at, published_at_from_dateline, place, language, body, content_hash, sentence_count)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[], $6::text[], $7::text[], $8::text[], $9::char(64)[], $10::int[])
     RETURNING id::text, url`,
    [
      column((p) => p.source.id),
      column((p) => p.input.url),
      column((p) => p.title),
      column((p) => (p.input.publishedAt ?? p.prepared.datelineDate)?.toISOString() ?? null),
      column((p) => p.prepared.datelineDate !== null),
      column((p) => p.prepared.place),
      column((p) => p.input.language ?? null),
      column((p) => p.prepared.body),
      column((p) => p.prepared.contentHash),
      column((p) => p.prepared.sentences.length),
    ],
  );
  const idByUrl = new Map(ids.map((row) => [row.url, row.id]));
  for (const plan of planned) plan.rowId = idByUrl.get(plan.input.url as string);
  if (planned.some((plan) => plan.rowId === undefined)) throw new Error('An inserted article did not come back');

  const sentence = { articleId: [] as string[], index: [] as number[], start: [] as number[], end: [] as number[], text: [] as string[] };
  const roles: string[] = [];
  for (const plan of planned) {
    for (const [index, span] of plan.prepared.sentences.entries()) {
      sentence.articleId.push(plan.rowId as string);
      sentence.index.push(index);
      sentence.start.push(span.start);
      sentence.end.push(span.end);
      sentence.text.push(span.text);
      roles.push(plan.prepared.roles[index]);
    }
  }
  await manager.query(
    `INSERT INTO sentence (article_id, "index", start, "end", text, role)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[], $6::sentence_role[])`,
    [sentence.articleId, sentence.index, sentence.start, sentence.end, sentence.text, roles],
  );

  // The entries ingestArticle records, one per article, in input order.
  await recordAudits(
    ctx,
    manager,
    'ingestArticle',
    planned.map((plan) => ({
      targetIds: [toGlobalId('Article', plan.rowId as string), plan.source.nodeId],
      details: { sentences: plan.prepared.sentences.length },
    })),
  );
}
