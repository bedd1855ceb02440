import { recordAudit } from '../audit/audit.service';
import { requireClaimToChange } from '../access/claim-access';
import { notFound } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { Context } from '../context';
import { Event } from '../events/event.entity';
import { ClaimEvent } from './claim-links.entity';
import { Claim, Visibility } from './claim.entity';

/**
 * Says that a claim reports an event; linking twice changes nothing. Linking changes the claim
 * (its `events`), so only who may change the claim may link it (rule claim.change). The event
 * is marked changed only when the claim is public: a private link must not move a row that
 * others see (its updatedAt, UPDATED_AT cursors, updatedSince); the owner's mirror learns of it
 * from the claim.
 */
export async function linkClaimToEvent(ctx: Context, claimId: string, eventId: string): Promise<Claim> {
  const claimRowId = parseGlobalId(claimId, 'Claim', 'claimId');
  const eventRowId = parseGlobalId(eventId, 'Event', 'eventId');
  return ctx.db.transaction(async (manager) => {
    const claim = await requireClaimToChange(ctx, manager, { rowId: claimRowId, field: 'claimId' });
    if (!(await manager.getRepository(Event).existsBy({ id: eventRowId }))) throw notFound('Event', 'eventId');
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ClaimEvent)
      .values({ claimId: claim.id, eventId: eventRowId })
      .orIgnore()
      .returning('claim_id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return claim;
    await touchRows(manager, 'claim', [claim.id]);
    if (claim.visibility === Visibility.PUBLIC) await touchRows(manager, 'event', [eventRowId]);
    await recordAudit(ctx, manager, 'linkClaimToEvent', [claim.nodeId, eventId]);
    // Read again: the answer's updatedAt is the one the link just set.
    return manager.getRepository(Claim).findOneByOrFail({ id: claim.id });
  });
}
