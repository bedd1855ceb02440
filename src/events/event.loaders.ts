import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { byIdLoader, childCountLoader, childListLoader, childPageLoader } from '../common/loaders';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import { Place } from './place.entity';

/** Events hang from actors through event_participant; DISTINCT because one actor may hold several roles in an event. */
const byParticipant = {
  parent: 'participant.actor_id',
  join: (query: SelectQueryBuilder<Event>) =>
    query.innerJoin('(SELECT DISTINCT event_id, actor_id FROM event_participant)', 'participant', 'participant.event_id = child.id'),
};

export function createEventLoaders(db: DataSource) {
  const events = db.getRepository(Event);
  return {
    eventById: byIdLoader(events),
    placeById: byIdLoader(db.getRepository(Place)),
    participantsByEventId: childListLoader(db.getRepository(EventParticipant), 'actorId', { parent: 'child.event_id' }),
    eventPageByActorId: childPageLoader(events, 'id', byParticipant),
    eventCountByActorId: childCountLoader(events, byParticipant),
  };
}
