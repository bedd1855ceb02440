import type { Actor } from '../actors/actor.entity';
import type { Article } from '../articles/article.entity';
import type { Sentence } from '../articles/sentence.entity';
import { fieldsNamed } from '../common/field-selection';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { readBatch } from '../common/list-query';
import { rowKey } from '../common/loaders';

/** What the records read of a mention's article (never its body). */
const ARTICLE_FIELDS = fieldsNamed('url');
import { Mention } from '../mentions/mention.entity';
import { presentOnly, urn, type ExportSource } from './export-source';

interface MentionExportFilter {
  articleId?: string;
  actorId?: string;
  updatedSince?: Date;
}

export interface MentionRecord {
  mention: Mention;
  sentence: Sentence;
  article: Article;
  actor: Actor | null;
}

export const mentionExport: ExportSource<MentionExportFilter, MentionRecord> = {
  kind: 'mentions',
  batchSize: 1000,
  parseFilter(params) {
    const id = (name: string, type: 'Article' | 'Actor') => {
      const value = params.text(name);
      return value === undefined ? undefined : parseGlobalId(value, type, params.field(name));
    };
    return { articleId: id('articleId', 'Article'), actorId: id('actorId', 'Actor'), updatedSince: params.dateTime('updatedSince') };
  },
  async readBatch(ctx, filter, afterId, limit) {
    const query = ctx.db.getRepository(Mention).createQueryBuilder('mention');
    if (filter.articleId !== undefined)
      query.andWhere('mention.sentence_id IN (SELECT s.id FROM sentence s WHERE s.article_id = :articleId)', {
        articleId: filter.articleId,
      });
    if (filter.actorId !== undefined) query.andWhere('mention.actor_id = :actorId', { actorId: filter.actorId });
    // Mentions never change once recorded: updatedSince is when they were.
    if (filter.updatedSince !== undefined)
      query.andWhere('mention.extraction_created_at >= :updatedSince', { updatedSince: filter.updatedSince });
    const mentions = await readBatch(query, afterId, limit);
    const { loaders } = ctx;
    const records = await Promise.all(
      mentions.map(async (mention) => {
        const sentence = (await loaders.sentenceById.load(mention.sentenceId)) as Sentence;
        const [article, actor] = await Promise.all([
          loaders.articleById.load(rowKey(sentence.articleId, ARTICLE_FIELDS)),
          mention.actorId === null ? null : loaders.actorById.load(mention.actorId),
        ]);
        return article === null ? null : { mention, sentence, article, actor };
      }),
    );
    return { records: presentOnly(records), lastId: mentions.at(-1)?.id ?? null };
  },
  csvColumns: [
    'mention_id',
    'text',
    'start',
    'end',
    'actor_id',
    'actor_name',
    'sentence_id',
    'article_id',
    'article_url',
    'extraction_method',
    'extraction_agent',
    'confidence',
    'created_at',
  ],
  toJson({ mention, sentence, article, actor }) {
    return {
      id: mention.nodeId,
      text: mention.text,
      start: mention.start,
      end: mention.end,
      actor: actor === null ? null : { id: actor.nodeId, name: actor.name, kind: actor.kind },
      sentenceId: toGlobalId('Sentence', sentence.id),
      article: { id: article.nodeId, url: article.url },
      extraction: { ...mention.extraction, createdAt: mention.extraction.createdAt.toISOString() },
    };
  },
  toCsv({ mention, sentence, article, actor }) {
    return {
      mention_id: mention.nodeId,
      text: mention.text,
      start: mention.start,
      end: mention.end,
      actor_id: actor?.nodeId,
      actor_name: actor?.name,
      sentence_id: toGlobalId('Sentence', sentence.id),
      article_id: article.nodeId,
      article_url: article.url,
      extraction_method: mention.extraction.method,
      extraction_agent: mention.extraction.agent,
      confidence: mention.extraction.confidence,
      created_at: mention.extraction.createdAt.toISOString(),
    };
  },
  /** A W3C Web Annotation that identifies: the span names the actor. */
  toJsonLd({ mention, article, actor }) {
    const agent = { type: 'prov:Agent', name: mention.extraction.agent };
    return {
      '@context': ['http://www.w3.org/ns/anno.jsonld', { prov: 'http://www.w3.org/ns/prov#', verbatim: 'urn:verbatim:vocab#' }],
      id: urn('mention', mention.nodeId),
      type: 'Annotation',
      motivation: 'identifying',
      created: mention.extraction.createdAt.toISOString(),
      creator: agent,
      ...(actor === null ? {} : { body: { id: urn('actor', actor.nodeId), 'verbatim:name': actor.name } }),
      target: {
        type: 'SpecificResource',
        source: article.url ?? urn('article', article.nodeId),
        selector: [
          { type: 'TextPositionSelector', start: mention.start, end: mention.end },
          { type: 'TextQuoteSelector', exact: mention.text },
        ],
      },
      'prov:wasAttributedTo': agent,
      'prov:wasGeneratedBy': { type: 'prov:Activity', 'verbatim:method': mention.extraction.method },
    };
  },
};
