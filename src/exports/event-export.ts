import { ActorKind, type Actor } from '../actors/actor.entity';
import type { Claim } from '../claims/claim.entity';
import { isoDate } from '../common/dates';
import { fieldsNamed } from '../common/field-selection';
import { parseGlobalId } from '../common/global-id';
import { readBatch } from '../common/list-query';
import { rowKey } from '../common/loaders';

/** What the records read of the reporting claims' articles (never their bodies). */
const ARTICLE_FIELDS = fieldsNamed('url', 'source');
import { applyEventFilter } from '../events/event-criteria';
import { DatePrecision, Event, EventType } from '../events/event.entity';
import type { EventFilter } from '../events/event.inputs';
import { ParticipantRole } from '../events/event-participant.entity';
import type { Place } from '../events/place.entity';
import type { Source } from '../sources/source.entity';
import { presentOnly, urn, type ExportSource } from './export-source';

interface Participant {
  actor: Actor;
  role: ParticipantRole;
}

export interface EventRecord {
  event: Event;
  place: Place | null;
  participants: Participant[];
  /** The claims reporting the event that the viewer may see, and their articles' sources. */
  claims: readonly Claim[];
  sources: Source[];
  articleUrls: string[];
}

/** ACLED's spelling of its event types, so rows compare with ACLED data. */
const ACLED_EVENT_TYPE: Record<EventType, string> = {
  BATTLES: 'Battles',
  VIOLENCE_AGAINST_CIVILIANS: 'Violence against civilians',
  EXPLOSIONS_REMOTE_VIOLENCE: 'Explosions/Remote violence',
  RIOTS: 'Riots',
  PROTESTS: 'Protests',
  STRATEGIC_DEVELOPMENTS: 'Strategic developments',
};

/** ACLED's time_precision: 1 the day is known, 2 the week, 3 only the month (or less). */
const ACLED_TIME_PRECISION: Record<DatePrecision, number | null> = { DAY: 1, WEEK: 2, MONTH: 3, YEAR: 3, UNKNOWN: null };

/** Actor 1 is who acts (perpetrators, else participants); actor 2 whom it is done to (targets, victims). */
function sides(participants: Participant[]): { side1: Actor[]; side2: Actor[] } {
  const perpetrators = participants.filter((p) => p.role === ParticipantRole.PERPETRATOR);
  const side1 = (perpetrators.length > 0 ? perpetrators : participants.filter((p) => p.role === ParticipantRole.PARTICIPANT)).map(
    (p) => p.actor,
  );
  const side2 = participants.filter((p) => p.role === ParticipantRole.TARGET || p.role === ParticipantRole.VICTIM).map((p) => p.actor);
  return { side1, side2 };
}

