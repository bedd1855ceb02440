import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PAGE_SIZE, OrderDirection, type ConnectionArgs, type OrderInput, type Page } from './connection';
import { badInput } from './errors';
import { openCursor, sealCursor } from './global-id';
import { ALL_FIELDS, type FieldSelection } from './field-selection';
import { rowReader } from './row-reader';
import { addJoins, planJoins, primeJoined, type Peers } from './to-one';
import { unstorableTextReason } from './text-input';

/**
 * The read path of every list (in the spirit of Vendure's ListQueryBuilder): a list service
 * gives a query builder with its filters applied (the *-criteria.ts modules) and an ordering;
 * this module adds the keyset bounds of the page's cursors, the order, the page window and the
 * columns the GraphQL selection needs (field-selection.ts), reads plain rows in one statement
 * (row-reader.ts, no TypeORM hydration) and makes the page. Nested lists read their pages through
 * the loaders of loaders.ts, which use the same orderings, cursors and bounds.
 */

export type SortType = 'bigint' | 'real' | 'timestamptz' | 'date' | 'text';

/** One term of an ordering: a column or expression (of `type`) and its direction. */
export interface SortTerm {
  column: string;
  type: SortType;
  direction: OrderDirection;
  /** Missing values sort last in both directions (sortExpression). */
  nullable?: boolean;
}

/**
 * How a list is ordered: its terms, the last of them unique (the id), and what its cursors hold:
 * `tag` (values naming the ordering, so a cursor of one ordering is refused by another), then
 * the row's value of each term. `refusal` is the message for a cursor that is not of this ordering.
 */
export interface ListOrdering {
  tag: ReadonlyArray<string | null>;
  terms: readonly SortTerm[];
  refusal: string;
}

const NOT_A_CURSOR = 'Not a cursor of this connection; use a cursor returned by the API';

/** Ascending by an integer key (the id, a sentence's index): the lists' default, whose cursors are plain keys. */
export function keyOrdering(column: string): ListOrdering {
  return { tag: [], terms: [{ column, type: 'bigint', direction: OrderDirection.ASC }], refusal: NOT_A_CURSOR };
}

/** Highest `rank` first (an integer, quantised so comparisons are exact), ties by id ascending. */
export function rankOrdering(rank: string, idColumn: string): ListOrdering {
  return {
    tag: ['ranked'],
    terms: [
      { column: rank, type: 'bigint', direction: OrderDirection.DESC },
      { column: idColumn, type: 'bigint', direction: OrderDirection.ASC },
    ],
    refusal: `${NOT_A_CURSOR} (with the same filter)`,
  };
}

/**
 * A sort column of `orderBy`: how its values compare in SQL and travel in cursors. Timestamps
 * travel as epoch microseconds (PostgreSQL's own precision; a JS Date would lose the last three
 * digits and make keyset bounds inexact), dates as YYYY-MM-DD, text as itself.
 */
export interface SortKey {
  column: string;
  type: 'timestamptz' | 'date' | 'text';
  nullable: boolean;
}

/**
 * The ordering of `orderBy` on the list `name` (e.g. "Article"), from its whitelist of sort keys
 * (null: the id alone); id order ascending, the default, keeps plain cursors.
 */
export function orderingOf<F extends string>(
  name: string,
  idColumn: string,
  keys: Record<F, SortKey | null>,
  order: OrderInput<F> | undefined,
): ListOrdering {
  if (order == null) return keyOrdering(idColumn);
  const key = keys[order.field];
  if (key === null && order.direction === OrderDirection.ASC) return keyOrdering(idColumn);
  const { direction } = order;
  const id: SortTerm = { column: idColumn, type: 'bigint', direction };
  return {
    // An ordering by the id alone keeps a null where others carry their sort value.
    tag: ['sort', `${name}:${order.field}:${direction}`, ...(key === null ? [null] : [])],
    terms: key === null ? [id] : [{ ...key, direction }, id],
    refusal: 'Not a cursor of this connection in this order; use a cursor returned by the API with the same orderBy',
  };
}

/**
 * One page to read: keyset bounds from the cursors (each the values of the ordering's terms).
 * Forward pages read from `after` in order; backward pages read from `before` in reverse and are
 * turned around afterwards. One extra row is read to tell whether more exist.
 */
export interface ListWindow {
  ordering: ListOrdering;
  forward: boolean;
  limit: number;
  after: Array<string | null> | null;
  before: Array<string | null> | null;
}

export function listWindow(args: ConnectionArgs, ordering: ListOrdering): ListWindow {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'Give either first (with after) or last (with before), not both');
  const after = args.after != null ? cursorValues(args.after, ordering, 'after') : null;
  const before = args.before != null ? cursorValues(args.before, ordering, 'before') : null;
  const forward = last == null;
  return { ordering, forward, limit: forward ? (first ?? DEFAULT_PAGE_SIZE) : last, after, before };
}

/** The window of rows after `afterKey` in key order: export batches. */
export function batchWindow(keyColumn: string, afterKey: string, limit: number): ListWindow {
  return { ordering: keyOrdering(keyColumn), forward: true, limit, after: [afterKey], before: null };
}

