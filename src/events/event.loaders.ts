import type { DataSource } from 'typeorm';
import { byIdLoader, childListLoader } from '../common/loaders';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import { Place } from './place.entity';

export function createEventLoaders(db: DataSource) {
  return {
    eventById: byIdLoader(db.getRepository(Event)),
    placeById: byIdLoader(db.getRepository(Place)),
    participantsByEventId: childListLoader(db.getRepository(EventParticipant), 'actorId', { parent: 'child.event_id' }),
  };
}
