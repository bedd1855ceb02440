import DataLoader from 'dataloader';
import { In, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { keysetSql, pageFromRows, type Edge, type PageInfo, type PageWindow } from './pagination';

/** Rows by id, one result per key in key order (null where missing). */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(repo: Repository<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await repo.findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
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
  const rows = await query
    .orderBy(key, order)
    .take(window.limit + 1)
    .getMany();
  return pageFromRows(rows, window, (row) => row[keyProperty] as string | number);
}

export interface ChildPageKey {
  parentId: string;
  window: PageWindow;
}

/**
 * "The first N children of each parent", for a nested connection: one statement per batch
 * (a window function ranks children within each parent), however many parents are asked for.
 * Keys with different windows (first/after/...) are batched in separate statements.
 */
export function childPageLoader<T extends ObjectLiteral>(
  repo: Repository<T>,
  parentProperty: keyof T & string,
  keyProperty: keyof T & string,
): DataLoader<ChildPageKey, Page<T>, string> {
  const column = (property: string): string => {
    const found = repo.metadata.findColumnWithPropertyName(property);
    if (found === undefined) throw new Error(`${repo.metadata.name} has no column ${property}`);
    return `"${found.databaseName}"`;
  };
  const parentColumn = column(parentProperty);
  const keyColumn = column(keyProperty);

  return new DataLoader(
    async (keys) => {
      const pages = new Map<string, Page<T>>();
      for (const group of groupByWindow(keys)) {
        const { window } = group[0];
        const { where, params, order } = keysetSql(window, `ranked.${keyColumn}`);
        const ranked = repo
          .createQueryBuilder('ranked')
          .select('ranked.id', 'id')
          .addSelect(`row_number() OVER (PARTITION BY ranked.${parentColumn} ORDER BY ranked.${keyColumn} ${order})`, 'rank')
          .where(`ranked.${parentColumn} IN (:...parentIds)`, { parentIds: group.map((key) => key.parentId) });
        for (const condition of where) ranked.andWhere(condition, params);
        const rows = await repo
          .createQueryBuilder('child')
          .where(`child.id IN (SELECT id FROM (${ranked.getQuery()}) AS page WHERE page.rank <= :pageLimit)`)
          .setParameters({ ...ranked.getParameters(), pageLimit: window.limit + 1 })
          .orderBy(`child.${keyProperty}`, order)
          .getMany();
        for (const key of group) {
          const children = rows.filter((row) => String(row[parentProperty]) === key.parentId);
          pages.set(
            cacheKey(key),
            pageFromRows(children, window, (row) => row[keyProperty] as string | number),
          );
        }
      }
      return keys.map((key) => pages.get(cacheKey(key)) as Page<T>);
    },
    { cacheKeyFn: cacheKey },
  );
}

function cacheKey(key: ChildPageKey): string {
  return JSON.stringify([key.parentId, key.window]);
}

function groupByWindow(keys: readonly ChildPageKey[]): ChildPageKey[][] {
  const groups = new Map<string, ChildPageKey[]>();
  for (const key of keys) {
    const signature = JSON.stringify(key.window);
    groups.set(signature, [...(groups.get(signature) ?? []), key]);
  }
  return [...groups.values()];
}

/** Counts of children per parent, one statement per batch. */
export function childCountLoader<T extends ObjectLiteral>(
  repo: Repository<T>,
  parentProperty: keyof T & string,
): DataLoader<string, number> {
  return new DataLoader(async (parentIds) => {
    const rows: Array<{ parent: string; count: string }> = await repo
      .createQueryBuilder('child')
      .select(`child.${parentProperty}`, 'parent')
      .addSelect('count(*)', 'count')
      .where(`child.${parentProperty} IN (:...parentIds)`, { parentIds: [...parentIds] })
      .groupBy(`child.${parentProperty}`)
      .getRawMany();
    const counts = new Map(rows.map((row) => [String(row.parent), Number(row.count)]));
    return parentIds.map((id) => counts.get(id) ?? 0);
  });
}
