import type { Context } from '../context';
import type { ExportParams } from './export-params';

export const EXPORT_KINDS = ['claims', 'events', 'actors', 'mentions', 'articles'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['ndjson', 'csv', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A CSV cell before writing: null and undefined are written as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One kind of export: how to read it in keyset batches (id order, the viewer's visibility
 * applied by the queries and loaders of `ctx`) and how to write one record in each format.
 */
export interface ExportSource<Filter, Record> {
  kind: ExportKind;
  /** Rows read per statement; smaller for kinds whose rows are large (article bodies). */
  batchSize: number;
  parseFilter(params: ExportParams): Filter;
  /** Up to `limit` records with id above `afterId`, in id order, and the last id read. */
  readBatch(ctx: Context, filter: Filter, afterId: string, limit: number): Promise<{ records: Record[]; lastId: string | null }>;
  /** The CSV header, in order (docs/partners.md lists them with their meaning). */
  csvColumns: readonly string[];
  toJson(record: Record): object;
  toCsv(record: Record): { [column: string]: CsvValue };
  toJsonLd(record: Record): object;
}

/** Type-erased, for the table of kinds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExportSource = ExportSource<any, any>;

export function urn(kind: 'actor' | 'event' | 'mention' | 'article' | 'source' | 'claim' | 'sentence', globalId: string): string {
  return `urn:verbatim:${kind}:${globalId}`;
}

export function isoOrNull(date: Date | null | undefined): string | null {
  return date == null ? null : date.toISOString();
}

export function presentOnly<T>(values: ReadonlyArray<T | null | undefined>): T[] {
  return values.filter((value): value is T => value != null);
}
