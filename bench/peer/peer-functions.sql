-- What a PostGraphile user adds for Verbatim's search and dashboard count (bench:compare runs it
-- in the bench database; benchmark only). Same rows and order as Verbatim's answers.
CREATE SCHEMA IF NOT EXISTS bench_peer;
CREATE OR REPLACE FUNCTION bench_peer.search_articles(query text) RETURNS SETOF public.article
  LANGUAGE sql STABLE AS $$
    SELECT * FROM public.article WHERE search_vector @@ websearch_to_tsquery('english', query) ORDER BY id
  $$;
DROP FUNCTION IF EXISTS bench_peer.claim_counts_by_claimant(integer);
DROP TYPE IF EXISTS bench_peer.count_bucket;
CREATE TYPE bench_peer.count_bucket AS (key text, label text, count integer);
CREATE OR REPLACE FUNCTION bench_peer.claim_counts_by_claimant(n integer) RETURNS SETOF bench_peer.count_bucket
  LANGUAGE sql STABLE AS $$
    SELECT CAST(claim.claimant_id AS text), min(actor.name), count(*)::int
    FROM public.claim LEFT JOIN public.actor ON actor.id = claim.claimant_id
    GROUP BY claim.claimant_id ORDER BY count(*) DESC, claim.claimant_id ASC NULLS LAST LIMIT n
  $$;
