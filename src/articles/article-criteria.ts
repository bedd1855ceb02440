import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseGlobalId } from '../common/global-id';
import { searchText } from '../common/text-input';
import type { ArticleFilter } from './article.inputs';

/** Adds an ArticleFilter's conditions on the article table aliased `alias` (the list and the exports share it). */
export function applyArticleFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, filter: ArticleFilter): void {
  if (filter.sourceId != null)
    query.andWhere(`${alias}.sourceId = :sourceId`, { sourceId: parseGlobalId(filter.sourceId, 'Source', 'filter.sourceId') });
  if (filter.publishedFrom != null) query.andWhere(`${alias}.publishedAt >= :from`, { from: filter.publishedFrom });
  if (filter.publishedTo != null) query.andWhere(`${alias}.publishedAt < :to`, { to: filter.publishedTo });
  if (filter.language != null) query.andWhere(`lower(${alias}.language) = lower(:language)`, { language: filter.language });
  if (filter.search != null)
    query.andWhere(`${alias}.search_vector @@ websearch_to_tsquery('english', :search)`, {
      search: searchText(filter.search, 'filter.search'),
    });
  if (filter.updatedSince != null) query.andWhere(`${alias}.ingested_at >= :updatedSince`, { updatedSince: filter.updatedSince });
}
