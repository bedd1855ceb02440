import DataLoader from 'dataloader';
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { keysetSql, pageFromRows, type Edge, type PageInfo, type PageWindow } from './pagination';
import { rowReader } from './row-reader';

/**
 * Rows by id, one result per key in key order (null where missing): one plain statement, its
 * rows made into entities without the query builder (src/common/row-reader.ts).
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(repo: Repository<T>): DataLoader<string, T | null> {
  const reader = rowReader(repo.metadata);
  const sql = `SELECT ${reader.columns('child')} FROM "${repo.metadata.tableName}" child WHERE child.id = ANY(CAST($1 AS bigint[]))`;
  return new DataLoader(async (ids) => {
    const raw: Array<Record<string, unknown>> = await repo.manager.query(sql, [ids]);
    const byId = new Map<string, T>();
    for (const row of raw) {
      const entity = reader.entity<T>(row);
      byId.set(entity.id, entity);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Reads one page of a top-level list ordered by an integer key column. */
export async function readPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keyProperty: keyof T & string,
  window: PageWindow,
): Promise<Page<T>> {
  const key = `${query.alias}.${keyProperty}`;
  const { where, params, order } = keysetSql(window, key);
  for (const condition of where) query.andWhere(condition, params);
  query.orderBy(key, order);
  const rows = await plainEntities(query, window.limit + 1);
  return pageFromRows(rows, window, (row) => row[keyProperty] as string | number);
}

/**
 * The query's entities, at most `limit`: without joins, its raw rows made into entities by the
 * row reader (no TypeORM hydration); with joins (a row per joined match), TypeORM's getMany,
 * which folds them into one entity each.
 */
async function plainEntities<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, limit: number): Promise<T[]> {
  if (query.expressionMap.joinAttributes.length > 0) return query.take(limit).getMany();
  const raw: Array<Record<string, unknown>> = await query.limit(limit).getRawMany();
  const reader = rowReader(query.expressionMap.mainAlias!.metadata);
  return raw.map((row) => reader.entity<T>(row, query.alias));
}

export interface ChildPageKey<F = undefined> {
  parentId: string;
  window: PageWindow;
  filter?: F;
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

/**
 * "The first N children of each parent", for a nested connection: one statement per batch,
 * however many parents are asked for. Each parent's page is read by a LATERAL subquery with
 * its own ORDER BY ... LIMIT, so an index on (parent, key) reads only the page, not every child
 * of the parent (a window function over all children would read a source's whole archive).
 * Keys with different windows or filters are batched in separate statements.
 */
export function childPageLoader<T extends ObjectLiteral, F = undefined>(
  repo: Repository<T>,
  keyProperty: keyof T & string,
  spec: ChildSpec<T, F>,
): DataLoader<ChildPageKey<F>, Page<T>, string> {
  const keyColumn = `child.${columnName(repo, keyProperty)}`;
  const table = repo.metadata.tableName;
  const columns = rowReader(repo.metadata).columns('child');
  return new DataLoader(
    async (keys) => {
      const pages = new Map<string, Page<T>>();
      for (const group of groupBy(keys, (key) => JSON.stringify([key.window, key.filter ?? null]))) {
        const { window, filter } = group[0];
        const { where, params, order } = keysetSql(window, keyColumn);
        const page = repo.createQueryBuilder('child');
        spec.join?.(page);
        page.select('child.id', 'id').addSelect(keyColumn, 'sort_key').where(`${spec.parent} = parent_ids.parent_id`);
        spec.scope?.(page, filter);
        for (const condition of where) page.andWhere(condition, params);
        const [pageSql, pageParams]: [string, unknown[]] = page
          .orderBy(keyColumn, order)
          .limit(window.limit + 1)
          .getQueryAndParameters();
        const raw: Array<Record<string, unknown>> = await repo.manager.query(
          `SELECT ${columns}, parent_ids.parent_id AS page_parent
           FROM unnest(CAST($${pageParams.length + 1} AS bigint[])) AS parent_ids(parent_id)
           CROSS JOIN LATERAL (${pageSql}) page
           JOIN "${table}" child ON child.id = page.id
           ORDER BY page.sort_key ${order}`,
          [...pageParams, group.map((key) => key.parentId)],
        );
        const byParent = groupRows(repo, raw);
        for (const key of group) {
          const children = byParent.get(key.parentId) ?? [];
          pages.set(
            pageKey(key),
            pageFromRows(children, window, (row) => row[keyProperty] as string | number),
          );
        }
      }
      return keys.map((key) => pages.get(pageKey(key)) as Page<T>);
    },
    { cacheKeyFn: pageKey },
  );
}

/** All children of each parent (a short list, not a connection), in `keyProperty` order. */
export function childListLoader<T extends ObjectLiteral, F = undefined>(
  repo: Repository<T>,
  keyProperty: keyof T & string,
  spec: ChildSpec<T, F>,
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const raw: Array<Record<string, unknown>> = await childQuery(repo, spec, [...parentIds], undefined)
      .addSelect(spec.parent, 'page_parent')
      .orderBy(`child.${columnName(repo, keyProperty)}`, 'ASC')
      .getRawMany();
    const byParent = groupRows(repo, raw);
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
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
  query.where(`${spec.parent} IN (:...parentIds)`, { parentIds });
  spec.scope?.(query, filter);
  return query;
}

/** Turns raw rows (entity columns plus `page_parent`) into entities grouped by parent id, in row order. */
function groupRows<T extends ObjectLiteral>(repo: Repository<T>, raw: Array<Record<string, unknown>>): Map<string, T[]> {
  const reader = rowReader(repo.metadata);
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

function pageKey<F>(key: ChildPageKey<F>): string {
  return JSON.stringify([key.parentId, key.window, key.filter ?? null]);
}

function groupBy<K>(keys: readonly K[], signature: (key: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(signature(key), [...(groups.get(signature(key)) ?? []), key]);
  return [...groups.values()];
}
