import { articleInput } from './factories';
import type { GraphQLResponse, TestApp } from './test-app';

/** An article with repeated phrases, curly quotes, an emoji and four sentences, to annotate. */
export const CLAIM_ARTICLE_BODY =
  'Qais al-Khazali said the group’s fighters would “stay out of the feud.” The court met on Friday 🚀 in Amarah.\n' +
  'The court issued warrants for two men. A spokesman denied any link to the killing.';

export const CLAIM_FIELDS = `id text kind status visibility reviewNote retractionReason
  claimant { id name } subjects { id } events { id } article { id }
  evidence { start end exact prefix suffix sentence { id index text } }
  extraction { method agent version confidence createdAt }
  revisions { text note createdAt }`;
const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { ${CLAIM_FIELDS} } }`;

export interface ClaimShape {
  id: string;
  text: string;
  status: string;
  visibility: string;
  reviewNote: string | null;
  retractionReason: string | null;
  claimant: { id: string; name: string } | null;
  subjects: Array<{ id: string }>;
  events: Array<{ id: string }>;
  evidence: Array<{
    start: number;
    end: number;
    exact: string;
    prefix: string;
    suffix: string;
    sentence: { id: string; index: number; text: string };
  }>;
  extraction: { method: string; agent: string; confidence: number | null };
  revisions: Array<{ text: string; note: string | null }>;
}

export interface ClaimFixture {
  articleId: string;
  body: string;
  sentenceIds: string[];
  /** addClaim on the fixture's article; a STATEMENT "A claim." unless the input says otherwise. */
  add: (input: Record<string, unknown>, key?: string | null) => Promise<GraphQLResponse<{ addClaim: ClaimShape }>>;
}

/** Ingests the claim article in `app` and returns helpers to annotate it. */
export async function claimFixture(app: TestApp): Promise<ClaimFixture> {
  const { data } = await app.gql<{ ingestArticle: { article: { id: string; body: string; sentences: { nodes: Array<{ id: string }> } } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id body sentences { nodes { id } } } } }`,
    { input: articleInput({ body: CLAIM_ARTICLE_BODY }) },
  );
  const article = data!.ingestArticle.article;
  return {
    articleId: article.id,
    body: article.body,
    sentenceIds: article.sentences.nodes.map((s) => s.id),
    add: (input, key) =>
      app.gql<{ addClaim: ClaimShape }>(ADD, { input: { articleId: article.id, kind: 'STATEMENT', text: 'A claim.', ...input } }, { key }),
  };
}

/** Python's text[start:end]: slicing by code points. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
