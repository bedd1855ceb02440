import { unstorableTextReason } from './text-input';
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { openCursor, sealCursor } from './global-id';
import { readPage, type Page } from './loaders';
import { DEFAULT_PAGE_SIZE, pageOf, pageWindow, type ConnectionArgs } from './pagination';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

/** The `orderBy` input of a list: one of its whitelisted fields, and a direction. */
export function OrderInputType<F extends string>(
  name: string,
  fieldEnum: Record<string, F>,
  description: string,
): ClassType<OrderInput<F>> {
  @InputType(`${name}Order`, { description: `${description}. Ties are broken by id, in the same direction; missing values come last.` })
  class Order implements OrderInput<F> {
    @Field(() => fieldEnum) field!: F;
    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
  }
  return Order;
}

export interface OrderInput<F extends string> {
  field: F;
  direction: OrderDirection;
}

/**
 * A sort column: how its values compare in SQL and travel in cursors. Timestamps travel as epoch
 * microseconds (PostgreSQL's own precision; a JS Date would lose the last three digits and make
 * keyset bounds inexact), dates as YYYY-MM-DD, text as itself.
 */
export interface SortKey {
  column: string;
  type: 'timestamptz' | 'date' | 'text';
  nullable: boolean;
}

/**
 * A whole ordering: sort key (null: by id alone), then id as the tie-breaker, both in
 * `direction`. `tag` names it in cursors, so a cursor of one ordering is refused by another.
 */
export interface Ordering {
  tag: string;
  key: SortKey | null;
  idColumn: string;
  direction: OrderDirection;
}

/**
 * The ordering of `orderBy` on the list `name` (e.g. "Article"), from its whitelist of sort keys;
 * null for id order ascending, the lists' default, whose cursors stay plain ids.
 */
export function orderingOf<F extends string>(
  name: string,
  idColumn: string,
  keys: Record<F, SortKey | null>,
  order: OrderInput<F> | undefined,
): Ordering | null {
  if (order == null) return null;
  const key = keys[order.field];
  if (key === null && order.direction === OrderDirection.ASC) return null;
  return { tag: `${name}:${order.field}:${order.direction}`, key, idColumn, direction: order.direction };
}

/** One page of a top-level list: id order (plain cursors) or an `orderBy` ordering (sort cursors). */
export function readListPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  ordering: Ordering | null,
): Promise<Page<T>> {
  if (ordering === null) return readPage(query, 'id', pageWindow(args));
  return readSortedPage(query, sortedPageWindow(args, ordering));
}

interface SortCursor {
  value: string | null;
  id: string;
}

export interface SortedWindow {
  ordering: Ordering;
  forward: boolean;
  limit: number;
  after: SortCursor | null;
  before: SortCursor | null;
}

export function sortedPageWindow(args: ConnectionArgs, ordering: Ordering): SortedWindow {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'Give either first (with after) or last (with before), not both');
  const after = args.after != null ? decodeSortCursor(args.after, ordering, 'after') : null;
  const before = args.before != null ? decodeSortCursor(args.before, ordering, 'before') : null;
  const forward = last == null;
  return { ordering, forward, limit: forward ? (first ?? DEFAULT_PAGE_SIZE) : last, after, before };
}

const TAG = 'sort';

function encodeSortCursor(ordering: Ordering, cursor: SortCursor): string {
  return sealCursor(JSON.stringify([TAG, ordering.tag, cursor.value, cursor.id]));
}

