import type { EntityMetadata } from 'typeorm';

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
  const columns = metadata.columns.filter((column) => column.isSelect);
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
  };
}

function setValue(column: ColumnMetadata, entity: Record<string, unknown>, value: unknown): void {
  column.setEntityValue(entity, value);
}
