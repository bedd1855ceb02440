import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { badInput } from './errors';
import { openCursor, sealCursor } from './global-id';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay connection arguments, shared by every list in the API. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Defaults to ${DEFAULT_PAGE_SIZE}; at most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  // Sort cursors carry the sort value (an actor's name may be 500 characters).
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  after?: string;

  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  before?: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/**
 * One page to read, as keyset bounds: a cursor holds the sort key of a row (one value, or a
 * tuple such as [rank, id]). `forward` pages read from `after` in sort order; backward pages
 * read from `before` in reverse and are turned around afterwards. One extra row is read to
 * tell whether more exist.
 */
export interface PageWindow {
  forward: boolean;
  limit: number;
  after: string[] | null;
  before: string[] | null;
}

export type CursorKey = string | number | Array<string | number>;

export function pageWindow(args: ConnectionArgs): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'Give either first (with after) or last (with before), not both');
  const after = args.after != null ? decodeCursor(args.after, 'after') : null;
  const before = args.before != null ? decodeCursor(args.before, 'before') : null;
  const forward = last == null;
  return { forward, limit: forward ? (first ?? DEFAULT_PAGE_SIZE) : last, after, before };
}

export function encodeCursor(key: CursorKey): string {
  const values = Array.isArray(key) ? key : [key];
  return sealCursor(JSON.stringify(values.map(String)));
}

function decodeCursor(cursor: string, field: string): string[] {
  try {
    const parsed: unknown = JSON.parse(openCursor(cursor) ?? 'null');
    if (Array.isArray(parsed) && parsed.length >= 1 && parsed.length <= 4 && parsed.every(isNumberText)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw notACursor(field);
}

function notACursor(field: string) {
  return badInput(field, 'Not a cursor of this connection; use a cursor returned by the API');
}

function isNumberText(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d{1,19}(\.\d{1,20})?(e-?\d{1,3})?$/.test(value);
}

function integerKey(key: string[], field: string): string {
  if (key.length !== 1 || !isBigint(key[0])) throw notACursor(field);
  return key[0];
}

const BIGINT_MAX = 2n ** 63n - 1n;

function isBigint(value: string): boolean {
  return /^-?\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX && BigInt(value) >= -BIGINT_MAX;
}

/**
 * SQL conditions and ordering for a window over `keyExpression` (an integer column). Bounds are
 * cast to bigint so a key of any integer width compares without overflow and still uses its index.
 */
export function keysetSql(
  window: PageWindow,
  keyExpression: string,
  paramPrefix = 'page',
): {
  where: string[];
  params: Record<string, string | number>;
  order: 'ASC' | 'DESC';
} {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (window.after !== null) {
    where.push(`${keyExpression} > CAST(:${paramPrefix}After AS bigint)`);
    params[`${paramPrefix}After`] = integerKey(window.after, 'after');
  }
  if (window.before !== null) {
    where.push(`${keyExpression} < CAST(:${paramPrefix}Before AS bigint)`);
    params[`${paramPrefix}Before`] = integerKey(window.before, 'before');
  }
  return { where, params, order: window.forward ? 'ASC' : 'DESC' };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds the page from rows read in window order (limit + 1 of them at most). */
export function pageFromRows<T>(rows: T[], window: PageWindow, keyOf: (row: T) => CursorKey): { edges: Edge<T>[]; pageInfo: PageInfo } {
  return pageOf(rows, window, (row) => encodeCursor(keyOf(row)));
}

/** The same for any cursor shape (ranked lists encode more than one key). */
export function pageOf<T>(
  rows: T[],
  window: { forward: boolean; limit: number; after: unknown; before: unknown },
  cursorOf: (row: T) => string,
): { edges: Edge<T>[]; pageInfo: PageInfo } {
  const hasMore = rows.length > window.limit;
  const kept = rows.slice(0, window.limit);
  if (!window.forward) kept.reverse();
  const edges = kept.map((node) => ({ cursor: cursorOf(node), node }));
  const pageInfo: PageInfo = {
    hasNextPage: window.forward ? hasMore : window.before !== null,
    hasPreviousPage: window.forward ? window.after !== null : hasMore,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  return { edges, pageInfo };
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  readonly nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * The GraphQL connection type for `node`. `totalCount` is a thunk so the count runs only when
 * a client selects it.
 */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [EdgeType]) edges: Edge<T>[];
    @Field(() => PageInfo) pageInfo: PageInfo;

    constructor(
      page: { edges: Edge<T>[]; pageInfo: PageInfo },
      private readonly countTotal: () => Promise<number>,
    ) {
      this.edges = page.edges;
      this.pageInfo = page.pageInfo;
    }

    @Field(() => [node])
    get nodes(): T[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return Connection;
}
