/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddClaimInput = {
  articleId: string | number;
  /** Who makes the claim; absent when the article itself reports it */
  claimantId?: string | number | null | undefined;
  /** 0..1 */
  confidence?: number | null | undefined;
  eventIds?: Array<string | number> | null | undefined;
  /** At least one span; several may come from different sentences of the article */
  evidence: Array<EvidenceInput>;
  kind: ClaimKind;
  /** The actors the claim is about */
  subjectIds?: Array<string | number> | null | undefined;
  text: string;
  /** Defaults to PUBLIC */
  visibility?: Visibility | null | undefined;
};

export type ClaimFilter = {
  /** Claims made by, or about, this actor */
  actorId?: string | number | null | undefined;
  articleId?: string | number | null | undefined;
  claimantId?: string | number | null | undefined;
  eventId?: string | number | null | undefined;
  /** From this time on, by the article's publication time */
  from?: string | null | undefined;
  kind?: ClaimKind | null | undefined;
  /** Words in the claim text (web search syntax) */
  search?: string | null | undefined;
  sourceId?: string | number | null | undefined;
  status?: ReviewStatus | null | undefined;
  /** Before this time, by the article's publication time */
  to?: string | null | undefined;
  /** Only claims changed at or after this time (for mirrors: pair with deletions(since:)) */
  updatedSince?: string | null | undefined;
};

export type ClaimKind =
  | 'ALLEGATION'
  | 'DENIAL'
  | 'REPORT'
  | 'STATEMENT';

export type EventCountGroup =
  /** By province (place.admin1); events without one in a null bucket */
  | 'ADMIN1'
  /** By the month of the (first) day, YYYY-MM; undated events in a null bucket */
  | 'MONTH'
  /** By event type */
  | 'TYPE';

export type EventFilter = {
  /** Events this actor took part in (any role) */
  actorId?: string | number | null | undefined;
  /** Events dated on or after this day */
  from?: string | null | undefined;
  /** A place name, province (admin1) or district (admin2); any case */
  place?: string | null | undefined;
  /** Words to find in the description (web search syntax) */
  search?: string | null | undefined;
  /** Events dated on or before this day */
  to?: string | null | undefined;
  type?: EventType | null | undefined;
  /** Only events changed at or after this time (for mirrors: pair with deletions(since:)) */
  updatedSince?: string | null | undefined;
};

export type EventType =
  | 'BATTLES'
  | 'EXPLOSIONS_REMOTE_VIOLENCE'
  | 'PROTESTS'
  | 'RIOTS'
  | 'STRATEGIC_DEVELOPMENTS'
  | 'VIOLENCE_AGAINST_CIVILIANS';

/** A span of the article: a position (start, end: code-point offsets into the body) or a quote (exact, with optional prefix/suffix), searched in the sentence when sentenceId is given, else in the whole article */
export type EvidenceInput = {
  end?: number | null | undefined;
  exact?: string | null | undefined;
  prefix?: string | null | undefined;
  sentenceId?: string | number | null | undefined;
  start?: number | null | undefined;
  suffix?: string | null | undefined;
};

export type IngestArticleInput = {
  /** Plain text, up to 1 MB of UTF-8; stored normalised (NFC, \n line breaks) */
  body: string;
  /** Propose mentions, attributed claims (status PROPOSED, method RULE) and their dates for people to review */
  extract?: boolean | null | undefined;
  /** Visibility of the claims extraction proposes; PUBLIC by default */
  extractVisibility?: Visibility | null | undefined;
  /** BCP 47 language tag, e.g. "en" or "ar" */
  language?: string | null | undefined;
  publishedAt?: string | null | undefined;
  source: SourceInput;
  title: string;
  /** Identifies the article: re-ingesting the same url is idempotent */
  url?: string | null | undefined;
};

export type ReviewStatus =
  | 'ACCEPTED'
  | 'PROPOSED'
  | 'REJECTED'
  | 'RETRACTED';

/** A source is found by domain, else by name, and created when missing */
export type SourceInput = {
  /** Host name such as "example.org"; derived from url when absent */
  domain?: string | null | undefined;
  /** Defaults to OTHER */
  kind?: SourceKind | null | undefined;
  name: string;
  url?: string | null | undefined;
};

/** What kind of publisher a source is */
export type SourceKind =
  | 'GOVERNMENT'
  | 'NEWS_OUTLET'
  | 'NGO'
  | 'OTHER'
  | 'RESEARCH_ORG'
  | 'SOCIAL_MEDIA';

/** ORGANIZATION: seen only by keys of the writing organisation */
export type Visibility =
  | 'ORGANIZATION'
  | 'PUBLIC';

export type ClaimsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: ClaimFilter | null | undefined;
}>;


export type ClaimsQuery = { claims: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, text: string, kind: ClaimKind, status: ReviewStatus, claimant: { id: string, name: string } | null, article: { id: string, url: string | null }, evidence: Array<{ start: number, end: number, exact: string }> }> } };

export type ClaimProvenanceQueryVariables = Exact<{
  id: string | number;
}>;


export type ClaimProvenanceQuery = { node:
    | { id: string, text: string, article: { id: string, body: string }, evidence: Array<{ start: number, end: number, exact: string }> }
    | Record<PropertyKey, never>
   | null };

export type EventsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: EventFilter | null | undefined;
}>;


export type EventsQuery = { events: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, type: EventType, subType: string | null, date: string | null, place: { name: string, admin1: string | null } | null }> } };

export type EventCountsQueryVariables = Exact<{
  groupBy: EventCountGroup;
  filter?: EventFilter | null | undefined;
}>;


export type EventCountsQuery = { eventCounts: Array<{ key: string | null, count: number }> };

export type IngestArticleMutationVariables = Exact<{
  input: IngestArticleInput;
}>;


export type IngestArticleMutation = { ingestArticle: { created: boolean, article: { id: string, url: string | null, sentenceCount: number } } };

export type AddClaimMutationVariables = Exact<{
  input: AddClaimInput;
}>;


export type AddClaimMutation = { addClaim: { id: string, text: string, evidence: Array<{ start: number, end: number, exact: string }> } };


export const ClaimsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Claims"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claims"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"claimant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClaimsQuery, ClaimsQueryVariables>;
export const ClaimProvenanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClaimProvenance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Claim"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClaimProvenanceQuery, ClaimProvenanceQueryVariables>;
export const EventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subType"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"admin1"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const EventCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventCountGroup"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<EventCountsQuery, EventCountsQueryVariables>;
export const IngestArticleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IngestArticle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IngestArticleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestArticle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"sentenceCount"}}]}}]}}]}}]} as unknown as DocumentNode<IngestArticleMutation, IngestArticleMutationVariables>;
export const AddClaimDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddClaim"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddClaimInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addClaim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]} as unknown as DocumentNode<AddClaimMutation, AddClaimMutationVariables>;