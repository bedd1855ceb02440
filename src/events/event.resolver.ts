import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import type { Context } from '../context';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import { Place } from './place.entity';

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => Place, { nullable: true })
  async place(@Root() event: Event, @Ctx() ctx: Context): Promise<Place | null> {
    return event.placeId === null ? null : ctx.loaders.placeById.load(event.placeId);
  }

  @FieldResolver(() => [EventParticipant])
  participants(@Root() event: Event, @Ctx() ctx: Context): Promise<EventParticipant[]> {
    return ctx.loaders.participantsByEventId.load(event.id);
  }
}

@Resolver(() => EventParticipant)
export class ParticipantResolver {
  @FieldResolver(() => Actor)
  async actor(@Root() participant: EventParticipant, @Ctx() ctx: Context): Promise<Actor> {
    return (await ctx.loaders.actorById.load(participant.actorId)) as Actor;
  }
}
