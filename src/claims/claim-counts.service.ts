import { registerEnumType } from 'type-graphql';
import { DEFAULT_BUCKETS, toBuckets, type CountBucket } from '../common/count-bucket';
import { toGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { applyClaimCriteria, claimCriteria } from './claim-criteria';
import { Claim } from './claim.entity';
import type { ClaimFilter } from './claim.inputs';

export enum ClaimCountGroup {
  CLAIMANT = 'CLAIMANT',
  STATUS = 'STATUS',
  KIND = 'KIND',
}
registerEnumType(ClaimCountGroup, {
  name: 'ClaimCountGroup',
  valuesConfig: {
    CLAIMANT: { description: 'By who makes the claim (bucket.actor); claims the article itself reports in a null bucket' },
    STATUS: { description: 'By review status' },
    KIND: { description: 'By kind of claim' },
  },
});

const KEYS: Record<ClaimCountGroup, string> = {
  CLAIMANT: 'claim.claimant_id',
  STATUS: 'CAST(claim.status AS text)',
  KIND: 'CAST(claim.kind AS text)',
};

/**
 * Counts of the claims `filter` selects among those the viewer may see (the visibility rule and
 * the filter are the claims list's own), grouped.
 */
export async function countClaims(
  ctx: Context,
  groupBy: ClaimCountGroup,
  filter?: ClaimFilter,
  first = DEFAULT_BUCKETS,
): Promise<CountBucket[]> {
  const query = onlyVisibleClaims(ctx.db.getRepository(Claim).createQueryBuilder('claim'), ctx.viewer, 'claim');
  applyClaimCriteria(query, 'claim', claimCriteria(filter));
  const key = KEYS[groupBy];
  query.select(`CAST(${key} AS text)`, 'key').addSelect('count(*)', 'count').groupBy(key);
  if (groupBy === ClaimCountGroup.CLAIMANT) {
    query.leftJoin('actor', 'actor', 'actor.id = claim.claimant_id').addSelect('min(actor.name)', 'name');
  }
  const rows = await query
    .orderBy('count', 'DESC')
    .addOrderBy(key, 'ASC', 'NULLS LAST')
    .limit(first)
    .getRawMany<{ key: string | null; count: string; name?: string }>();
  if (groupBy !== ClaimCountGroup.CLAIMANT) {
    return toBuckets(rows, (value) => value.charAt(0) + value.slice(1).toLowerCase(), 'Unknown');
  }
  return rows.map((row) => ({
    key: row.key === null ? null : toGlobalId('Actor', row.key),
    label: row.name ?? 'No claimant: the article itself reports it',
    count: Number(row.count),
    actorId: row.key,
  }));
}
