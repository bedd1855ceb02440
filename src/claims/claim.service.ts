import type { Actor } from '../actors/actor.entity';
import type { Article } from '../articles/article.entity';
import { parseGlobalId } from '../common/global-id';
import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, fieldsNamed, type FieldSelection } from '../common/field-selection';
import { listWindow, orderingOf, readConnection, type SortKey } from '../common/list-query';
import { childPageWindow, rowKey } from '../common/loaders';
import type { Context } from '../context';
import { applyClaimCriteria, claimCriteria, type ClaimCriteria } from './claim-criteria';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { Claim } from './claim.entity';
import type { ClaimFilter, ClaimOrder, ClaimOrderField } from './claim.inputs';
import { claimAnnotation } from '../provenance/web-annotation';
import { ClaimConnection } from './claim.types';

/** A claim the viewer may see, by global id; refusing ids that are not claims. */
export async function findClaim(ctx: Context, id: string, field = 'id', fields: FieldSelection = ALL_FIELDS): Promise<Claim | null> {
  return ctx.loaders.claimById.load(rowKey(parseGlobalId(id, 'Claim', field), fields));
}

const CLAIM_SORT_KEYS: Record<ClaimOrderField, SortKey | null> = {
  CREATED_AT: { column: 'claim.extraction_created_at', type: 'timestamptz', nullable: false },
  UPDATED_AT: { column: 'claim.updated_at', type: 'timestamptz', nullable: false },
};

export async function listClaims(
  ctx: Context,
  args: ConnectionArgs,
  filter?: ClaimFilter,
  orderBy?: ClaimOrder,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ClaimConnection> {
  const criteria = claimCriteria(filter);
  const window = listWindow(args, orderingOf('Claim', 'claim.id', CLAIM_SORT_KEYS, orderBy));
  const query = () => {
    const claims = onlyVisibleClaims(ctx.db.getRepository(Claim).createQueryBuilder('claim'), ctx.viewer, 'claim');
    applyClaimCriteria(claims, 'claim', criteria);
    return claims;
  };
  return readConnection(ClaimConnection, query, window, { fields, peers: ctx.loaders });
}

export async function claimsOfArticle(
  ctx: Context,
  article: Article,
  args: ConnectionArgs,
  filter?: ClaimFilter,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageByArticleId, ctx.loaders.claimCountByArticleId, article.id, args, claimCriteria(filter), fields);
}

export async function claimsMadeBy(
  ctx: Context,
  actor: Actor,
  args: ConnectionArgs,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageByClaimantId, ctx.loaders.claimCountByClaimantId, actor.id, args, {}, fields);
}

export async function claimsAbout(
  ctx: Context,
  actor: Actor,
  args: ConnectionArgs,
  fields: FieldSelection = ALL_FIELDS,
): Promise<ClaimConnection> {
  return childClaims(ctx.loaders.claimPageBySubjectId, ctx.loaders.claimCountBySubjectId, actor.id, args, {}, fields);
}

/** One parent's page of claims and its lazy count, through that relation's per-request loaders. */
async function childClaims(
  pages: Context['loaders']['claimPageByArticleId'],
  counts: Context['loaders']['claimCountByArticleId'],
  parentId: string,
  args: ConnectionArgs,
  filter: ClaimCriteria,
  fields: FieldSelection,
): Promise<ClaimConnection> {
  const key = { parentId, filter };
  const page = await pages.load({ ...key, window: childPageWindow(args), fields });
  return new ClaimConnection(page, () => counts.load(key));
}

/** What an annotation reads of the claim's article (never its body). */
const ANNOTATED_ARTICLE = fieldsNamed('url', 'contentHash');

/** The claim as a W3C Web Annotation with PROV-O terms (`Claim.annotation`; exports use the same builder). */
export async function annotationOf(ctx: Context, claim: Claim): Promise<Record<string, unknown>> {
  const [article, evidence] = await Promise.all([
    ctx.loaders.articleById.load(rowKey(claim.articleId, ANNOTATED_ARTICLE)),
    ctx.loaders.evidenceByClaimId.load(claim.id),
  ]);
  return claimAnnotation(claim, article as Article, evidence);
}
