import type { EntityManager } from 'typeorm';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { visibleClaimsSql } from './claim-access';

export interface ClaimRef {
  rowId: string;
  field: string;
}

/** Claim ids of an input (`input.claimIds`), decoded, duplicates dropped; each keeps the path of its item. */
export function parseClaimIds(ids: readonly string[], field: string): ClaimRef[] {
  const refs = new Map<string, ClaimRef>();
  ids.forEach((id, index) => {
    const rowId = parseGlobalId(id, 'Claim', `${field}[${index}]`);
    if (!refs.has(rowId)) refs.set(rowId, { rowId, field: `${field}[${index}]` });
  });
  return [...refs.values()];
}

/**
 * Refuses claims that do not exist or that the viewer may not see, alike (BAD_USER_INPUT "no
 * claim with id"), so a write cannot be used to probe for another organisation's claims.
 */
export async function requireVisibleClaims(ctx: Context, manager: EntityManager, refs: ClaimRef[]): Promise<void> {
  if (refs.length === 0) return;
  const { sql, params } = visibleClaimsSql(ctx.viewer, 'claim');
  const visible: Array<{ id: string }> = await manager
    .createQueryBuilder()
    .select('claim.id::text', 'id')
    .from('claim', 'claim')
    .where('claim.id IN (:...claimIds)', { claimIds: refs.map((ref) => ref.rowId) })
    .andWhere(sql, params)
    .getRawMany();
  const found = new Set(visible.map((row) => row.id));
  const missing = refs.find((ref) => !found.has(ref.rowId));
  if (missing !== undefined) throw badInput(missing.field, `There is no claim with id ${toGlobalId('Claim', missing.rowId)}`);
}
