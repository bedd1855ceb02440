import type { Actor } from '../actors/actor.entity';
import type { Article } from '../articles/article.entity';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { applyClaimCriteria, claimCriteria, type ClaimCriteria } from '../claims/claim-criteria';
import { Claim, ClaimKind, ReviewStatus } from '../claims/claim.entity';
import type { Evidence } from '../claims/evidence.entity';
import { fieldsNamed } from '../common/field-selection';
import { toGlobalId } from '../common/global-id';
import { readBatch } from '../common/list-query';
import { rowKey } from '../common/loaders';
import { claimAnnotation } from '../provenance/web-annotation';
import type { Source } from '../sources/source.entity';
import { isoOrNull, presentOnly, type ExportSource } from './export-source';

/** What the records read of a claim's article (never its body). */
const ARTICLE_FIELDS = fieldsNamed('url', 'title', 'publishedAt', 'contentHash', 'source');

export interface ClaimRecord {
  claim: Claim;
  article: Article;
  source: Source | null;
  evidence: readonly Evidence[];
  claimant: Actor | null;
  subjects: readonly Actor[];
}

/** Claims as analysts read them: one row per claim, its first evidence span flattened in. */
export const claimExport: ExportSource<ClaimCriteria, ClaimRecord> = {
  kind: 'claims',
  batchSize: 500,
  parseFilter(params) {
    const id = (name: string) => params.text(name);
    return claimCriteria(
      {
        actorId: id('actorId'),
        claimantId: id('claimantId'),
        eventId: id('eventId'),
        articleId: id('articleId'),
        sourceId: id('sourceId'),
        status: params.oneOf('status', ReviewStatus),
        kind: params.oneOf('kind', ClaimKind),
        search: params.text('search'),
        from: params.dateTime('from'),
        to: params.dateTime('to'),
        updatedSince: params.dateTime('updatedSince'),
      },
      params.scope,
    );
  },
  async readBatch(ctx, criteria, afterId, limit) {
    const query = onlyVisibleClaims(ctx.db.getRepository(Claim).createQueryBuilder('claim'), ctx.viewer, 'claim');
    applyClaimCriteria(query, 'claim', criteria);
    const claims = await readBatch(query, afterId, limit);
    const { loaders } = ctx;
    const records = await Promise.all(
      claims.map(async (claim) => {
        const [article, evidence, claimant, subjects] = await Promise.all([
          loaders.articleById.load(rowKey(claim.articleId, ARTICLE_FIELDS)),
          loaders.evidenceByClaimId.load(claim.id),
          claim.claimantId === null ? null : loaders.actorById.load(claim.claimantId),
          loaders.subjectsByClaimId.load(claim.id),
        ]);
        const source = article === null ? null : await loaders.sourceById.load(article.sourceId);
        return { claim, article: article as Article, source, evidence, claimant, subjects };
      }),
    );
    return { records, lastId: claims.at(-1)?.id ?? null };
  },
  csvColumns: [
    'claim_id',
    'text',
    'kind',
    'status',
    'visibility',
    'claimant_id',
    'claimant_name',
    'subject_names',
    'article_id',
    'article_url',
    'article_title',
    'published_at',
    'source_name',
    'evidence_count',
    'evidence_exact',
    'evidence_start',
    'evidence_end',
    'extraction_method',
    'extraction_agent',
    'confidence',
    'created_at',
    'updated_at',
    'retraction_reason',
  ],
  toJson({ claim, article, source, evidence, claimant, subjects }) {
    return {
      id: claim.nodeId,
      text: claim.text,
      kind: claim.kind,
      status: claim.status,
      visibility: claim.visibility,
      reviewNote: claim.reviewNote,
      retractionReason: claim.retractionReason,
      claimant: claimant === null ? null : { id: claimant.nodeId, name: claimant.name, kind: claimant.kind },
      subjects: subjects.map((actor) => ({ id: actor.nodeId, name: actor.name, kind: actor.kind })),
      article: { id: article.nodeId, url: article.url, title: article.title, publishedAt: isoOrNull(article.publishedAt) },
      source: source === null ? null : { id: source.nodeId, name: source.name, domain: source.domain },
      evidence: evidence.map((span) => ({
        sentenceId: toGlobalId('Sentence', span.sentenceId),
        start: span.start,
        end: span.end,
        exact: span.exact,
        prefix: span.prefix,
        suffix: span.suffix,
      })),
      extraction: { ...claim.extraction, createdAt: claim.extraction.createdAt.toISOString() },
      updatedAt: claim.updatedAt.toISOString(),
    };
  },
  toCsv({ claim, article, source, evidence, claimant, subjects }) {
    const first = evidence[0];
    return {
      claim_id: claim.nodeId,
      text: claim.text,
      kind: claim.kind,
      status: claim.status,
      visibility: claim.visibility,
      claimant_id: claimant?.nodeId,
      claimant_name: claimant?.name,
      subject_names: presentOnly(subjects.map((actor) => actor.name)).join('; '),
      article_id: article.nodeId,
      article_url: article.url,
      article_title: article.title,
      published_at: isoOrNull(article.publishedAt),
      source_name: source?.name,
      evidence_count: evidence.length,
      evidence_exact: first?.exact,
      evidence_start: first?.start,
      evidence_end: first?.end,
      extraction_method: claim.extraction.method,
      extraction_agent: claim.extraction.agent,
      confidence: claim.extraction.confidence,
      created_at: claim.extraction.createdAt.toISOString(),
      updated_at: claim.updatedAt.toISOString(),
      retraction_reason: claim.retractionReason,
    };
  },
  toJsonLd({ claim, article, evidence }) {
    return claimAnnotation(claim, article, evidence);
  },
};
