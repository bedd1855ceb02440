export interface RepresentativeQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Read the second page: the first page's endCursor of this list goes into $after. */
  pageTwo?: string;
}

/** The queries whose plans (scripts/explain.ts) and latencies (bench/run.ts) we watch. */
export const REPRESENTATIVE_QUERIES: RepresentativeQuery[] = [
  { name: 'articles, first page', query: `{ articles(first: 20) { nodes { id title } } }` },
  {
    name: 'articles by PUBLISHED_AT DESC, second page',
    query: `query($after: String) { articles(first: 20, after: $after, orderBy: { field: PUBLISHED_AT, direction: DESC }) { pageInfo { endCursor } nodes { id } } }`,
    pageTwo: 'articles',
  },
  {
    name: 'articles search, with totalCount',
    query: `{ articles(first: 20, filter: { search: "\\"arrest warrants\\" -Basra" }) { totalCount nodes { id } } }`,
  },
  { name: 'searchSentences', query: `{ searchSentences(query: "wounded protest", first: 20) { nodes { id highlight } } }` },
  {
    name: 'claims updatedSince by UPDATED_AT, second page',
    query: `query($after: String) { claims(first: 50, after: $after, filter: { updatedSince: "2020-01-01T00:00:00Z" }, orderBy: { field: UPDATED_AT }) { pageInfo { endCursor } nodes { id } } }`,
    pageTwo: 'claims',
  },
  {
    name: 'claims filtered by status and kind, with totalCount',
    query: `{ claims(first: 20, filter: { status: PROPOSED, kind: REPORT }) { totalCount nodes { id } } }`,
  },
  {
    name: 'events by DATE, second page',
    query: `query($after: String) { events(first: 20, after: $after, orderBy: { field: DATE }) { pageInfo { endCursor } nodes { id } } }`,
    pageTwo: 'events',
  },
  {
    name: 'actors by NAME DESC, second page',
    query: `query($after: String) { actors(first: 20, after: $after, orderBy: { field: NAME, direction: DESC }) { pageInfo { endCursor } nodes { id } } }`,
    pageTwo: 'actors',
  },
  { name: 'actors search', query: `{ actors(first: 20, filter: { search: "Asaib Ahl al-Haq" }) { nodes { id name } } }` },
  {
    name: 'eventCounts by MONTH (2025)',
    query: `{ eventCounts(groupBy: MONTH, filter: { from: "2025-01-01", to: "2025-12-31" }) { key count } }`,
  },
  { name: 'eventCounts by ADMIN1', query: `{ eventCounts(groupBy: ADMIN1, filter: { type: PROTESTS }) { key count } }` },
  { name: 'claimCounts by CLAIMANT', query: `{ claimCounts(groupBy: CLAIMANT, first: 20) { key label count } }` },
  { name: 'deletions since', query: `{ deletions(since: "2026-01-01T00:00:00Z", first: 50) { nodes { nodeId } } }` },
  {
    name: 'nested: events → claims → evidence → sentence → article → source',
    query: `{ events(first: 20) { nodes { claims { evidence { sentence { article { source { name } } } } } } } }`,
  },
  {
    name: 'nested: articles → sentences(first) → claims → claimant',
    query: `{ articles(first: 20) { nodes { sentences(first: 20) { nodes { claims { claimant { name } } } } } } }`,
  },
  {
    name: 'nested: actors → claimsMade(first) → evidence',
    query: `{ actors(first: 20) { nodes { claimsMade(first: 20) { nodes { evidence { exact } } } } } }`,
  },
  {
    name: 'nested: sources → articles(first) → claims(first) → subjects',
    query: `{ sources(first: 5) { nodes { articles(first: 20) { nodes { claims(first: 20) { nodes { subjects { name } } } } } } } }`,
  },
  {
    name: 'nested: claims → subjects → relations → evidence',
    query: `{ claims(first: 20) { nodes { subjects { relations { evidence { id } } } } } }`,
  },
  {
    name: 'nested: events → participants → actor → aliases',
    query: `{ events(first: 20) { nodes { participants { actor { aliases { name } } } } } }`,
  },
];
