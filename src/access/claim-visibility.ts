import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../common/viewer';
import type { Visibility } from '../claims/claim.entity';

/**
 * The one rule of claim visibility (DESIGN.md): PUBLIC claims are seen by everyone; claims with
 * visibility ORGANIZATION only by keys of the organisation that wrote them. Every query that
 * reads claims applies it, so no path (node, lists, nested fields, counts, search, export)
 * can show a private claim, nor tell that one exists. Row-level security (migration
 * ClaimRowLevelSecurity, policy claim_visible) states the same rule under it.
 */
export function claimVisibilityCondition(viewer: Viewer, claimAlias: string): { sql: string; params: Record<string, unknown> } {
  if (viewer.organizationId === null) return { sql: `${claimAlias}.visibility = 'PUBLIC'`, params: {} };
  return {
    sql: `(${claimAlias}.visibility = 'PUBLIC' OR ${claimAlias}.organization_id = :viewerOrganizationId)`,
    params: { viewerOrganizationId: viewer.organizationId },
  };
}

export function onlyVisibleClaims<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  viewer: Viewer,
  claimAlias: string,
): SelectQueryBuilder<T> {
  const { sql, params } = claimVisibilityCondition(viewer, claimAlias);
  return query.andWhere(sql, params);
}

/** Everyone sees it; a write about it may move rows that everyone sees. */
export function isPublicClaim(claim: { visibility: Visibility }): boolean {
  // A string comparison: importing the enum's value here would change the order the schema's types register in.
  return String(claim.visibility) === 'PUBLIC';
}

/** The same rule for a claim already in hand. */
export function canSeeClaim(viewer: Viewer, claim: { visibility: Visibility; organizationId: string }): boolean {
  return isPublicClaim(claim) || (viewer.organizationId !== null && claim.organizationId === viewer.organizationId);
}
