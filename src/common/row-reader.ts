import type { EntityMetadata } from 'typeorm';
import { ALL_FIELDS, declaredFieldColumns, type FieldSelection } from './field-selection';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Reads an entity's rows without TypeORM's query builder and hydration (which cost more CPU per
 * request than the statement itself: docs/benchmarks.md): the select list and a setter per
 * column are worked out once per entity, and a row becomes an entity by plain assignment.
 * Values arrive as `pg` parses them (bigint as string, timestamptz as Date); only columns whose
 * TypeORM type changes the value (a `date`, a transformer) go through the driver's conversion,
 * and embedded columns (Claim.extraction) through TypeORM's own setter.
 */
export interface RowReader {
  /** `alias."column" AS "alias_column", ...` for every selectable column (not the search vectors). */
  columns(alias: string): string;
  /** The entity in raw row `row`, whose columns are aliased as `columns(alias)` names them (default alias `child`). */
  entity<T>(row: Record<string, unknown>, alias?: string): T;
  /**
   * The reader of only the columns behind `selection`'s fields (field-selection.ts), plus the id
   * and the `required` properties (keys a cursor, join or group needs); every column when a field
   * is neither a column nor declared. Its entities lack the other properties.
   */
  select(selection: FieldSelection, required?: readonly string[]): RowReader;
}

const readers = new WeakMap<EntityMetadata, RowReader>();

export function rowReader(metadata: EntityMetadata): RowReader {
  let reader = readers.get(metadata);
  if (reader === undefined) {
    reader = makeReader(metadata);
    readers.set(metadata, reader);
  }
  return reader;
}

/** Column types whose `pg` value is already what TypeORM would hydrate. */
const AS_PARSED = new Set([
  'bigint',
  'int',
  'integer',
  'text',
  'char',
  'varchar',
  'character varying',
  'timestamptz',
  'double precision',
  'enum',
  'boolean',
]);

function makeReader(metadata: EntityMetadata): RowReader {
  // Columns marked select: false (the article search vector) are never read into entities.
  const all = metadata.columns.filter((column) => column.isSelect);
  // Readers of column subsets, one per selection and requirement, made on first use.
  const subsets = new Map<string, RowReader>();
  const select: Select = (selection, required = []) => {
    if (selection === ALL_FIELDS && required.length === 0) return full;
    const key = `${selection.key}|${required.join(',')}`;
    let reader = subsets.get(key);
    if (reader === undefined) {
      const wanted = selection === ALL_FIELDS ? null : wantedColumns(metadata, selection, required);
      reader =
        wanted === null
          ? full
          : readerOf(
              metadata,
              all.filter((column) => wanted.has(column)),
              select,
            );
      subsets.set(key, reader);
    }
    return reader;
  };
  const full = readerOf(metadata, all, select);
  return full;
}

type Select = RowReader['select'];

/** The columns behind the fields and properties; null when some field needs them all. */
function wantedColumns(metadata: EntityMetadata, selection: FieldSelection, required: readonly string[]): Set<ColumnMetadata> | null {
  const declared = declaredFieldColumns(metadata.target as object);
  const wanted = new Set<ColumnMetadata>();
  const addProperty = (property: string): boolean => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (column !== undefined) {
      wanted.add(column);
      return true;
    }
    const embedded = metadata.embeddeds.find((candidate) => candidate.propertyName === property);
    if (embedded === undefined) return false;
    for (const embeddedColumn of embedded.columns) wanted.add(embeddedColumn);
    return true;
  };
  for (const property of ['id', ...required]) if (!addProperty(property)) throw new Error(`${metadata.name} has no column ${property}`);
  for (const field of selection.fields) {
    if (field === '__typename') continue;
    const needs = declared[field];
    if (needs !== undefined) {
      for (const property of needs) if (!addProperty(property)) return null;
    } else if (!addProperty(field)) return null;
  }
  return wanted;
}

function readerOf(metadata: EntityMetadata, columns: ColumnMetadata[], select: Select): RowReader {
  const driver = metadata.connection.driver;
  const setters = columns.map((column) => {
    const plain = column.embeddedMetadata === undefined && column.transformer === undefined && AS_PARSED.has(String(column.type));
    const name = column.databaseName;
    const property = column.propertyName;
    return plain
      ? (entity: Record<string, unknown>, row: Record<string, unknown>, prefix: string) => {
          entity[property] = row[prefix + name];
        }
      : (entity: Record<string, unknown>, row: Record<string, unknown>, prefix: string) => {
          setValue(column, entity, driver.prepareHydratedValue(row[prefix + name], column));
        };
  });
  const target = metadata.target as new () => Record<string, unknown>;
  const lists = new Map<string, string>();
  return {
    columns(alias) {
      let list = lists.get(alias);
      if (list === undefined) {
        list = columns.map((column) => `${alias}."${column.databaseName}" AS "${alias}_${column.databaseName}"`).join(', ');
        lists.set(alias, list);
      }
      return list;
    },
    entity<T>(row: Record<string, unknown>, alias = 'child'): T {
      const entity = new target();
      const prefix = `${alias}_`;
      for (const set of setters) set(entity, row, prefix);
      return entity as T;
    },
    select,
  };
}

function setValue(column: ColumnMetadata, entity: Record<string, unknown>, value: unknown): void {
  column.setEntityValue(entity, value);
}
