import type { EntityManager } from 'typeorm';
import type { Claim } from '../claims/claim.entity';
import type { ClaimRef } from '../claims/claim-refs';
import { forbidden, notFound } from '../common/errors';
import type { Viewer } from '../common/viewer';
import type { Context } from '../context';
import { Role } from '../common/role';
import { onlyVisibleClaims } from './claim-visibility';

/**
 * Who may do what with a claim (docs/security.md, "Access rules"). Missing and hidden claims
 * answer alike, NOT_FOUND naming the input field, so no write can probe for another
 * organisation's claims; a claim the caller can see but may not change is FORBIDDEN (refusing
 * it tells nothing the caller could not read).
 */

/**
 * Rule claim.change: the organisation that wrote a claim changes it (review, revise, retract,
 * link it to events); an ADMIN may too, for the claims it can see. Linking is a change because
 * it changes the claim's `events` and `updatedAt`, which its owner's mirror reads.
 */
/** By entity name: importing the class here would change the order the schema's types register in. */
function claims(manager: EntityManager) {
  return manager.getRepository<Claim>('Claim');
}

export function canChangeClaim(viewer: Viewer, claim: Pick<Claim, 'organizationId'>): boolean {
  return claim.organizationId === viewer.organizationId || viewer.role === Role.ADMIN;
}

/** Rule claim.cite: claims an input cites as evidence (of a relation) must be visible to the caller. */
export async function requireVisibleClaims(ctx: Context, manager: EntityManager, refs: ClaimRef[]): Promise<Claim[]> {
  if (refs.length === 0) return [];
  const query = claims(manager)
    .createQueryBuilder('claim')
    .where('claim.id IN (:...claimIds)', { claimIds: refs.map((ref) => ref.rowId) });
  const visible = await onlyVisibleClaims(query, ctx.viewer, 'claim').getMany();
  const byId = new Map(visible.map((claim) => [claim.id, claim]));
  const missing = refs.find((ref) => !byId.has(ref.rowId));
  if (missing !== undefined) throw notFound('Claim', missing.field);
  return refs.map((ref) => byId.get(ref.rowId) as Claim);
}

/**
 * Rule claim.change applied: the claims, locked FOR UPDATE (in id order), each visible
 * (else NOT_FOUND) and changeable by the caller (else FORBIDDEN naming the field).
 */
export async function requireClaimsToChange(ctx: Context, manager: EntityManager, refs: ClaimRef[]): Promise<Claim[]> {
  if (refs.length === 0) return [];
  const query = claims(manager)
    .createQueryBuilder('claim')
    .where('claim.id IN (:...claimIds)', { claimIds: refs.map((ref) => ref.rowId) })
    .orderBy('claim.id', 'ASC')
    .setLock('pessimistic_write');
  const visible = await onlyVisibleClaims(query, ctx.viewer, 'claim').getMany();
  const byId = new Map(visible.map((claim) => [claim.id, claim]));
  return refs.map((ref) => {
    const claim = byId.get(ref.rowId);
    if (claim === undefined) throw notFound('Claim', ref.field);
    if (!canChangeClaim(ctx.viewer, claim)) {
      throw forbidden(`Only the organisation that wrote this claim (or an admin) may change it (${ref.field})`);
    }
    return claim;
  });
}

export async function requireClaimToChange(ctx: Context, manager: EntityManager, ref: ClaimRef): Promise<Claim> {
  const [claim] = await requireClaimsToChange(ctx, manager, [ref]);
  return claim;
}
