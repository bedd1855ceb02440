import type { EntityManager } from 'typeorm';
import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { keyOrdering, listWindow, readConnection } from '../common/list-query';
import type { Context } from '../context';
import { Source, SourceKind } from './source.entity';
import type { SourceFilter, SourceInput } from './source.inputs';
import { SourceConnection } from './source.types';
import { requiredText } from '../common/text-input';

export async function listSources(
  ctx: Context,
  args: ConnectionArgs,
  filter: SourceFilter = {},
  fields: FieldSelection = ALL_FIELDS,
): Promise<SourceConnection> {
  const window = listWindow(args, keyOrdering('source.id'));
  const query = () => {
    const sources = ctx.db.getRepository(Source).createQueryBuilder('source');
    if (filter.updatedSince != null) sources.andWhere('source.updated_at >= :updatedSince', { updatedSince: filter.updatedSince });
    return sources;
  };
  return readConnection(SourceConnection, query, window, { fields, peers: ctx.loaders });
}

/** Lowercase host without "www.", from the domain given or else from the url. */
export function sourceDomain(input: SourceInput): string | null {
  const host = input.domain ?? (input.url != null ? new URL(input.url).hostname : undefined);
  return host === undefined
    ? null
    : host
        .toLowerCase()
        .replace(/^www\./, '')
        .replace(/\.$/, '');
}

function sourceName(input: SourceInput): string {
  return requiredText(input.name, 'input.source.name');
}

/** What creators of this source lock (by domain, else by name): a bulk ingest takes these first, in order. */
export function sourceCreationKey(input: SourceInput): string {
  return `source:${sourceDomain(input) ?? sourceName(input)}`;
}

/** Held till the transaction ends; taking it again in the same transaction returns at once. */
export async function lockSourceCreation(manager: EntityManager, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/** lockSourceCreation if no other transaction holds it; false if one does. */
export async function tryLockSourceCreation(manager: EntityManager, key: string): Promise<boolean> {
  const [row] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [
    key,
  ]);
  return row.locked;
}

/** The source with this domain (else this name), created when missing; inside the caller's transaction. */
export async function findSource(manager: EntityManager, input: SourceInput): Promise<Source | null> {
  const domain = sourceDomain(input);
  const sources = manager.getRepository(Source);
  return domain !== null ? sources.findOneBy({ domain }) : sources.findOne({ where: { name: sourceName(input) }, order: { id: 'ASC' } });
}

export async function findOrCreateSource(manager: EntityManager, input: SourceInput): Promise<Source> {
  const domain = sourceDomain(input);
  // Sources are never deleted: one found needs no lock (which a bulk ingest's batch would hold till it commits).
  const found = await findSource(manager, input);
  if (found !== null) return found;
  // Serialise creators of the same source so two concurrent ingests do not both insert it.
  await lockSourceCreation(manager, sourceCreationKey(input));
  const existing = await findSource(manager, input);
  if (existing !== null) return existing;
  return manager.getRepository(Source).save(
    manager.getRepository(Source).create({
      name: sourceName(input),
      domain,
      url: input.url ?? null,
      kind: input.kind ?? SourceKind.OTHER,
      country: null,
      language: null,
    }),
  );
}
