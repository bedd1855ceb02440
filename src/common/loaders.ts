import DataLoader from 'dataloader';
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { ConnectionArgs, Page } from './connection';
import { ALL_FIELDS, unionOf, type FieldSelection } from './field-selection';
import { keyOrdering, keysetSql, listWindow, pageFromRows, type ListWindow } from './list-query';
import { keyFields, keyId, rowCacheKey, type RowKey } from './row-key';
import { rowReader, type RowReader } from './row-reader';
import { addJoins, joinClauses, joinColumns, planJoins, primeJoined, type Peers } from './to-one';

export { rowKey, type RowKey } from './row-key';
export type { Peers } from './to-one';

/**
 * Rows by id, one result per key in key order (null where missing): one plain statement, its
 * rows made into entities without TypeORM's hydration (src/common/row-reader.ts). `scope` adds
 * conditions on the rows (aliased `child`) that the viewer may see; without one, the statement
 * is written by hand, without the query builder. The selected to-one fields of the rows are
 * joined and primed into `peers` (to-one.ts).
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  peers: Peers,
  repo: Repository<T>,
  scope?: (query: SelectQueryBuilder<T>) => void,
): DataLoader<RowKey, T | null, string> {
  const table = repo.metadata.tableName;
  return new DataLoader(
    async (keys) => {
      const selections = keys.map(keyFields);
      const reader = readerFor(repo, selections);
      const joins = planJoins(repo.metadata, 'child', selections);
      const ids = [...new Set(keys.map(keyId))];
      let raw: Array<Record<string, unknown>>;
      if (scope === undefined) {
        const sql = `SELECT ${reader.columns('child')}${joinColumns(joins)} FROM "${table}" child${joinClauses(joins)} WHERE child.id = ANY(CAST($1 AS bigint[]))`;
        raw = await repo.manager.query(sql, [ids]);
      } else {
        const query = repo
          .createQueryBuilder('child')
          .select(reader.columns('child'))
          .where('child.id = ANY(CAST(:ids AS bigint[]))', { ids });
        addJoins(query, joins);
        scope(query);
        raw = await query.getRawMany();
      }
      primeJoined(joins, raw, peers);
      const byId = new Map<string, T>();
      for (const row of raw) {
        const entity = reader.entity<T>(row);
        byId.set(entity.id, entity);
      }
      return keys.map((key) => byId.get(keyId(key)) ?? null);
    },
    { cacheKeyFn: rowCacheKey },
  );
}

/** The reader of the columns every one of `selections` needs (all columns if one asks for all). */
function readerFor<T extends ObjectLiteral>(
  repo: Repository<T>,
  selections: FieldSelection[],
  required: readonly string[] = [],
): RowReader {
  return rowReader(repo.metadata).select(unionOf(selections), required);
}

export interface ChildPageKey<F = undefined> {
  parentId: string;
  window: ListWindow;
  filter?: F;
  /** The selection of the page's nodes; every column when absent. */
  fields?: FieldSelection;
}

/**
 * How children hang from their parents, for the child loaders below. The query's alias is
 * `child`; `parent` is the SQL expression giving a row's parent id (a column of `child`, or of
 * a table `join` adds); `scope` adds conditions every row must meet (visibility, filters).
 */
export interface ChildSpec<T extends ObjectLiteral, F> {
  parent: string;
  join?: (query: SelectQueryBuilder<T>) => void;
  scope?: (query: SelectQueryBuilder<T>, filter: F | undefined) => void;
}

/** The window of a nested connection's page: in key order, with plain key cursors (childPageLoader). */
export function childPageWindow(args: ConnectionArgs): ListWindow {
  return listWindow(args, CHILD_ORDERING);
}

const CHILD_ORDERING = keyOrdering('key');

/**
 * "The first N children of each parent", for a nested connection: one statement per batch,
 * however many parents are asked for. Each parent's page is read by a LATERAL subquery with
 * its own ORDER BY ... LIMIT, so an index on (parent, key) reads only the page, not every child
 * of the parent (a window function over all children would read a source's whole archive).
 * Keys with different windows or filters are batched in separate statements; their selections
 * are read together. Pages are in key order with plain key cursors (list-query.ts keyOrdering).
 */
export function childPageLoader<T extends ObjectLiteral, F = undefined>(
  peers: Peers,
  repo: Repository<T>,
  keyProperty: keyof T & string,
  spec: ChildSpec<T, F>,
): DataLoader<ChildPageKey<F>, Page<T>, string> {
  const keyColumn = `child.${columnName(repo, keyProperty)}`;
  const table = repo.metadata.tableName;
  const ordering = keyOrdering(keyColumn);
  return new DataLoader(
    async (keys) => {
      const pages = new Map<string, Page<T>>();
      for (const group of groupBy(keys, (key) => JSON.stringify([windowKey(key.window), key.filter ?? null]))) {
        const { filter } = group[0];
        const window = { ...group[0].window, ordering };
        const selections = group.map((key) => key.fields ?? ALL_FIELDS);
        const reader = readerFor(repo, selections, [keyProperty]);
        const joins = planJoins(repo.metadata, 'child', selections);
        const { where, params, orderBy } = keysetSql(window, 'page');
        const page = repo.createQueryBuilder('child');
        spec.join?.(page);
        page.select('child.id', 'id').addSelect(keyColumn, 'sort_key').where(`${spec.parent} = parent_ids.parent_id`);
        spec.scope?.(page, filter);
        for (const condition of where) page.andWhere(condition, params);
        const [pageSql, pageParams]: [string, unknown[]] = page
          .orderBy(...orderBy[0])
          .limit(window.limit + 1)
          .getQueryAndParameters();
        const raw: Array<Record<string, unknown>> = await repo.manager.query(
          `SELECT ${reader.columns('child')}${joinColumns(joins)}, parent_ids.parent_id AS page_parent
           FROM unnest(CAST($${pageParams.length + 1} AS bigint[])) AS parent_ids(parent_id)
           CROSS JOIN LATERAL (${pageSql}) page
           JOIN "${table}" child ON child.id = page.id${joinClauses(joins)}
           ORDER BY page.sort_key ${orderBy[0][1]}`,
          [...pageParams, group.map((key) => key.parentId)],
        );
        primeJoined(joins, raw, peers);
        const byParent = groupRows<T>(reader, raw);
        for (const key of group) {
          const children = byParent.get(key.parentId) ?? [];
          pages.set(
            pageKey(key),
            pageFromRows(children, window, (row) => [String(row[keyProperty])]),
          );
        }
      }
      return keys.map((key) => pages.get(pageKey(key)) as Page<T>);
    },
    { cacheKeyFn: pageKey },
  );
}

