import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../common/errors';
import { normalizeNameForSearch } from '../nlp/normalize-name';
import type { Actor } from './actor.entity';

/**
 * Name search over actors and their aliases, on `search_name` (normalizeNameForSearch) with
 * pg_trgm. A name or alias matches when its key equals the query's key, or is trigram-similar
 * (`%`, similarity ≥ 0.3), or contains a similar word sequence (`<%`, word similarity ≥ 0.6);
 * these operators use the GIN trigram indexes, and their default thresholds are the same on
 * every supported PostgreSQL. Each actor's rank is its best hit:
 *   tier × 10^7 + round(500000 × (similarity + word_similarity))
 * with tier 2 for an exact name, 1 for an exact alias, 0 otherwise. Integer ranks make the
 * (rank, id) cursor exact (list-query.ts rankOrdering); ties go to the older actor.
 */
const RANKED = `(
  SELECT hit.actor_id AS id, max(hit.tier * 10000000 + round(hit.score * 500000)::bigint) AS rank
  FROM (
    SELECT a.id AS actor_id, CASE WHEN a.search_name = :searchKey THEN 2 ELSE 0 END AS tier,
           similarity(a.search_name, :searchKey)::float8 + word_similarity(:searchKey, a.search_name)::float8 AS score
    FROM actor a
    WHERE a.search_name % :searchKey OR :searchKey <% a.search_name OR a.search_name = :searchKey
    UNION ALL
    SELECT al.actor_id, CASE WHEN al.search_name = :searchKey THEN 1 ELSE 0 END,
           similarity(al.search_name, :searchKey)::float8 + word_similarity(:searchKey, al.search_name)::float8
    FROM actor_alias al
    WHERE al.search_name % :searchKey OR :searchKey <% al.search_name OR al.search_name = :searchKey
  ) hit
  GROUP BY hit.actor_id
)`;

/** The rank of each match, for rankOrdering, once `matchActorNames` has joined it. */
export const ACTOR_MATCH_RANK = 'ranked.rank';

/** Keeps the actors (aliased `alias`) whose name or an alias matches `search`, joining their rank. */
export function matchActorNames(query: SelectQueryBuilder<Actor>, alias: string, search: string): SelectQueryBuilder<Actor> {
  const searchKey = normalizeNameForSearch(search);
  if (searchKey === '') throw badInput('filter.search', 'Search for a name: give at least one letter or digit');
  return query.innerJoin(RANKED, 'ranked', `ranked.id = ${alias}.id`, { searchKey });
}
