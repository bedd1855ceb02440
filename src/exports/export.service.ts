import { stringify } from 'csv-stringify/sync';
import type { Context } from '../context';
import { badInput, VerbatimError } from '../common/errors';
import { actorExport } from './actor-export';
import { articleExport } from './article-export';
import { claimExport } from './claim-export';
import { eventExport } from './event-export';
import type { ExportParams } from './export-params';
import { EXPORT_FORMATS, EXPORT_KINDS, type AnyExportSource, type ExportFormat, type ExportKind } from './export-source';
import { mentionExport } from './mention-export';

export const EXPORT_SOURCES: Record<ExportKind, AnyExportSource> = {
  claims: claimExport,
  events: eventExport,
  actors: actorExport,
  mentions: mentionExport,
  articles: articleExport,
};

/** An export checked and ready to run: refusals (bad kind, format or filter) happen here, before any output. */
export interface ExportPlan {
  source: AnyExportSource;
  format: ExportFormat;
  filter: unknown;
}

export function planExport(kind: string, format: string, params: ExportParams): ExportPlan {
  // An export of nothing is a route of nothing: 404, as for every unknown path.
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) {
    throw new VerbatimError('NOT_FOUND', `There is no export of "${kind.slice(0, 50)}"; exports: ${EXPORT_KINDS.join(', ')}`, {
      field: params.field('kind'),
    });
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw badInput(params.field('format'), `Formats: ${EXPORT_FORMATS.join(', ')}`);
  const source = EXPORT_SOURCES[kind as ExportKind];
  const filter: unknown = source.parseFilter(params);
  params.rejectUnknown(kind);
  return { source, format: format as ExportFormat, filter };
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  // One JSON-LD document per line (each with its @context), so it streams like NDJSON.
  jsonld: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Writes every record of the plan the viewer may see, in id order, and returns how many. Reads
 * keyset batches with fresh loaders per batch (memory stays flat however large the export), and
 * waits for `write` (backpressure) before reading the next batch. Stops after `maxRows`.
 */
export async function runExport(
  ctx: Context,
  plan: ExportPlan,
  newLoaders: () => Context['loaders'],
  write: (chunk: string) => Promise<void>,
  maxRows = Number.POSITIVE_INFINITY,
): Promise<number> {
  const { source, format, filter } = plan;
  let afterId = '0';
  let written = 0;
  for (;;) {
    const limit = Math.min(source.batchSize, maxRows - written);
    const { records, lastId } =
      limit > 0 ? await source.readBatch({ ...ctx, loaders: newLoaders() }, filter, afterId, limit) : { records: [], lastId: null };
    const chunk = serialise(source, format, records, written === 0);
    if (chunk !== '') await write(chunk);
    written += records.length;
    if (lastId === null) return written;
    afterId = lastId;
  }
}

function serialise(source: AnyExportSource, format: ExportFormat, records: unknown[], first: boolean): string {
  switch (format) {
    case 'ndjson':
      return records.map((record) => `${JSON.stringify(source.toJson(record))}\n`).join('');
    case 'jsonld':
      return records.map((record) => `${JSON.stringify(source.toJsonLd(record))}\n`).join('');
    case 'csv':
      // The header comes once, even for an empty export, so a reader always knows the columns.
      if (records.length === 0) return first ? stringify([source.csvColumns]) : '';
      return stringify(
        records.map((record) => source.toCsv(record)),
        { header: first, columns: [...source.csvColumns], cast: { boolean: (value) => String(value) } },
      );
  }
}
