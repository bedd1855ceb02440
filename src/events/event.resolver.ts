import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../actors/actor.entity';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { rowKey } from '../common/loaders';
import { Role } from '../common/role';
import { EVENT_CODEBOOK } from './event-codebook';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, EventOrder, UpdateEventInput } from './event.inputs';
import { createEvent, listEvents, updateEvent } from './event.service';
import { EventConnection, EventTypeInfo } from './event.types';
import { Place } from './place.entity';

// What the field resolvers below read of an event (field-selection.ts).
declareFieldColumns(Event, { place: ['placeId'], participants: [] });

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events in the order they were recorded, or in orderBy' })
  events(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter,
    @Arg('orderBy', () => EventOrder, { nullable: true }) orderBy?: EventOrder,
  ): Promise<EventConnection> {
    return listEvents(ctx, args, filter ?? undefined, orderBy, selectedFields(info));
  }

  @Query(() => [EventTypeInfo], { description: 'The event codebook: ACLED event types and sub-types, with definitions' })
  eventTypes(): EventTypeInfo[] {
    return EVENT_CODEBOOK.map((entry) => ({
      type: entry.type,
      description: entry.definition,
      subTypes: entry.subTypes.map((subType) => subType.name),
      subTypeDefinitions: entry.subTypes.map((subType) => ({ name: subType.name, description: subType.definition })),
    }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Event, { description: 'Records an event; sub-type from the codebook, place, participants, reporting claims' })
  createEvent(@Ctx() ctx: Context, @Arg('input', () => CreateEventInput) input: CreateEventInput): Promise<Event> {
    return createEvent(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Event, { description: 'Changes an event; the coding is checked again as a whole' })
  updateEvent(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEventInput) input: UpdateEventInput,
  ): Promise<Event> {
    return updateEvent(ctx, id, input);
  }

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
  async actor(@Root() participant: EventParticipant, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor> {
    return (await ctx.loaders.actorById.load(rowKey(participant.actorId, selectedFields(info)))) as Actor;
  }
}