export const eventExport: ExportSource<EventFilter, EventRecord> = {
  kind: 'events',
  batchSize: 500,
  parseFilter(params) {
    const day = (name: string) => {
      const date = params.dateTime(name);
      return date === undefined ? undefined : new Date(`${isoDate(date)}T00:00:00Z`);
    };
    const actorId = params.text('actorId');
    if (actorId !== undefined) parseGlobalId(actorId, 'Actor', params.field('actorId'));
    return {
      type: params.oneOf('type', EventType),
      actorId,
      from: day('from'),
      to: day('to'),
      place: params.text('place'),
      search: params.text('search'),
      updatedSince: params.dateTime('updatedSince'),
    };
  },
  async readBatch(ctx, filter, afterId, limit) {
    const query = ctx.db.getRepository(Event).createQueryBuilder('event');
    applyEventFilter(query, 'event', filter);
    const events = await readBatch(query, afterId, limit);
    const { loaders } = ctx;
    const records = await Promise.all(
      events.map(async (event): Promise<EventRecord> => {
        const [place, participantRows, claims] = await Promise.all([
          event.placeId === null ? null : loaders.placeById.load(event.placeId),
          loaders.participantsByEventId.load(event.id),
          loaders.claimsByEventId.load(event.id),
        ]);
        const actors = await Promise.all(participantRows.map((row) => loaders.actorById.load(row.actorId)));
        const participants = participantRows.flatMap((row, i) => (actors[i] ? [{ actor: actors[i], role: row.role }] : []));
        const articles = presentOnly(
          await Promise.all(
            [...new Set(claims.map((claim) => claim.articleId))].map((id) => loaders.articleById.load(rowKey(id, ARTICLE_FIELDS))),
          ),
        );
        const sources = presentOnly(
          await Promise.all([...new Set(articles.map((a) => a.sourceId))].map((id) => loaders.sourceById.load(id))),
        );
        return { event, place, participants, claims, sources, articleUrls: presentOnly(articles.map((a) => a.url)) };
      }),
    );
    return { records, lastId: events.at(-1)?.id ?? null };
  },
  csvColumns: [
    'event_id',
    'event_date',
    'end_date',
    'year',
    'time_precision',
    'date_precision',
    'event_type',
    'sub_event_type',
    'actor1',
    'assoc_actor_1',
    'actor2',
    'assoc_actor_2',
    'country',
    'admin1',
    'admin2',
    'location',
    'latitude',
    'longitude',
    'geonames_id',
    'fatalities',
    'notes',
    'source',
    'source_urls',
    'claim_count',
    'timestamp',
  ],
  toJson({ event, place, participants, claims, sources }) {
    return {
      id: event.nodeId,
      type: event.type,
      subType: event.subType,
      description: event.description,
      date: event.date,
      endDate: event.endDate,
      datePrecision: event.datePrecision,
      fatalities: event.fatalities,
      place,
      participants: participants.map(({ actor, role }) => ({ role, actor: { id: actor.nodeId, name: actor.name, kind: actor.kind } })),
      claimIds: claims.map((claim) => claim.nodeId),
      sources: sources.map((source) => ({ id: source.nodeId, name: source.name })),
      createdAt: event.createdAt.toISOString(),
      updatedAt: event.updatedAt.toISOString(),
    };
  },
  toCsv({ event, place, participants, claims, sources, articleUrls }) {
    const { side1, side2 } = sides(participants);
    return {
      event_id: event.nodeId,
      event_date: event.date,
      end_date: event.endDate,
      year: event.date?.slice(0, 4),
      time_precision: ACLED_TIME_PRECISION[event.datePrecision],
      date_precision: event.datePrecision,
      event_type: ACLED_EVENT_TYPE[event.type],
      sub_event_type: event.subType,
      actor1: side1[0]?.name,
      assoc_actor_1: side1
        .slice(1)
        .map((actor) => actor.name)
        .join('; '),
      actor2: side2[0]?.name,
      assoc_actor_2: side2
        .slice(1)
        .map((actor) => actor.name)
        .join('; '),
      country: place?.country,
      admin1: place?.admin1,
      admin2: place?.admin2,
      location: place?.name,
      latitude: place?.latitude,
      longitude: place?.longitude,
      geonames_id: place?.geonamesId,
      fatalities: event.fatalities,
      notes: event.description,
      source: sources.map((source) => source.name).join('; '),
      source_urls: articleUrls.join('; '),
      claim_count: claims.length,
      timestamp: Math.floor(event.updatedAt.getTime() / 1000),
    };
  },
  toJsonLd({ event, place, participants, claims }) {
    return {
      '@context': { '@vocab': 'https://schema.org/', verbatim: 'urn:verbatim:vocab#' },
      '@type': 'Event',
      '@id': urn('event', event.nodeId),
      name: event.subType ?? ACLED_EVENT_TYPE[event.type],
      description: event.description ?? undefined,
      startDate: event.date ?? undefined,
      endDate: event.endDate ?? event.date ?? undefined,
      location:
        place === null
          ? undefined
          : {
              '@type': 'Place',
              name: place.name,
              address: { '@type': 'PostalAddress', addressRegion: place.admin1 ?? undefined, addressCountry: place.country ?? undefined },
              geo:
                place.latitude === null || place.longitude === null
                  ? undefined
                  : { '@type': 'GeoCoordinates', latitude: place.latitude, longitude: place.longitude },
              sameAs: place.geonamesId === null ? undefined : `https://sws.geonames.org/${place.geonamesId}/`,
            },
      // schema.org's Role pattern: the property holds a Role that holds the actor and its role name.
      actor: participants.map(({ actor, role }) => ({
        '@type': 'Role',
        roleName: role,
        actor: {
          '@id': urn('actor', actor.nodeId),
          '@type': actor.kind === ActorKind.PERSON ? 'Person' : 'Organization',
          name: actor.name,
        },
      })),
      subjectOf: claims.map((claim) => ({ '@id': `urn:verbatim:claim:${claim.nodeId}` })),
      'verbatim:eventType': event.type,
      'verbatim:datePrecision': event.datePrecision,
      'verbatim:fatalities': event.fatalities ?? undefined,
      dateModified: event.updatedAt.toISOString(),
    };
  },
};
