/**
 * Operations A–F of issue 10 (and Z, the fixed cost of a request) as each contender asks them: Verbatim's GraphQL, PostGraphile 4's
 * GraphQL over the same tables, and the SQL floor (one hand-written statement). `same` turns an
 * answer into what must be equal between the two APIs (ids differ in form: global ids against
 * row ids, so names and texts are compared).
 */
import { toGlobalId } from '../src/common/global-id';

export interface Operation {
  key: string;
  title: string;
  verbatim: { query: string; variables?: Record<string, unknown> };
  postgraphile: { query: string; variables?: Record<string, unknown> };
  /** The floor: one statement through `pg`, as the login role. */
  sql: { text: string; values?: unknown[] };
  /** The answer reduced to what both APIs must agree on. */
  same: { verbatim(data: Data): unknown; postgraphile(data: Data): unknown };
}

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- answers are untyped JSON */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
type Node = Record<string, Data>;

export const SEARCH = '"arrest warrants" -Basra';

export function operations(articleId: string): Operation[] {
  return [
    {
      key: 'A',
      title: 'first 20 articles with source name',
      verbatim: { query: `{ articles(first: 20) { nodes { id title source { name } } } }` },
      postgraphile: { query: `{ articles(first: 20, orderBy: ID_ASC) { nodes { id title source { name } } } }` },
      sql: {
        text: `SELECT a.id, a.title, s.name FROM article a JOIN source s ON s.id = a.source_id ORDER BY a.id LIMIT 20`,
      },
      same: {
        verbatim: (d) => d.articles.nodes.map((n: Node) => [n.title, n.source.name]),
        postgraphile: (d) => d.articles.nodes.map((n: Node) => [n.title, n.source.name]),
      },
    },
    {
      key: 'B',
      title: 'provenance chain: 20 claims → claimant, evidence → sentence → article → source',
      verbatim: {
        query: `{ claims(first: 20) { nodes { id text claimant { name } evidence { exact sentence { text article { title source { name } } } } } } }`,
      },
      postgraphile: {
        query: `{ claims(first: 20, orderBy: ID_ASC) { nodes { id text claimant { name } evidences(orderBy: ID_ASC) { nodes { exact sentence { text article { title source { name } } } } } } } }`,
      },
      sql: {
        text: `SELECT c.id, c.text, ac.name AS claimant, e.exact, se.text AS sentence, ar.title, so.name AS source
               FROM (SELECT id, text, claimant_id FROM claim WHERE visibility = 'PUBLIC' ORDER BY id LIMIT 20) c
               LEFT JOIN actor ac ON ac.id = c.claimant_id
               LEFT JOIN evidence e ON e.claim_id = c.id
               LEFT JOIN sentence se ON se.id = e.sentence_id
               LEFT JOIN article ar ON ar.id = se.article_id
               LEFT JOIN source so ON so.id = ar.source_id
               ORDER BY c.id, e.id`,
      },
      same: {
        verbatim: (d) => d.claims.nodes.map((n: Node) => [n.text, n.claimant?.name ?? null, n.evidence.map(chain)]),
        postgraphile: (d) => d.claims.nodes.map((n: Node) => [n.text, n.claimant?.name ?? null, n.evidences.nodes.map(chain)]),
      },
    },
    {
      key: 'C',
      title: '10 articles → 10 sentences each → their claims',
      verbatim: { query: `{ articles(first: 10) { nodes { title sentences(first: 10) { nodes { text claims { text } } } } } }` },
      postgraphile: {
        query: `{ articles(first: 10, orderBy: ID_ASC) { nodes { title sentences(first: 10, orderBy: INDEX_ASC) { nodes { text evidences(orderBy: CLAIM_ID_ASC) { nodes { claim { text } } } } } } } }`,
      },
      sql: {
        text: `SELECT a.id, a.title, s.id AS sentence_id, s.text, c.id AS claim_id, c.text AS claim
               FROM (SELECT id, title FROM article ORDER BY id LIMIT 10) a
               CROSS JOIN LATERAL (SELECT id, text, index FROM sentence WHERE article_id = a.id ORDER BY index LIMIT 10) s
               LEFT JOIN evidence e ON e.sentence_id = s.id
               LEFT JOIN claim c ON c.id = e.claim_id AND c.visibility = 'PUBLIC'
               ORDER BY a.id, s.index, c.id`,
      },
      same: {
        verbatim: (d) =>
          d.articles.nodes.map((a: Node) => [a.title, a.sentences.nodes.map((s: Node) => [s.text, s.claims.map((c: Node) => c.text)])]),
        postgraphile: (d) =>
          d.articles.nodes.map((a: Node) => [
            a.title,
            a.sentences.nodes.map((s: Node) => [s.text, s.evidences.nodes.map((e: Node) => e.claim.text)]),
          ]),
      },
    },
    {
      key: 'D',
      title: 'one article by id with source',
      verbatim: {
        query: `query($id: ID!) { article(id: $id) { id title publishedAt source { name } } }`,
        variables: { id: toGlobalId('Article', articleId) },
      },
      postgraphile: {
        query: `query($id: BigInt!) { article(id: $id) { id title publishedAt source { name } } }`,
        variables: { id: articleId },
      },
      sql: {
        text: `SELECT a.id, a.title, a.published_at, s.name FROM article a JOIN source s ON s.id = a.source_id WHERE a.id = $1`,
        values: [articleId],
      },
      same: {
        verbatim: (d) => [d.article.title, new Date(d.article.publishedAt).getTime(), d.article.source.name],
        postgraphile: (d) => [d.article.title, new Date(d.article.publishedAt).getTime(), d.article.source.name],
      },
    },
    {
      key: 'E',
      title: 'full-text search, 20 hits',
      verbatim: {
        query: `query($q: String!) { articles(first: 20, filter: { search: $q }) { nodes { id title } } }`,
        variables: { q: SEARCH },
      },
      postgraphile: {
        query: `query($q: String!) { searchArticles(query: $q, first: 20) { nodes { id title } } }`,
        variables: { q: SEARCH },
      },
      sql: {
        text: `SELECT id, title FROM article WHERE search_vector @@ websearch_to_tsquery('english', $1) ORDER BY id LIMIT 20`,
        values: [SEARCH],
      },
      same: {
        verbatim: (d) => d.articles.nodes.map((n: Node) => n.title),
        postgraphile: (d) => d.searchArticles.nodes.map((n: Node) => n.title),
      },
    },
    {
      key: 'F',
      title: 'an aggregate: claim counts by claimant, top 20',
      verbatim: { query: `{ claimCounts(groupBy: CLAIMANT, first: 20) { key label count } }` },
      postgraphile: { query: `{ claimCountsByClaimant(n: 20) { nodes { key label count } } }` },
      sql: {
        text: `SELECT CAST(c.claimant_id AS text) AS key, min(a.name) AS label, count(*) AS count
               FROM claim c LEFT JOIN actor a ON a.id = c.claimant_id WHERE c.visibility = 'PUBLIC'
               GROUP BY c.claimant_id ORDER BY count(*) DESC, c.claimant_id ASC NULLS LAST LIMIT 20`,
      },
      same: {
        verbatim: (d) => d.claimCounts.map((b: Node) => [b.key === null ? null : b.label, b.count]),
        postgraphile: (d) => d.claimCountsByClaimant.nodes.map((b: Node) => [b.key === null ? null : b.label, b.count]),
      },
    },
    {
      // Not one of the operations: what a request costs before any data is read (HTTP,
      // parsing, validation, plugins, the answer), the floor under every row above.
      key: 'Z',
      title: 'the fixed cost of a request: { __typename }, no data',
      verbatim: { query: `{ __typename }` },
      postgraphile: { query: `{ __typename }` },
      sql: { text: `SELECT 1` },
      same: {
        verbatim: (d) => ({ typename: String(d.__typename) }),
        postgraphile: (d) => ({ typename: String(d.__typename) }),
      },
    },
  ];
}

function chain(e: Node): unknown[] {
  return [e.exact, e.sentence.text, e.sentence.article.title, e.sentence.article.source.name];
}
