import type { Article } from '../articles/article.entity';
import type { Context } from '../context';
import { claimAnnotation } from '../provenance/web-annotation';
import { applyClaimCriteria, type ClaimCriteria } from './claim-criteria';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { Claim } from './claim.entity';
import { fieldsNamed } from '../common/field-selection';
import { readBatch } from '../common/list-query';
import { rowKey } from '../common/loaders';

/** What an annotation reads of the claim's article (never its body). */
const ANNOTATED_ARTICLE = fieldsNamed('url', 'contentHash');

export async function annotationOf(ctx: Context, claim: Claim): Promise<Record<string, unknown>> {
  const [article, evidence] = await Promise.all([
    ctx.loaders.articleById.load(rowKey(claim.articleId, ANNOTATED_ARTICLE)),
    ctx.loaders.evidenceByClaimId.load(claim.id),
  ]);
  return claimAnnotation(claim, article as Article, evidence);
}

const EXPORT_BATCH = 500;

/**
 * Every claim the viewer may see that meets the criteria, as Web Annotations, in id order.
 * Reads in keyset batches with fresh loaders per batch, so memory stays flat however many
 * claims there are; `emit` may wait (backpressure) before the next batch is read.
 */
export async function exportClaimAnnotations(
  ctx: Context,
  criteria: ClaimCriteria,
  newLoaders: () => Context['loaders'],
  emit: (annotation: Record<string, unknown>) => Promise<void>,
): Promise<number> {
  let after = '0';
  let exported = 0;
  for (;;) {
    const query = onlyVisibleClaims(ctx.db.getRepository(Claim).createQueryBuilder('claim'), ctx.viewer, 'claim');
    applyClaimCriteria(query, 'claim', criteria);
    const batch = await readBatch(query, after, EXPORT_BATCH);
    if (batch.length === 0) return exported;
    const batchCtx = { ...ctx, loaders: newLoaders() };
    const annotations = await Promise.all(batch.map((claim) => annotationOf(batchCtx, claim)));
    for (const annotation of annotations) await emit(annotation);
    exported += batch.length;
    after = batch[batch.length - 1].id;
  }
}
