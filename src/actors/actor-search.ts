import { badInput } from '../common/errors';
import type { ConnectionArgs } from '../common/pagination';
import { pageFromRankedRows, rankedKeysetSql, rankedPageWindow } from '../common/ranked-pagination';
import type { Context } from '../context';
import { normalizeNameForSearch } from '../nlp/normalize-name';
import type { Actor } from './actor.entity';
import type { ActorFilter } from './actor.inputs';
import { ActorConnection } from './actor.types';

/**
 * Name search over actors and their aliases, on `search_name` (normalizeNameForSearch) with
 * pg_trgm. A name or alias matches when its key equals the query's key, or is trigram-similar
 * (`%`, similarity ≥ 0.3), or contains a similar word sequence (`<%`, word similarity ≥ 0.6);
 * these operators use the GIN trigram indexes, and their default thresholds are the same on
 * every supported PostgreSQL. Each actor's rank is its best hit:
 *   tier × 10^7 + round(500000 × (similarity + word_similarity))
 * with tier 2 for an exact name, 1 for an exact alias, 0 otherwise. Integer ranks make the
 * (rank, id) cursor exact (see ranked-pagination.ts); ties go to the older actor.
 */
const HITS = `
  SELECT a.id AS actor_id, CASE WHEN a.search_name = $1 THEN 2 ELSE 0 END AS tier,
         similarity(a.search_name, $1)::float8 + word_similarity($1, a.search_name)::float8 AS score
  FROM actor a
  WHERE a.search_name % $1 OR $1 <% a.search_name OR a.search_name = $1
  UNION ALL
  SELECT al.actor_id, CASE WHEN al.search_name = $1 THEN 1 ELSE 0 END,
         similarity(al.search_name, $1)::float8 + word_similarity($1, al.search_name)::float8
  FROM actor_alias al
  WHERE al.search_name % $1 OR $1 <% al.search_name OR al.search_name = $1`;

const RANKED = `
  SELECT hit.actor_id AS id, max(hit.tier * 10000000 + round(hit.score * 500000)::bigint) AS rank
  FROM (${HITS}) hit
  JOIN actor ON actor.id = hit.actor_id
  WHERE ($2::actor_kind IS NULL OR actor.kind = $2::actor_kind) AND ($3::boolean OR actor.merged_into_id IS NULL)
    AND ($4::timestamptz IS NULL OR actor.updated_at >= $4::timestamptz)
  GROUP BY hit.actor_id`;

export async function searchActors(ctx: Context, args: ConnectionArgs, filter: ActorFilter & { search: string }): Promise<ActorConnection> {
  const key = normalizeNameForSearch(filter.search);
  if (key === '') throw badInput('filter.search', 'Search for a name: give at least one letter or digit');
  const window = rankedPageWindow(args);
  const base = [key, filter.kind ?? null, filter.includeMerged === true, filter.updatedSince?.toISOString() ?? null];
  const keyset = rankedKeysetSql(window, 'ranked.rank', 'ranked.id', base.length + 1);
  const rows: Array<{ id: string; rank: string }> = await ctx.db.query(
    `SELECT ranked.id::text AS id, ranked.rank::text AS rank FROM (${RANKED}) ranked
     ${keyset.where.length > 0 ? `WHERE ${keyset.where.join(' AND ')}` : ''}
     ORDER BY ${keyset.orderBy} LIMIT ${window.limit + 1}`,
    [...base, ...keyset.params],
  );
  const actors = await ctx.loaders.actorById.loadMany(rows.map((row) => row.id));
  const ranked = rows.map((row, index) => ({ row, actor: actors[index] as Actor }));
  const page = pageFromRankedRows(ranked, window, ({ row }) => row);
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.actor }));
  return new ActorConnection({ edges, pageInfo: page.pageInfo }, async () => {
    const [{ count }]: Array<{ count: string }> = await ctx.db.query(`SELECT count(*) AS count FROM (${RANKED}) ranked`, base);
    return Number(count);
  });
}
