import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { byIdLoader, childCountLoader, childListLoader, childPageLoader, type Peers } from '../common/loaders';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import { Place } from './place.entity';

/** Events hang from actors through event_participant; DISTINCT because one actor may hold several roles in an event. */
const byParticipant = {
  parent: 'participant.actor_id',
  join: (query: SelectQueryBuilder<Event>) =>
    query.innerJoin('(SELECT DISTINCT event_id, actor_id FROM event_participant)', 'participant', 'participant.event_id = child.id'),
};

export function createEventLoaders(db: DataSource, peers: Peers) {
  const events = db.getRepository(Event);
  return {
    eventById: byIdLoader(peers, events),
    placeById: byIdLoader(peers, db.getRepository(Place)),
    participantsByEventId: childListLoader(peers, db.getRepository(EventParticipant), 'actorId', { parent: 'child.event_id' }),
    eventPageByActorId: childPageLoader(peers, events, 'id', byParticipant),
    eventCountByActorId: childCountLoader(events, byParticipant),
  };
}
