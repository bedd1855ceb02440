import type { Actor } from '../actors/actor.entity';
import type { Article } from '../articles/article.entity';
import { parseGlobalId } from '../common/global-id';
import { pageWindow, type ConnectionArgs } from '../common/pagination';
import { orderingOf, readListPage, type SortKey } from '../common/sorted-pagination';
import type { Context } from '../context';
import { applyClaimCriteria, claimCriteria, type ClaimCriteria } from './claim-criteria';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { Claim } from './claim.entity';
import type { ClaimFilter, ClaimOrder, ClaimOrderField } from './claim.inputs';
import { claimAnnotation } from '../provenance/web-annotation';
import { ClaimConnection } from './claim.types';

/** A claim the viewer may see, by global id; refusing ids that are not claims. */
export async function findClaim(ctx: Context, id: string, field = 'id'): Promise<Claim | null> {
  return ctx.loaders.claimById.load(parseGlobalId(id, 'Claim', field));
}

const CLAIM_SORT_KEYS: Record<ClaimOrderField, SortKey | null> = {
  CREATED_AT: { column: 'claim.extraction_created_at', type: 'timestamptz', nullable: false },
  UPDATED_AT: { column: 'claim.updated_at', type: 'timestamptz', nullable: false },
};

export async function listClaims(ctx: Context, args: ConnectionArgs, filter?: ClaimFilter, orderBy?: ClaimOrder): Promise<ClaimConnection> {
  const criteria = claimCriteria(filter);
  const ordering = orderingOf('Claim', 'claim.id', CLAIM_SORT_KEYS, orderBy);
  const query = () => {
    const claims = onlyVisibleClaims(ctx.db.getRepository(Claim).createQueryBuilder('claim'), ctx.viewer, 'claim');
    applyClaimCriteria(claims, 'claim', criteria);
    return claims;
  };
  const page = await readListPage(query(), args, ordering);
  return new ClaimConnection(page, () => query().getCount());
}

export async function claimsOfArticle(
  ctx: Context,
  article: Article,
  args: ConnectionArgs,
  filter?: ClaimFilter,
): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageByArticleId, ctx.loaders.claimCountByArticleId, article.id, args, claimCriteria(filter));
}

export async function claimsMadeBy(ctx: Context, actor: Actor, args: ConnectionArgs): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageByClaimantId, ctx.loaders.claimCountByClaimantId, actor.id, args, {});
}

export async function claimsAbout(ctx: Context, actor: Actor, args: ConnectionArgs): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageBySubjectId, ctx.loaders.claimCountBySubjectId, actor.id, args, {});
}

/** One parent's page of claims and its lazy count, through that relation's per-request loaders. */
async function childClaims(
  pages: Context['loaders']['claimPageByArticleId'],
  counts: Context['loaders']['claimCountByArticleId'],
  parentId: string,
  args: ConnectionArgs,
  filter: ClaimCriteria,
): Promise<ClaimConnection> {
  const key = { parentId, filter };
  const page = await pages.load({ ...key, window: pageWindow(args) });
  return new ClaimConnection(page, () => counts.load(key));
}

/** The claim as a W3C Web Annotation with PROV-O terms (`Claim.annotation`; exports use the same builder). */
export async function annotationOf(ctx: Context, claim: Claim): Promise<Record<string, unknown>> {
  const [article, evidence] = await Promise.all([
    ctx.loaders.articleById.load(claim.articleId),
    ctx.loaders.evidenceByClaimId.load(claim.id),
  ]);
  return claimAnnotation(claim, article as Article, evidence);
}