function decodeSortCursor(cursor: string, ordering: Ordering, field: string): SortCursor {
  try {
    const parsed: unknown = JSON.parse(openCursor(cursor) ?? 'null');
    if (Array.isArray(parsed) && parsed.length === 4 && parsed[0] === TAG && parsed[1] === ordering.tag && isRowId(parsed[3])) {
      const value: unknown = parsed[2];
      if (validSortValue(ordering.key, value)) return { value, id: parsed[3] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'Not a cursor of this connection in this order; use a cursor returned by the API with the same orderBy');
}

const BIGINT_MAX = 2n ** 63n - 1n;
/** Years 0001 to 9999, as RFC 3339 (the DateTime scalar) can write them: every timestamp we store. */
export const MICROS_MIN = -62_135_596_800_000_000n;
export const MICROS_MAX = 253_402_300_799_999_999n;

function isRowId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= BIGINT_MAX;
}

function validSortValue(key: SortKey | null, value: unknown): value is string | null {
  if (value === null) return key === null || key.nullable;
  if (key === null || typeof value !== 'string') return false;
  switch (key.type) {
    case 'timestamptz':
      return /^-?\d{1,19}$/.test(value) && BigInt(value) <= MICROS_MAX && BigInt(value) >= MICROS_MIN;
    case 'date':
      // Year 0000 is a JS date but not a PostgreSQL one.
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '0001-01-01' && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    case 'text':
      return value.length <= 1000 && unstorableTextReason(value) === null;
  }
}

/** Epoch microseconds as an ISO timestamp with all six fraction digits, for an exact SQL bound. */
export function microsToIso(micros: string): string {
  const total = BigInt(micros);
  const remainder = ((total % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const seconds = (total - remainder) / 1_000_000n;
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${remainder.toString().padStart(6, '0')}Z`;
}

/**
 * Missing values sort last in both directions (NULLS LAST). To keep one row comparison, which an
 * index on the same expression serves, a missing value compares as +infinity ascending and as
 * -infinity descending; no stored value is infinite (inputs are JS Dates). The expression must
 * match the hand-written indexes in the QueryOrderings migration.
 */
export function sortExpression(key: SortKey, direction: OrderDirection): string {
  if (!key.nullable) return key.column;
  const last = direction === OrderDirection.ASC ? 'infinity' : '-infinity';
  return `COALESCE(${key.column}, CAST('${last}' AS ${key.type}))`;
}

/** The SQL that reads a sort value back as its cursor text. */
function cursorValueExpression(key: SortKey): string {
  switch (key.type) {
    case 'timestamptz':
      return `CAST(CAST(EXTRACT(EPOCH FROM ${key.column}) * 1000000 AS bigint) AS text)`;
    case 'date':
      return `to_char(${key.column}, 'YYYY-MM-DD')`;
    case 'text':
      return key.column;
  }
}

function boundValue(key: SortKey, direction: OrderDirection, value: string | null): string {
  if (value === null) return direction === OrderDirection.ASC ? 'infinity' : '-infinity';
  return key.type === 'timestamptz' ? microsToIso(value) : value;
}

/** Reads one page of `query` (aliased rows of T) in the window's ordering: one statement. */
export async function readSortedPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  window: SortedWindow,
): Promise<Page<T>> {
  const { ordering } = window;
  const { key, idColumn } = ordering;
  const sortBy = key !== null ? sortExpression(key, ordering.direction) : null;
  const bound = (cursor: SortCursor | null, name: 'after' | 'before') => {
    if (cursor === null) return;
    // Rows after a cursor come later in the ordering: greater ascending, smaller descending.
    const later = (name === 'after') === (ordering.direction === OrderDirection.ASC);
    const op = later ? '>' : '<';
    const id = `CAST(:${name}SortId AS bigint)`;
    if (key === null || sortBy === null) {
      query.andWhere(`${idColumn} ${op} ${id}`, { [`${name}SortId`]: cursor.id });
      return;
    }
    query.andWhere(`(${sortBy}, ${idColumn}) ${op} (CAST(:${name}SortValue AS ${key.type}), ${id})`, {
      [`${name}SortValue`]: boundValue(key, ordering.direction, cursor.value),
      [`${name}SortId`]: cursor.id,
    });
  };
  bound(window.after, 'after');
  bound(window.before, 'before');
  const reversed = ordering.direction === OrderDirection.ASC ? 'DESC' : 'ASC';
  const order = window.forward ? ordering.direction : reversed;
  if (sortBy !== null && key !== null) query.addSelect(cursorValueExpression(key), 'sort_value').orderBy(sortBy, order);
  query.addOrderBy(idColumn, order).limit(window.limit + 1);
  const { entities, raw } = await query.getRawAndEntities<{ sort_value?: string | null }>();
  const rows = entities.map((entity, i) => ({ entity, value: raw[i].sort_value ?? null }));
  const page = pageOf(rows, window, (row) => encodeSortCursor(ordering, { value: row.value, id: row.entity.id }));
  return { edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.entity })), pageInfo: page.pageInfo };
}
