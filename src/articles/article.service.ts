import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { badInput, conflict, type VerbatimError } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { listWindow, orderingOf, readConnection, type SortKey } from '../common/list-query';
import { childPageWindow, rowKey } from '../common/loaders';
import type { Context } from '../context';
import { segmentSentences, type SentenceSpan } from '../nlp/segment-sentences';
import { readPageFurniture, type SentenceRole } from '../nlp/sentence-roles';
import { sentenceTilingViolation } from '../provenance/sentence-tiling';
import { normalizeBody, sha256Hex, unstorableTextReason } from '../provenance/text';
import type { Source } from '../sources/source.entity';
import { findOrCreateSource, findSource } from '../sources/source.service';
import { applyArticleFilter } from './article-criteria';
import { Article } from './article.entity';
import type { ArticleFilter, ArticleOrder, ArticleOrderField, IngestArticleInput } from './article.inputs';
import { ArticleConnection, type IngestArticlePayload } from './article.types';
import { Sentence } from './sentence.entity';
import { requiredText } from '../common/text-input';
import { Visibility } from '../claims/claim.entity';
import { loadGazetteer, runExtraction } from '../extraction/extraction.service';

export const MAX_BODY_BYTES = 1024 * 1024;
const SENTENCE_INSERT_CHUNK = 2000;

export async function findArticle(
  ctx: Context,
  where: { id?: string; url?: string },
  fields: FieldSelection = ALL_FIELDS,
): Promise<Article | null> {
  if ((where.id == null) === (where.url == null)) throw badInput('id', 'Give exactly one of id or url');
  if (where.id != null) return ctx.loaders.articleById.load(rowKey(parseGlobalId(where.id, 'Article', 'id'), fields));
  return ctx.db.getRepository(Article).findOneBy({ url: where.url as string });
}

/** What `orderBy` may sort articles by; ingestion order is id order. */
const ARTICLE_SORT_KEYS: Record<ArticleOrderField, SortKey | null> = {
  INGESTED_AT: null,
  PUBLISHED_AT: { column: 'article.published_at', type: 'timestamptz', nullable: true },
};

export async function listArticles(
  ctx: Context,
  args: ConnectionArgs,
  filter: ArticleFilter = {},
  orderBy?: ArticleOrder,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ArticleConnection> {
  const window = listWindow(args, orderingOf('Article', 'article.id', ARTICLE_SORT_KEYS, orderBy));
  const query = () => {
    const articles = ctx.db.getRepository(Article).createQueryBuilder('article');
    applyArticleFilter(articles, 'article', filter);
    return articles;
  };
  return readConnection(ArticleConnection, query, window, { fields, peers: ctx.loaders });
}

export async function articlesOfSource(
  ctx: Context,
  source: Source,
  args: ConnectionArgs,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ArticleConnection> {
  const page = await ctx.loaders.articlePageBySourceId.load({ parentId: source.id, window: childPageWindow(args), fields });
  return new ArticleConnection(page, () => ctx.loaders.articleCountBySourceId.load({ parentId: source.id }));
}

/**
 * Stores an article once: normalised body, its hash, its sentences with code-point offsets.
 * Idempotent by url (else by source and body); one transaction, so a refusal writes nothing.
 */
export async function ingestArticle(ctx: Context, input: IngestArticleInput): Promise<IngestArticlePayload> {
  const { body, contentHash, sentences, roles, place, datelineDate } = prepareArticle(input);

  return ctx.db.transaction(async (manager) => {
    const existing = await findExistingArticle(manager, input, contentHash);
    if (existing !== null) {
      if (existing.contentHash !== contentHash) {
        throw bodyConflict(existing.nodeId);
      }
      return { article: existing, created: false };
    }
    const source = await findOrCreateSource(manager, input.source);
    const article = await manager.getRepository(Article).save(
      manager.getRepository(Article).create({
        sourceId: source.id,
        url: input.url ?? null,
        title: requiredText(input.title, 'input.title'),
        publishedAt: input.publishedAt ?? datelineDate,
        publishedAtFromDateline: datelineDate !== null,
        place,
        language: input.language ?? null,
        body,
        contentHash,
        sentenceCount: sentences.length,
      }),
    );
    const rows = sentences.map((sentence, index) => ({ articleId: article.id, index, ...sentence, role: roles[index] }));
    for (let i = 0; i < rows.length; i += SENTENCE_INSERT_CHUNK) {
      await manager.getRepository(Sentence).insert(rows.slice(i, i + SENTENCE_INSERT_CHUNK));
    }
    await recordAudit(ctx, manager, 'ingestArticle', [article.nodeId, source.nodeId], { sentences: sentences.length });
    if (input.extract === true) {
      await runExtraction(ctx, manager, article, {
        visibility: input.extractVisibility ?? Visibility.PUBLIC,
        gazetteer: await loadGazetteer(manager),
      });
    }
    return { article, created: true };
  });
}

/** What storing an article works out before touching the database; a body that cannot be stored is refused (throws). */
export interface PreparedArticle {
  body: string;
  contentHash: string;
  sentences: SentenceSpan[];
  roles: SentenceRole[];
  /** The dateline's place, if any. */
  place: string | null;
  /** The dateline's date, when the input gives no publishedAt. */
  datelineDate: Date | null;
}

export function prepareArticle(input: IngestArticleInput): PreparedArticle {
  const body = acceptableBody(input.body);
  const contentHash = sha256Hex(body);
  const sentences = segmentSentences(body);
  const violation = sentenceTilingViolation(body, sentences);
  if (violation !== null) throw new Error(`Segmentation broke the tiling invariant: ${violation}`);
  const furniture = readPageFurniture(body, sentences);
  const datelineDate =
    input.publishedAt == null && furniture.datelineDate !== null ? new Date(`${furniture.datelineDate}T00:00:00Z`) : null;
  return { body, contentHash, sentences, roles: furniture.roles, place: furniture.datelinePlace, datelineDate };
}

/** The advisory lock that serialises ingests of one article (by url, else by body). */
export function articleLockKey(url: string | null | undefined, contentHash: string): string {
  return `article:${url ?? contentHash}`;
}

/** The refusal of an input whose url is stored with another body. */
export function bodyConflict(articleId: string): VerbatimError {
  return conflict('An article with this url was already ingested with another body; articles are immutable', {
    field: 'input.url',
    articleId,
  });
}

function acceptableBody(raw: string): string {
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw badInput('input.body', 'The body is over 1 MB of UTF-8; split the text');
  const reason = unstorableTextReason(raw);
  if (reason !== null) throw badInput('input.body', `The body ${reason}`);
  const body = normalizeBody(raw);
  if (body.trim() === '') throw badInput('input.body', 'The body has no text');
  return body;
}

/** The article this input would duplicate: same url, or without a url, same source and body. */
async function findExistingArticle(manager: EntityManager, input: IngestArticleInput, contentHash: string): Promise<Article | null> {
  const articles = manager.getRepository(Article);
  // Serialise ingests of the same article so concurrent retries meet one row, not a unique violation.
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [articleLockKey(input.url, contentHash)]);
  if (input.url != null) return articles.findOneBy({ url: input.url });
  const source = await findSource(manager, input.source);
  if (source === null) return null;
  return articles.createQueryBuilder('article').where({ sourceId: source.id, contentHash }).andWhere('article.url IS NULL').getOne();
}
