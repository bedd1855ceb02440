import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ActorFilter } from './actor.inputs';

/**
 * Adds an ActorFilter's conditions (but its search, which ranks: actor-search.ts) on the actor
 * table aliased `alias`: the list, the name search and the export share it.
 */
export function applyActorFilter<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  filter: Omit<ActorFilter, 'search'>,
): void {
  if (filter.includeMerged !== true) query.andWhere(`${alias}.merged_into_id IS NULL`);
  if (filter.kind != null) query.andWhere(`${alias}.kind = :kind`, { kind: filter.kind });
  if (filter.updatedSince != null) query.andWhere(`${alias}.updated_at >= :updatedSince`, { updatedSince: filter.updatedSince });
}