/**
 * The one encoding of cursors: a JSON array of strings (and nulls), sealed with the key of global
 * ids (src/common/global-id.ts), so a cursor shows no row id and cannot be made by hand.
 */
export function encodeCursor(values: ReadonlyArray<string | null>): string {
  return sealCursor(JSON.stringify(values));
}

function decodeCursor(cursor: string): unknown[] | null {
  const payload = openCursor(cursor);
  if (payload === null) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function cursorValues(cursor: string, ordering: ListOrdering, field: string): Array<string | null> {
  const { tag, terms } = ordering;
  const parsed = decodeCursor(cursor);
  if (parsed !== null && parsed.length === tag.length + terms.length && tag.every((value, i) => parsed[i] === value)) {
    const values = parsed.slice(tag.length);
    if (values.every((value, i) => validSortValue(terms[i], value))) return values;
  }
  throw badInput(field, ordering.refusal);
}

const BIGINT_MAX = 2n ** 63n - 1n;
/** Years 0001 to 9999, as RFC 3339 (the DateTime scalar) can write them: every timestamp we store. */
export const MICROS_MIN = -62_135_596_800_000_000n;
export const MICROS_MAX = 253_402_300_799_999_999n;

function validSortValue(term: SortTerm, value: unknown): value is string | null {
  if (value === null) return term.nullable === true;
  if (typeof value !== 'string') return false;
  switch (term.type) {
    case 'bigint':
      return /^-?\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX && BigInt(value) >= -BIGINT_MAX;
    case 'real':
      // A rank PostgreSQL's real can hold, as it prints one.
      return /^-?\d{1,20}(\.\d{1,20})?(e[-+]?\d{1,3})?$/.test(value) && Math.abs(Number(value)) <= 3.4e38;
    case 'timestamptz':
      return /^-?\d{1,19}$/.test(value) && BigInt(value) <= MICROS_MAX && BigInt(value) >= MICROS_MIN;
    case 'date':
      // Year 0000 is a JS date but not a PostgreSQL one.
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '0001-01-01' && isCalendarDate(value);
    case 'text':
      return value.length <= 1000 && unstorableTextReason(value) === null;
  }
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
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
export function sortExpression(term: Pick<SortTerm, 'column' | 'type' | 'nullable'>, direction: OrderDirection): string {
  if (term.nullable !== true) return term.column;
  const last = direction === OrderDirection.ASC ? 'infinity' : '-infinity';
  return `COALESCE(${term.column}, CAST('${last}' AS ${term.type}))`;
}

/** The SQL that reads a term's value back as its cursor text. */
function cursorValueExpression(term: SortTerm): string {
  switch (term.type) {
    case 'timestamptz':
      return `CAST(CAST(EXTRACT(EPOCH FROM ${term.column}) * 1000000 AS bigint) AS text)`;
    case 'date':
      return `to_char(${term.column}, 'YYYY-MM-DD')`;
    case 'text':
      return term.column;
    case 'bigint':
    case 'real':
      return `CAST(${term.column} AS text)`;
  }
}

function boundValue(term: SortTerm, value: string | null): string {
  if (value === null) return term.direction === OrderDirection.ASC ? 'infinity' : '-infinity';
  return term.type === 'timestamptz' ? microsToIso(value) : value;
}

/**
 * The window's keyset conditions and order, as SQL with named parameters (prefixed, so a query
 * may hold several windows). With all terms in one direction the bound is one row comparison,
 * which an index on the same expressions serves; mixed directions expand it term by term.
 */
export function keysetSql(
  window: ListWindow,
  paramPrefix = 'list',
): { where: string[]; params: Record<string, string>; orderBy: Array<[string, 'ASC' | 'DESC']> } {
  const { terms } = window.ordering;
  const expressions = terms.map((term) => sortExpression(term, term.direction));
  const where: string[] = [];
  const params: Record<string, string> = {};
  const bound = (values: Array<string | null> | null, name: 'after' | 'before') => {
    if (values === null) return;
    const casts = terms.map((term, i) => {
      params[`${paramPrefix}${name}${i}`] = boundValue(term, values[i]);
      return `CAST(:${paramPrefix}${name}${i} AS ${term.type})`;
    });
    // Rows after a cursor come later in the ordering: greater ascending, smaller descending.
    const op = (term: SortTerm) => ((name === 'after') === (term.direction === OrderDirection.ASC) ? '>' : '<');
    if (terms.every((term) => term.direction === terms[0].direction)) {
      where.push(
        terms.length === 1
          ? `${expressions[0]} ${op(terms[0])} ${casts[0]}`
          : `(${expressions.join(', ')}) ${op(terms[0])} (${casts.join(', ')})`,
      );
      return;
    }
    const alternatives = terms.map((term, i) =>
      [...expressions.slice(0, i).map((expression, j) => `${expression} = ${casts[j]}`), `${expressions[i]} ${op(term)} ${casts[i]}`].join(
        ' AND ',
      ),
    );
    where.push(`(${alternatives.map((alternative) => `(${alternative})`).join(' OR ')})`);
  };
  bound(window.after, 'after');
  bound(window.before, 'before');
  const orderBy = terms.map((term, i): [string, 'ASC' | 'DESC'] => {
    const reversed = term.direction === OrderDirection.ASC ? 'DESC' : 'ASC';
    return [expressions[i], window.forward ? term.direction : reversed];
  });
  return { where, params, orderBy };
}

/** Builds the page from rows read in window order (limit + 1 of them at most), given each row's cursor values. */
export function pageFromRows<T>(rows: T[], window: ListWindow, valuesOf: (row: T) => Array<string | null>): Page<T> {
  const hasMore = rows.length > window.limit;
  const kept = rows.slice(0, window.limit);
  if (!window.forward) kept.reverse();
  const { tag } = window.ordering;
  const edges = kept.map((node) => new LazyEdge(node, [...tag, ...valuesOf(node)]));
  const pageInfo = {
    hasNextPage: window.forward ? hasMore : window.before !== null,
    hasPreviousPage: window.forward ? window.after !== null : hasMore,
    get startCursor() {
      return edges[0]?.cursor ?? null;
    },
    get endCursor() {
      return edges[edges.length - 1]?.cursor ?? null;
    },
  };
  return { edges, pageInfo };
}

/**
 * An edge whose cursor is sealed when first read: sealing costs an HMAC and an AES-GCM pass, and
 * most queries select `nodes` without cursors (a page of 100 sentences would seal 100).
 */
class LazyEdge<T> {
  #cursor: string | undefined;

  constructor(
    readonly node: T,
    private readonly values: ReadonlyArray<string | null>,
  ) {}

  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.values));
  }
}

