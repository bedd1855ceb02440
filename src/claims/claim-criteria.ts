import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseGlobalId } from '../common/global-id';
import { searchText } from '../common/text-input';
import type { ClaimKind, ReviewStatus } from './claim.entity';
import type { ClaimFilter } from './claim.inputs';

/** A ClaimFilter with its ids checked and decoded: safe to put in a loader key or a query. */
export interface ClaimCriteria {
  actorId?: string;
  claimantId?: string;
  eventId?: string;
  articleId?: string;
  sourceId?: string;
  status?: ReviewStatus;
  kind?: ClaimKind;
  search?: string;
  from?: string;
  to?: string;
  updatedSince?: string;
}

export function claimCriteria(filter: ClaimFilter | undefined, field = 'filter'): ClaimCriteria {
  if (filter == null) return {};
  const criteria: ClaimCriteria = {};
  if (filter.actorId != null) criteria.actorId = parseGlobalId(filter.actorId, 'Actor', `${field}.actorId`);
  if (filter.claimantId != null) criteria.claimantId = parseGlobalId(filter.claimantId, 'Actor', `${field}.claimantId`);
  if (filter.eventId != null) criteria.eventId = parseGlobalId(filter.eventId, 'Event', `${field}.eventId`);
  if (filter.articleId != null) criteria.articleId = parseGlobalId(filter.articleId, 'Article', `${field}.articleId`);
  if (filter.sourceId != null) criteria.sourceId = parseGlobalId(filter.sourceId, 'Source', `${field}.sourceId`);
  if (filter.status != null) criteria.status = filter.status;
  if (filter.kind != null) criteria.kind = filter.kind;
  if (filter.search != null) criteria.search = searchText(filter.search, `${field}.search`);
  if (filter.from != null) criteria.from = filter.from.toISOString();
  if (filter.to != null) criteria.to = filter.to.toISOString();
  if (filter.updatedSince != null) criteria.updatedSince = filter.updatedSince.toISOString();
  return criteria;
}

/** Adds the criteria as conditions on the claim table aliased `alias`. */
export function applyClaimCriteria<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, criteria: ClaimCriteria): void {
  if (criteria.claimantId !== undefined) query.andWhere(`${alias}.claimant_id = :claimantId`, { claimantId: criteria.claimantId });
  if (criteria.actorId !== undefined) {
    query.andWhere(
      `(${alias}.claimant_id = :actorId OR EXISTS (SELECT 1 FROM claim_subject s WHERE s.claim_id = ${alias}.id AND s.actor_id = :actorId))`,
      { actorId: criteria.actorId },
    );
  }
  if (criteria.eventId !== undefined) {
    query.andWhere(`EXISTS (SELECT 1 FROM claim_event ce WHERE ce.claim_id = ${alias}.id AND ce.event_id = :eventId)`, {
      eventId: criteria.eventId,
    });
  }
  if (criteria.articleId !== undefined) query.andWhere(`${alias}.article_id = :articleId`, { articleId: criteria.articleId });
  if (criteria.sourceId !== undefined) {
    query.andWhere(`EXISTS (SELECT 1 FROM article a WHERE a.id = ${alias}.article_id AND a.source_id = :sourceId)`, {
      sourceId: criteria.sourceId,
    });
  }
  if (criteria.status !== undefined) query.andWhere(`${alias}.status = :status`, { status: criteria.status });
  if (criteria.kind !== undefined) query.andWhere(`${alias}.kind = :kind`, { kind: criteria.kind });
  if (criteria.search !== undefined) {
    query.andWhere(`to_tsvector('english', ${alias}.text) @@ websearch_to_tsquery('english', :search)`, { search: criteria.search });
  }
  if (criteria.from !== undefined) {
    query.andWhere(`EXISTS (SELECT 1 FROM article a WHERE a.id = ${alias}.article_id AND a.published_at >= :from)`, {
      from: criteria.from,
    });
  }
  if (criteria.to !== undefined) {
    query.andWhere(`EXISTS (SELECT 1 FROM article a WHERE a.id = ${alias}.article_id AND a.published_at < :to)`, { to: criteria.to });
  }
  if (criteria.updatedSince !== undefined) query.andWhere(`${alias}.updated_at >= :updatedSince`, { updatedSince: criteria.updatedSince });
}
