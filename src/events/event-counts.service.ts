import { registerEnumType } from 'type-graphql';
import { DEFAULT_BUCKETS, toBuckets, type CountBucket } from '../common/count-bucket';
import type { Context } from '../context';
import { applyEventFilter } from './event-criteria';
import { Event } from './event.entity';
import type { EventFilter } from './event.inputs';

export enum EventCountGroup {
  TYPE = 'TYPE',
  MONTH = 'MONTH',
  ADMIN1 = 'ADMIN1',
}
registerEnumType(EventCountGroup, {
  name: 'EventCountGroup',
  valuesConfig: {
    TYPE: { description: 'By event type' },
    MONTH: { description: 'By the month of the (first) day, YYYY-MM; undated events in a null bucket' },
    ADMIN1: { description: 'By province (place.admin1); events without one in a null bucket' },
  },
});

const KEYS: Record<EventCountGroup, string> = {
  TYPE: 'CAST(event.type AS text)',
  MONTH: `to_char(event.date, 'YYYY-MM')`,
  ADMIN1: 'place.admin1',
};

/** Counts of the events `filter` selects (the same filter as the events list), grouped. */
export async function countEvents(
  ctx: Context,
  groupBy: EventCountGroup,
  filter: EventFilter = {},
  first = DEFAULT_BUCKETS,
): Promise<CountBucket[]> {
  const query = ctx.db.getRepository(Event).createQueryBuilder('event');
  if (groupBy === EventCountGroup.ADMIN1) query.leftJoin('place', 'place', 'place.id = event.place_id');
  applyEventFilter(query, 'event', filter);
  query.select(KEYS[groupBy], 'key').addSelect('count(*)', 'count').groupBy(KEYS[groupBy]);
  if (groupBy === EventCountGroup.MONTH) query.orderBy('key', 'ASC', 'NULLS LAST');
  else query.orderBy('count', 'DESC').addOrderBy('key', 'ASC', 'NULLS LAST');
  const rows = await query.limit(first).getRawMany<{ key: string | null; count: string }>();
  return toBuckets(rows, (key) => eventBucketLabel(groupBy, key), groupBy === EventCountGroup.MONTH ? 'No date' : 'Unknown');
}

function eventBucketLabel(groupBy: EventCountGroup, key: string): string {
  switch (groupBy) {
    case EventCountGroup.TYPE:
      return key.charAt(0) + key.slice(1).toLowerCase().replace(/_/g, ' ');
    case EventCountGroup.MONTH:
      return new Date(`${key}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    case EventCountGroup.ADMIN1:
      return key;
  }
}