export interface ListReadOptions {
  /** The GraphQL selection of the list's nodes; ALL_FIELDS (the default) reads every column. */
  fields?: FieldSelection;
  /** Properties to read whatever is selected (what code after the read uses). */
  required?: readonly string[];
  /** More values per row, as SQL by property name, set on each node (a search's highlight). */
  extras?: Record<string, string>;
  /**
   * The request's loaders: the selected to-one fields of the nodes are then read in the same
   * statement and primed into them (to-one.ts).
   */
  peers?: Peers;
}

/**
 * One page of `query` (rows of its main alias, filters applied) in the window: one statement,
 * reading the selected columns and each row's cursor values, rows made into plain entities.
 */
export async function readList<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  window: ListWindow,
  options: ListReadOptions = {},
): Promise<Page<T>> {
  const { alias } = query;
  const metadata = query.expressionMap.mainAlias!.metadata;
  const fields = options.fields ?? ALL_FIELDS;
  const reader = rowReader(metadata).select(fields, options.required);
  query.select(reader.columns(alias));
  const joins = options.peers === undefined ? [] : planJoins(metadata, alias, [fields]);
  addJoins(query, joins);
  const { terms } = window.ordering;
  terms.forEach((term, i) => query.addSelect(cursorValueExpression(term), `list_cursor_${i}`));
  const extras = Object.entries(options.extras ?? {});
  for (const [property, sql] of extras) query.addSelect(sql, `list_extra_${property}`);
  const { where, params, orderBy } = keysetSql(window);
  for (const condition of where) query.andWhere(condition, params);
  orderBy.forEach(([expression, direction], i) =>
    i === 0 ? query.orderBy(expression, direction) : query.addOrderBy(expression, direction),
  );
  const raw: Array<Record<string, unknown>> = await query.limit(window.limit + 1).getRawMany();
  if (options.peers !== undefined) primeJoined(joins, raw, options.peers);
  const valuesOf = new Map<T, Array<string | null>>();
  const nodes = raw.map((row) => {
    const node = reader.entity<T>(row, alias) as Record<string, unknown>;
    for (const [property] of extras) node[property] = row[`list_extra_${property}`];
    valuesOf.set(
      node as T,
      terms.map((_, i) => (row[`list_cursor_${i}`] ?? null) as string | null),
    );
    return node as T;
  });
  return pageFromRows(nodes, window, (node) => valuesOf.get(node) as Array<string | null>);
}

/**
 * A connection of `query()`'s rows: the page in the window, and a totalCount that runs (one
 * COUNT, without the window) only when selected.
 */
export async function readConnection<T extends ObjectLiteral, C>(
  Connection: new (page: Page<T>, countTotal: () => Promise<number>) => C,
  query: () => SelectQueryBuilder<T>,
  window: ListWindow,
  options: ListReadOptions = {},
): Promise<C> {
  const page = await readList(query(), window, options);
  return new Connection(page, () => query().getCount());
}

/** Up to `limit` rows of `query` after `afterId` in id order, every column: an export's batch. */
export async function readBatch<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, afterId: string, limit: number): Promise<T[]> {
  const page = await readList(query, batchWindow(`${query.alias}.id`, afterId, limit));
  return page.edges.map((edge) => edge.node);
}