/** A parent's key for a child list loader, with the selection of the children; a plain id reads every column. */
export type ChildListKey = string | { parentId: string; fields: FieldSelection };

/** All children of each parent (a short list, not a connection), in `keyProperty` order. */
export function childListLoader<T extends ObjectLiteral, F = undefined>(
  peers: Peers,
  repo: Repository<T>,
  keyProperty: keyof T & string,
  spec: ChildSpec<T, F>,
): DataLoader<ChildListKey, T[], string> {
  const parentOf = (key: ChildListKey) => (typeof key === 'string' ? key : key.parentId);
  const fieldsOf = (key: ChildListKey) => (typeof key === 'string' ? ALL_FIELDS : key.fields);
  return new DataLoader(
    async (keys) => {
      const selections = keys.map(fieldsOf);
      const reader = readerFor(repo, selections, [keyProperty]);
      const joins = planJoins(repo.metadata, 'child', selections);
      const query = childQuery(repo, spec, [...new Set(keys.map(parentOf))], undefined)
        .select(reader.columns('child'))
        .addSelect(spec.parent, 'page_parent');
      addJoins(query, joins);
      const raw: Array<Record<string, unknown>> = await query.orderBy(`child.${columnName(repo, keyProperty)}`, 'ASC').getRawMany();
      primeJoined(joins, raw, peers);
      const byParent = groupRows<T>(reader, raw);
      return keys.map((key) => byParent.get(parentOf(key)) ?? []);
    },
    { cacheKeyFn: (key) => `${parentOf(key)}|${fieldsOf(key).key}` },
  );
}

/** Counts of children per parent, one statement per batch. */
export function childCountLoader<T extends ObjectLiteral, F = undefined>(
  repo: Repository<T>,
  spec: ChildSpec<T, F>,
): DataLoader<{ parentId: string; filter?: F }, number, string> {
  return new DataLoader(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const group of groupBy(keys, (key) => JSON.stringify(key.filter ?? null))) {
        const rows: Array<{ parent: string; count: string }> = await childQuery(
          repo,
          spec,
          group.map((key) => key.parentId),
          group[0].filter,
        )
          .select(spec.parent, 'parent')
          .addSelect('count(DISTINCT child.id)', 'count')
          .groupBy(spec.parent)
          .getRawMany();
        for (const row of rows) counts.set(JSON.stringify([String(row.parent), group[0].filter ?? null]), Number(row.count));
      }
      return keys.map((key) => counts.get(JSON.stringify([key.parentId, key.filter ?? null])) ?? 0);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.filter ?? null]) },
  );
}

function childQuery<T extends ObjectLiteral, F>(repo: Repository<T>, spec: ChildSpec<T, F>, parentIds: string[], filter: F | undefined) {
  const query = repo.createQueryBuilder('child');
  spec.join?.(query);
  // One array parameter, not one per parent: the same statement text whatever the batch size.
  query.where(`${spec.parent} = ANY(CAST(:parentIds AS bigint[]))`, { parentIds });
  spec.scope?.(query, filter);
  return query;
}

/** Turns raw rows (entity columns plus `page_parent`) into entities grouped by parent id, in row order. */
function groupRows<T extends ObjectLiteral>(reader: RowReader, raw: Array<Record<string, unknown>>): Map<string, T[]> {
  const byParent = new Map<string, T[]>();
  for (const row of raw) {
    const entity = reader.entity<T>(row);
    const parent = String(row.page_parent);
    const siblings = byParent.get(parent);
    if (siblings === undefined) byParent.set(parent, [entity]);
    // A join can yield a child twice for one parent (a claim with two spans in one sentence).
    else if (!siblings.some((sibling) => sibling.id === entity.id)) siblings.push(entity);
  }
  return byParent;
}

function columnName<T extends ObjectLiteral>(repo: Repository<T>, property: string): string {
  const found = repo.metadata.findColumnWithPropertyName(property);
  if (found === undefined) throw new Error(`${repo.metadata.name} has no column ${property}`);
  return `"${found.databaseName}"`;
}

function windowKey(window: ListWindow) {
  return [window.forward, window.limit, window.after, window.before];
}

function pageKey<F>(key: ChildPageKey<F>): string {
  return JSON.stringify([key.parentId, windowKey(key.window), key.filter ?? null, key.fields?.key ?? '*']);
}

function groupBy<K>(keys: readonly K[], signature: (key: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(signature(key), [...(groups.get(signature(key)) ?? []), key]);
  return [...groups.values()];
}
