import { badInput } from './errors';
import { openCursor, sealCursor } from './global-id';
import { DEFAULT_PAGE_SIZE, pageOf, type ConnectionArgs, type Edge, type PageInfo } from './pagination';

/**
 * Cursor paging over a ranked list (search results): rows are ordered by an integer `rank`
 * (higher first), then by id, and the cursor carries both. Keyset conditions on (rank, id)
 * keep cursors valid while rows are added, as the id-ordered lists do; a row's rank only
 * changes if its own text does. Ranks must be integers (quantise scores) so comparisons are exact.
 */
export interface RankedKey {
  rank: string;
  id: string;
}

export interface RankedWindow {
  forward: boolean;
  limit: number;
  after: RankedKey | null;
  before: RankedKey | null;
}

export function rankedPageWindow(args: ConnectionArgs): RankedWindow {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('last', 'Give either first (with after) or last (with before), not both');
  const after = args.after != null ? decodeRankedCursor(args.after, 'after') : null;
  const before = args.before != null ? decodeRankedCursor(args.before, 'before') : null;
  const forward = last == null;
  return { forward, limit: forward ? (first ?? DEFAULT_PAGE_SIZE) : last, after, before };
}

const TAG = 'ranked';

export function encodeRankedCursor(key: RankedKey): string {
  return sealCursor(JSON.stringify([TAG, key.rank, key.id]));
}

function decodeRankedCursor(cursor: string, field: string): RankedKey {
  try {
    const parsed: unknown = JSON.parse(openCursor(cursor) ?? 'null');
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === TAG && isBigint(parsed[1]) && isBigint(parsed[2])) {
      return { rank: parsed[1], id: parsed[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'Not a cursor of this connection; use a cursor returned by the API (with the same filter)');
}

const BIGINT_MAX = 2n ** 63n - 1n;

function isBigint(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX && BigInt(value) >= -BIGINT_MAX;
}

/**
 * Conditions and ordering (rank descending, id ascending; reversed for backward pages) for SQL
 * with positional parameters: `$firstParam`, `$firstParam+1`, ... are the values in `params`.
 */
export function rankedKeysetSql(
  window: RankedWindow,
  rank: string,
  id: string,
  firstParam: number,
): { where: string[]; params: string[]; orderBy: string } {
  const where: string[] = [];
  const params: string[] = [];
  const bound = (key: RankedKey, rankOp: '<' | '>', idOp: '<' | '>'): void => {
    const r = `$${firstParam + params.length}::bigint`;
    const i = `$${firstParam + params.length + 1}::bigint`;
    where.push(`(${rank} ${rankOp} ${r} OR (${rank} = ${r} AND ${id} ${idOp} ${i}))`);
    params.push(key.rank, key.id);
  };
  if (window.after !== null) bound(window.after, '<', '>');
  if (window.before !== null) bound(window.before, '>', '<');
  const orderBy = window.forward ? `${rank} DESC, ${id} ASC` : `${rank} ASC, ${id} DESC`;
  return { where, params, orderBy };
}

/** The page from rows read in window order (limit + 1 of them at most). */
export function pageFromRankedRows<T>(
  rows: T[],
  window: RankedWindow,
  keyOf: (row: T) => RankedKey,
): { edges: Edge<T>[]; pageInfo: PageInfo } {
  return pageOf(rows, window, (row) => encodeRankedCursor(keyOf(row)));
}
