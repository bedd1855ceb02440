import { applyArticleFilter } from '../articles/article-criteria';
import { Article, type Article as ArticleRow } from '../articles/article.entity';
import { LANGUAGE_TAG } from '../articles/article.inputs';
import { badInput } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import { readBatch } from '../common/list-query';
import type { ArticleFilter } from '../articles/article.inputs';
import type { Source } from '../sources/source.entity';
import { isoOrNull, urn, type ExportSource } from './export-source';

export interface ArticleRecord {
  article: ArticleRow;
  source: Source | null;
}

/** Articles with their bodies in NDJSON and JSON-LD; the CSV leaves the body out (spreadsheets cap a cell at 32,767 characters). */
export const articleExport: ExportSource<ArticleFilter, ArticleRecord> = {
  kind: 'articles',
  // A body may be 1 MB: a batch holds at most 50 of them.
  batchSize: 50,
  parseFilter(params) {
    const sourceId = params.text('sourceId');
    if (sourceId !== undefined) parseGlobalId(sourceId, 'Source', params.field('sourceId'));
    const language = params.text('language');
    if (language !== undefined && !LANGUAGE_TAG.test(language))
      throw badInput(params.field('language'), 'language is a BCP 47 tag such as "en"');
    return {
      sourceId,
      publishedFrom: params.dateTime('publishedFrom'),
      publishedTo: params.dateTime('publishedTo'),
      language,
      search: params.text('search'),
      updatedSince: params.dateTime('updatedSince'),
    };
  },
  async readBatch(ctx, filter, afterId, limit) {
    const query = ctx.db.getRepository(Article).createQueryBuilder('article');
    applyArticleFilter(query, 'article', filter);
    const articles = await readBatch(query, afterId, limit);
    const records = await Promise.all(
      articles.map(async (article) => ({ article, source: await ctx.loaders.sourceById.load(article.sourceId) })),
    );
    return { records, lastId: articles.at(-1)?.id ?? null };
  },
  csvColumns: [
    'article_id',
    'url',
    'title',
    'published_at',
    'language',
    'source_id',
    'source_name',
    'source_domain',
    'content_hash',
    'sentence_count',
    'body_length',
    'ingested_at',
  ],
  toJson({ article, source }) {
    return {
      id: article.nodeId,
      url: article.url,
      title: article.title,
      publishedAt: isoOrNull(article.publishedAt),
      language: article.language,
      source: source === null ? null : { id: source.nodeId, name: source.name, domain: source.domain, kind: source.kind },
      contentHash: article.contentHash,
      sentenceCount: article.sentenceCount,
      ingestedAt: article.ingestedAt.toISOString(),
      body: article.body,
    };
  },
  toCsv({ article, source }) {
    return {
      article_id: article.nodeId,
      url: article.url,
      title: article.title,
      published_at: isoOrNull(article.publishedAt),
      language: article.language,
      source_id: source?.nodeId,
      source_name: source?.name,
      source_domain: source?.domain,
      content_hash: article.contentHash,
      sentence_count: article.sentenceCount,
      // Code points, the unit of every offset.
      body_length: [...article.body].length,
      ingested_at: article.ingestedAt.toISOString(),
    };
  },
  toJsonLd({ article, source }) {
    return {
      '@context': { '@vocab': 'https://schema.org/', verbatim: 'urn:verbatim:vocab#' },
      '@type': 'Article',
      '@id': article.url ?? urn('article', article.nodeId),
      identifier: article.nodeId,
      headline: article.title,
      url: article.url ?? undefined,
      datePublished: isoOrNull(article.publishedAt) ?? undefined,
      inLanguage: article.language ?? undefined,
      publisher:
        source === null
          ? undefined
          : { '@type': 'Organization', '@id': urn('source', source.nodeId), name: source.name, url: source.url ?? undefined },
      text: article.body,
      'verbatim:contentHash': article.contentHash,
      'verbatim:sentenceCount': article.sentenceCount,
    };
  },
};
