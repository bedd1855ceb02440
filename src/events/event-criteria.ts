import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isoDate } from '../common/dates';
import { parseGlobalId } from '../common/global-id';
import { searchText } from '../common/text-input';
import type { EventFilter } from './event.inputs';

/**
 * Adds an EventFilter's conditions on the event table aliased `alias`; the events list and the
 * event counts share it, so a dashboard's numbers always match the list behind them.
 */
export function applyEventFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, filter: EventFilter): void {
  if (filter.type != null) query.andWhere(`${alias}.type = :type`, { type: filter.type });
  if (filter.actorId != null) {
    const actorId = parseGlobalId(filter.actorId, 'Actor', 'filter.actorId');
    // An actor merged away keeps answering: its participations now belong to the actor it went into.
    query.andWhere(
      `EXISTS (SELECT 1 FROM event_participant participant WHERE participant.event_id = ${alias}.id
         AND participant.actor_id = COALESCE((SELECT merged_into_id FROM actor WHERE id = :actorId), CAST(:actorId AS bigint)))`,
      { actorId },
    );
  }
  if (filter.from != null) query.andWhere(`${alias}.date >= :from`, { from: isoDate(filter.from) });
  if (filter.to != null) query.andWhere(`${alias}.date <= :to`, { to: isoDate(filter.to) });
  if (filter.place != null) {
    query.andWhere(
      `${alias}.place_id IN (SELECT place.id FROM place WHERE lower(place.name) = lower(:place)
         OR lower(place.admin1) = lower(:place) OR lower(place.admin2) = lower(:place))`,
      { place: filter.place.trim() },
    );
  }
  if (filter.search != null) {
    query.andWhere(`to_tsvector('english', coalesce(${alias}.description, '')) @@ websearch_to_tsquery('english', :search)`, {
      search: searchText(filter.search, 'filter.search'),
    });
  }
  if (filter.updatedSince != null) query.andWhere(`${alias}.updated_at >= :updatedSince`, { updatedSince: filter.updatedSince });
}
