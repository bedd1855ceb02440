import type { EntityManager } from 'typeorm';
import { lockReferencedActors } from '../actors/actor-locks';
import type { Actor } from '../actors/actor.entity';
import { recordAudit } from '../audit/audit.service';
import { requireClaimsToChange } from '../access/claim-access';
import { parseClaimIds } from '../claims/claim-refs';
import { isoDate } from '../common/dates';
import { notFound } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { listWindow, orderingOf, readConnection, type SortKey } from '../common/list-query';
import { childPageWindow } from '../common/loaders';
import type { Context } from '../context';
import { applyEventFilter } from './event-criteria';
import { checkEventCoding } from './event-rules';
import { EventParticipant } from './event-participant.entity';
import { Event } from './event.entity';
import type { CreateEventInput, EventFilter, EventOrder, EventOrderField, ParticipantInput, UpdateEventInput } from './event.inputs';
import { EventConnection } from './event.types';
import { findOrCreatePlace } from './place.service';
import { dateOfTimeExpression } from '../extraction/event-date';

const EVENT_SORT_KEYS: Record<EventOrderField, SortKey | null> = {
  DATE: { column: 'event.date', type: 'date', nullable: true },
  CREATED_AT: { column: 'event.created_at', type: 'timestamptz', nullable: false },
  UPDATED_AT: { column: 'event.updated_at', type: 'timestamptz', nullable: false },
};

/** Events in the order they were recorded (or in `orderBy`), filtered. */
export async function listEvents(
  ctx: Context,
  args: ConnectionArgs,
  filter: EventFilter = {},
  orderBy?: EventOrder,
  fields: FieldSelection = ALL_FIELDS,
): Promise<EventConnection> {
  const window = listWindow(args, orderingOf('Event', 'event.id', EVENT_SORT_KEYS, orderBy));
  const query = () => {
    const events = ctx.db.getRepository(Event).createQueryBuilder('event');
    applyEventFilter(events, 'event', filter);
    return events;
  };
  return readConnection(EventConnection, query, window, { fields, peers: ctx.loaders });
}

export async function eventsOfActor(
  ctx: Context,
  actor: Actor,
  args: ConnectionArgs,
  fields: FieldSelection = ALL_FIELDS,
): Promise<EventConnection> {
  const page = await ctx.loaders.eventPageByActorId.load({ parentId: actor.id, window: childPageWindow(args), fields });
  return new EventConnection(page, () => ctx.loaders.eventCountByActorId.load({ parentId: actor.id }));
}

/** Records an event with its place, participants and reporting claims; one transaction, audited. */
export async function createEvent(ctx: Context, input: CreateEventInput): Promise<Event> {
  if (input.dateFrom != null) input = { ...input, ...(await dateOfTimeExpression(ctx.db.manager, input.dateFrom, 'input.dateFrom')) };
  const coding = checkEventCoding({
    type: input.type,
    subType: input.subType ?? null,
    date: input.date != null ? isoDate(input.date) : null,
    endDate: input.endDate != null ? isoDate(input.endDate) : null,
    datePrecision: input.datePrecision,
  });
  const participants = parseParticipants(input.participants ?? []);
  const claims = parseClaimIds(input.claimIds ?? [], 'input.claimIds');
  return ctx.db.transaction(async (manager) => {
    await lockReferencedActors(manager, participants);
    // Linking a claim to the event changes the claim (its `events`): rule claim.change.
    await requireClaimsToChange(ctx, manager, claims);
    const place = input.place != null ? await findOrCreatePlace(manager, input.place) : null;
    const events = manager.getRepository(Event);
    const event = await events.save(
      events.create({
        ...coding,
        description: input.description?.trim() || null,
        placeId: place?.id ?? null,
        fatalities: input.fatalities ?? null,
      }),
    );
    await insertParticipants(manager, event.id, participants);
    if (claims.length > 0) {
      await manager.query(`INSERT INTO claim_event (claim_id, event_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING`, [
        claims.map((claim) => claim.rowId),
        event.id,
      ]);
      await touchRows(
        manager,
        'claim',
        claims.map((claim) => claim.rowId),
      );
    }
    await recordAudit(ctx, manager, 'createEvent', [event.nodeId, ...participants.map((p) => toGlobalId('Actor', p.id))], {
      claimIds: claims.map((claim) => toGlobalId('Claim', claim.rowId)),
    });
    return event;
  });
}

/** Changes the fields given; the coding rules are checked on the event as it would end up. */
export async function updateEvent(ctx: Context, id: string, input: UpdateEventInput): Promise<Event> {
  const eventId = parseGlobalId(id, 'Event', 'id');
  const participants = input.participants != null ? parseParticipants(input.participants) : null;
  return ctx.db.transaction(async (manager) => {
    const events = manager.getRepository(Event);
    const event = await events.createQueryBuilder('event').where({ id: eventId }).setLock('pessimistic_write').getOne();
    if (event === null) throw notFound('Event', 'id');
    Object.assign(
      event,
      checkEventCoding({
        type: input.type ?? event.type,
        subType: input.subType !== undefined ? input.subType : event.subType,
        date: input.date !== undefined ? (input.date === null ? null : isoDate(input.date)) : event.date,
        endDate: input.endDate !== undefined ? (input.endDate === null ? null : isoDate(input.endDate)) : event.endDate,
        datePrecision: input.datePrecision ?? event.datePrecision,
      }),
    );
    if (input.description !== undefined) event.description = input.description?.trim() || null;
    if (input.fatalities !== undefined) event.fatalities = input.fatalities;
    if (input.place !== undefined) event.placeId = input.place === null ? null : (await findOrCreatePlace(manager, input.place)).id;
    if (participants !== null) {
      await lockReferencedActors(manager, participants);
      await manager.getRepository(EventParticipant).delete({ eventId });
      await insertParticipants(manager, eventId, participants);
    }
    await events.save(event);
    // save writes only changed columns; a change of participants alone must still count as a change.
    await touchRows(manager, 'event', [eventId]);
    await recordAudit(ctx, manager, 'updateEvent', [event.nodeId], { fields: Object.keys(input) });
    return event;
  });
}

interface ParticipantRef {
  id: string;
  field: string;
  role: ParticipantInput['role'];
}

/** Participants decoded; the same actor in the same role twice counts once. */
function parseParticipants(participants: ParticipantInput[]): ParticipantRef[] {
  const refs = new Map<string, ParticipantRef>();
  participants.forEach((participant, index) => {
    const field = `input.participants[${index}].actorId`;
    const actorId = parseGlobalId(participant.actorId, 'Actor', field);
    refs.set(`${actorId}:${participant.role}`, { id: actorId, field, role: participant.role });
  });
  return [...refs.values()];
}

async function insertParticipants(manager: EntityManager, eventId: string, participants: ParticipantRef[]): Promise<void> {
  if (participants.length === 0) return;
  await manager.getRepository(EventParticipant).insert(participants.map(({ id, role }) => ({ eventId, actorId: id, role })));
}
