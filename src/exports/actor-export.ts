import type { ActorAlias } from '../actors/actor-alias.entity';
import type { ActorExternalId } from '../actors/actor-external-id.entity';
import { applyActorFilter } from '../actors/actor-criteria';
import { Actor, ActorKind } from '../actors/actor.entity';
import { readBatch } from '../common/list-query';
import { toGlobalId } from '../common/global-id';
import { badInput } from '../common/errors';
import { urn, type ExportSource } from './export-source';

interface ActorExportFilter {
  kind?: ActorKind;
  includeMerged?: boolean;
  updatedSince?: Date;
}

export interface ActorRecord {
  actor: Actor;
  aliases: readonly ActorAlias[];
  externalIds: readonly ActorExternalId[];
}

const SCHEMA_TYPE: Record<ActorKind, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  ARMED_GROUP: 'Organization',
  POLITICAL_PARTY: 'Organization',
  GOVERNMENT_BODY: 'GovernmentOrganization',
  STATE: 'GovernmentOrganization',
  OTHER: 'Thing',
};

/** Where an external id can be looked up, for schema.org's sameAs. */
function externalUrl({ system, value }: ActorExternalId): string | null {
  if (system === 'wikidata') return `https://www.wikidata.org/wiki/${value}`;
  if (system === 'geonames') return `https://sws.geonames.org/${value}/`;
  return null;
}

export const actorExport: ExportSource<ActorExportFilter, ActorRecord> = {
  kind: 'actors',
  batchSize: 500,
  parseFilter(params) {
    // Search ranks by similarity; an export is in id order, so it filters by the other fields only.
    if (params.text('search') !== undefined)
      throw badInput(params.field('search'), 'The actors export does not search; filter by kind or updatedSince');
    return {
      kind: params.oneOf('kind', ActorKind),
      includeMerged: params.boolean('includeMerged'),
      updatedSince: params.dateTime('updatedSince'),
    };
  },
  async readBatch(ctx, filter, afterId, limit) {
    const query = ctx.db.getRepository(Actor).createQueryBuilder('actor');
    applyActorFilter(query, 'actor', filter);
    const actors = await readBatch(query, afterId, limit);
    const records = await Promise.all(
      actors.map(async (actor) => {
        const [aliases, externalIds] = await Promise.all([
          ctx.loaders.aliasesByActorId.load(actor.id),
          ctx.loaders.externalIdsByActorId.load(actor.id),
        ]);
        return { actor, aliases, externalIds };
      }),
    );
    return { records, lastId: actors.at(-1)?.id ?? null };
  },
  csvColumns: ['actor_id', 'name', 'kind', 'description', 'aliases', 'external_ids', 'merged_into_id', 'created_at', 'updated_at'],
  toJson({ actor, aliases, externalIds }) {
    return {
      id: actor.nodeId,
      name: actor.name,
      kind: actor.kind,
      description: actor.description,
      aliases: aliases.map((alias) => ({ name: alias.name, language: alias.language })),
      externalIds: externalIds.map(({ system, value }) => ({ system, value })),
      mergedIntoId: actor.mergedIntoId === null ? null : toGlobalId('Actor', actor.mergedIntoId),
      createdAt: actor.createdAt.toISOString(),
      updatedAt: actor.updatedAt.toISOString(),
    };
  },
  toCsv({ actor, aliases, externalIds }) {
    return {
      actor_id: actor.nodeId,
      name: actor.name,
      kind: actor.kind,
      description: actor.description,
      aliases: aliases.map((alias) => alias.name).join('; '),
      external_ids: externalIds.map(({ system, value }) => `${system}:${value}`).join('; '),
      merged_into_id: actor.mergedIntoId === null ? null : toGlobalId('Actor', actor.mergedIntoId),
      created_at: actor.createdAt.toISOString(),
      updated_at: actor.updatedAt.toISOString(),
    };
  },
  toJsonLd({ actor, aliases, externalIds }) {
    return {
      '@context': { '@vocab': 'https://schema.org/', verbatim: 'urn:verbatim:vocab#' },
      '@type': SCHEMA_TYPE[actor.kind],
      '@id': urn('actor', actor.nodeId),
      name: actor.name,
      alternateName: aliases.map((alias) => alias.name),
      description: actor.description ?? undefined,
      identifier: externalIds.map(({ system, value }) => ({ '@type': 'PropertyValue', propertyID: system, value })),
      sameAs: externalIds.map(externalUrl).filter((url) => url !== null),
      'verbatim:kind': actor.kind,
      'verbatim:mergedInto': actor.mergedIntoId === null ? undefined : { '@id': urn('actor', toGlobalId('Actor', actor.mergedIntoId)) },
      dateModified: actor.updatedAt.toISOString(),
    };
  },
};
