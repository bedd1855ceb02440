import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { badInput, conflict } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { DeletionKind } from '../sync/deletion.entity';
import { recordDeletions } from '../sync/deletion.service';
import { requireClaimToChange } from '../access/claim-access';
import { ClaimRevision } from './claim-revision.entity';
import { Claim, ReviewStatus } from './claim.entity';

/**
 * The claim workflow. Claims are never edited in place: a review records a status and a note,
 * a revision keeps the old text, a retraction keeps the claim with its reason, so research
 * built on a claim stays reproducible. Who may act is rule claim.change (src/access).
 * Audit details carry no claim text, note or reason: the operator's admins read the audit log,
 * and a private claim's words are for its organisation only (its revisions keep the old text).
 */
export async function reviewClaim(ctx: Context, id: string, status: ReviewStatus, note: string | undefined): Promise<Claim> {
  requireLength('note', note);
  if (status === ReviewStatus.RETRACTED) throw badInput('status', 'Use retractClaim to retract a claim, with a reason');
  return changeClaim(ctx, id, 'reviewClaim', async (manager, claim) => {
    claim.status = status;
    claim.reviewNote = note?.trim() || null;
    return { status };
  });
}

export async function reviseClaim(ctx: Context, id: string, text: string, note: string | undefined): Promise<Claim> {
  const revised = text.trim();
  if (revised === '') throw badInput('text', 'The revised text is empty');
  requireLength('text', revised);
  requireLength('note', note);
  return changeClaim(ctx, id, 'reviseClaim', async (manager, claim) => {
    if (revised === claim.text) throw badInput('text', 'The revised text is the same as the current one');
    await manager.getRepository(ClaimRevision).insert({ claimId: claim.id, text: claim.text, note: note?.trim() || null });
    claim.text = revised;
    return {};
  });
}

export async function retractClaim(ctx: Context, id: string, reason: string): Promise<Claim> {
  if (reason.trim() === '') throw badInput('reason', 'Say why the claim is retracted');
  requireLength('reason', reason);
  return changeClaim(ctx, id, 'retractClaim', async (manager, claim) => {
    claim.status = ReviewStatus.RETRACTED;
    claim.retractionReason = reason.trim();
    await recordDeletions(manager, [
      { kind: DeletionKind.RETRACTED, nodeId: claim.nodeId, reason: claim.retractionReason, claim: { ...claim } },
    ]);
    return {};
  });
}

/** Claim texts, notes and reasons: as AddClaimInput's text (and the claim table's check), in code points. */
const MAX_TEXT_LENGTH = 10_000;

function requireLength(field: string, value: string | null | undefined): void {
  if (value != null && Array.from(value.trim()).length > MAX_TEXT_LENGTH) {
    throw badInput(field, `${field} is longer than ${MAX_TEXT_LENGTH} characters`);
  }
}

/** Locks the claim, checks the caller may change it, applies `change`, saves and audits: one transaction. */
async function changeClaim(
  ctx: Context,
  id: string,
  operation: string,
  change: (manager: EntityManager, claim: Claim) => Promise<Record<string, unknown>>,
): Promise<Claim> {
  const rowId = parseGlobalId(id, 'Claim', 'id');
  return ctx.db.transaction(async (manager) => {
    const claim = await requireClaimToChange(ctx, manager, { rowId, field: 'id' });
    if (claim.status === ReviewStatus.RETRACTED) throw conflict('This claim was retracted; it can no longer change', { field: 'id' });
    const details = await change(manager, claim);
    const saved = await manager.getRepository(Claim).save(claim);
    await recordAudit(ctx, manager, operation, [claim.nodeId], details);
    return saved;
  });
}
