/** The GraphQL the viewer sends, with the shapes it reads back. */

export type ClaimStatus = 'PROPOSED' | 'ACCEPTED' | 'REJECTED' | 'RETRACTED';
export type ClaimKind = 'STATEMENT' | 'REPORT' | 'ALLEGATION' | 'DENIAL';
export interface Named {
  id: string;
  name: string;
}
export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
export interface ArticleSummary {
  id: string;
  title: string;
  publishedAt: string | null;
  language: string | null;
  sentenceCount: number;
  source: Named;
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

export const SOURCES = `query ViewerSources { sources(first: 100) { nodes { id name } } }`;

export const ARTICLES = `query ViewerArticles($filter: ArticleFilter, $first: Int, $after: String, $last: Int, $before: String) {
  articles(filter: $filter, first: $first, after: $after, last: $last, before: $before, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
    totalCount nodes { id title publishedAt language sentenceCount source { id name } } ${PAGE_INFO}
  }
}`;

export interface SentenceHit {
  id: string;
  index: number;
  highlight: string | null;
  text: string;
  article: { id: string; title: string; source: Named };
}
export const SEARCH_SENTENCES = `query ViewerSearchSentences($query: String!, $first: Int, $after: String, $last: Int, $before: String) {
  searchSentences(query: $query, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { id index text highlight article { id title source { id name } } } ${PAGE_INFO}
  }
}`;

export interface EvidenceSpan {
  start: number;
  end: number;
  exact: string;
}
export interface ClaimSummary {
  id: string;
  text: string;
  kind: ClaimKind;
  status: ClaimStatus;
  evidence: EvidenceSpan[];
}
export interface MentionSpan {
  id: string;
  start: number;
  end: number;
  text: string;
  actor: Named | null;
}
export interface TimeExpressionSpan {
  text: string;
  start: number;
  end: number;
  date: string | null;
  precision: string;
}
export interface SentenceSpan {
  id: string;
  index: number;
  start: number;
  end: number;
  role: string;
  timeExpressions: TimeExpressionSpan[];
}
export interface ArticleDetail extends ArticleSummary {
  url: string | null;
  body: string;
  contentHash: string;
  mentions: MentionSpan[];
  sentences: Connection<SentenceSpan>;
  claims: Connection<ClaimSummary>;
}
export const ARTICLE = `query ViewerArticle($id: ID!) {
  article(id: $id) {
    id title url publishedAt language sentenceCount body contentHash source { id name }
    mentions { id start end text actor { id name } }
    sentences(first: 100) { totalCount nodes { id index start end role timeExpressions { text start end date precision } } ${PAGE_INFO} }
    claims(first: 100) { totalCount nodes { id text kind status evidence { start end exact } } ${PAGE_INFO} }
  }
}`;
/** Articles longer than 100 sentences, or with more than 100 claims: the rest, page by page. */
export const ARTICLE_SENTENCES = `query ViewerArticleSentences($id: ID!, $after: String) {
  article(id: $id) { sentences(first: 100, after: $after) { totalCount nodes { id index start end role timeExpressions { text start end date precision } } ${PAGE_INFO} } }
}`;
export const ARTICLE_CLAIMS = `query ViewerArticleClaims($id: ID!, $after: String) {
  article(id: $id) { claims(first: 100, after: $after) { totalCount nodes { id text kind status evidence { start end exact } } ${PAGE_INFO} } }
}`;

export interface ClaimDetail {
  __typename: 'Claim';
  id: string;
  text: string;
  kind: ClaimKind;
  status: ClaimStatus;
  reviewNote: string | null;
  retractionReason: string | null;
  visibility: 'PUBLIC' | 'ORGANIZATION';
  updatedAt: string;
  extraction: { method: string; agent: string; version: string | null; confidence: number | null; createdAt: string };
  article: { id: string; title: string };
  claimant: Named | null;
  subjects: Named[];
  events: Array<{ id: string; type: string; subType: string | null; description: string | null; date: string | null }>;
  evidence: Array<EvidenceSpan & { prefix: string; suffix: string; sentence: { id: string; index: number } }>;
  revisions: Array<{ text: string; note: string | null; createdAt: string }>;
  annotation: unknown;
}
const CLAIM_FIELDS = `id text kind status reviewNote retractionReason visibility updatedAt
  extraction { method agent version confidence createdAt }
  article { id title } claimant { id name } subjects { id name }
  events { id type subType description date }
  evidence { start end exact prefix suffix sentence { id index } }
  revisions { text note createdAt } annotation`;
export const CLAIM = `query ViewerClaim($id: ID!) { node(id: $id) { __typename ... on Claim { ${CLAIM_FIELDS} } } }`;
export const REVIEW_CLAIM = `mutation ViewerReviewClaim($id: ID!, $status: ReviewStatus!, $note: String) {
  reviewClaim(id: $id, status: $status, note: $note) { ${CLAIM_FIELDS} }
}`;

interface ClaimLine {
  id: string;
  text: string;
  kind: ClaimKind;
  status: ClaimStatus;
  article: { id: string; title: string };
}
export interface ActorDetail {
  __typename: 'Actor';
  id: string;
  name: string;
  kind: string;
  description: string | null;
  aliases: Array<{ name: string; language: string | null }>;
  externalIds: Array<{ system: string; value: string }>;
  mergedInto: Named | null;
  relations: Array<{
    type: string;
    startDate: string | null;
    endDate: string | null;
    actor: Named;
    target: Named;
    evidence: ClaimLine[];
  }>;
  claimsMade: Connection<ClaimLine>;
  claimsAbout: Connection<ClaimLine>;
  events: Connection<{
    id: string;
    type: string;
    subType: string | null;
    description: string | null;
    date: string | null;
    place: { name: string } | null;
  }>;
}
const CLAIM_LINE = `id text kind status article { id title }`;
export const ACTOR = `query ViewerActor($id: ID!) {
  node(id: $id) {
    __typename
    ... on Actor {
      id name kind description aliases { name language } externalIds { system value } mergedInto { id name }
      relations { type startDate endDate actor { id name } target { id name } evidence { ${CLAIM_LINE} } }
      claimsMade(first: 50) { totalCount nodes { ${CLAIM_LINE} } ${PAGE_INFO} }
      claimsAbout(first: 50) { totalCount nodes { ${CLAIM_LINE} } ${PAGE_INFO} }
      events(first: 50) { totalCount nodes { id type subType description date place { name } } ${PAGE_INFO} }
    }
  }
}`;
