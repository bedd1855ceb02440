import { ALL_FIELDS, type FieldSelection } from './field-selection';

/**
 * A row by id, with the GraphQL selection it must answer (field-selection.ts): a plain id reads
 * every column. Keys batched together read the union of their selections in one statement.
 */
export type RowKey = string | { id: string; fields: FieldSelection };

export function rowKey(id: string, fields: FieldSelection): RowKey {
  return { id, fields };
}

export function keyId(key: RowKey): string {
  return typeof key === 'string' ? key : key.id;
}

export function keyFields(key: RowKey): FieldSelection {
  return typeof key === 'string' ? ALL_FIELDS : key.fields;
}

/** The cache key of a by-id loader: the id and the selection's key. */
export function rowCacheKey(key: RowKey): string {
  return `${keyId(key)}|${keyFields(key).key}`;
}
