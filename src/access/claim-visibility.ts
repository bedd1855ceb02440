import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../common/viewer';
import { Visibility } from '../claims/claim.entity';

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

/** The same rule for a claim already in hand. */
export function canSeeClaim(viewer: Viewer, claim: { visibility: Visibility; organizationId: string }): boolean {
  return claim.visibility === Visibility.PUBLIC || (viewer.organizationId !== null && claim.organizationId === viewer.organizationId);
}
