import { recordAudit } from '../audit/audit.service';
import { badInput } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { Context } from '../context';
import { Event } from '../events/event.entity';
import { onlyVisibleClaims } from './claim-access';
import { ClaimEvent } from './claim-links.entity';
import { Claim } from './claim.entity';

/** Says that a claim reports an event; linking twice changes nothing. */
export async function linkClaimToEvent(ctx: Context, claimId: string, eventId: string): Promise<Claim> {
  const claimRowId = parseGlobalId(claimId, 'Claim', 'claimId');
  const eventRowId = parseGlobalId(eventId, 'Event', 'eventId');
  return ctx.db.transaction(async (manager) => {
    const query = manager.getRepository(Claim).createQueryBuilder('claim').where('claim.id = :claimRowId', { claimRowId });
    const claim = await onlyVisibleClaims(query, ctx.viewer, 'claim').getOne();
    if (claim === null) throw badInput('claimId', 'No claim with this id');
    if (!(await manager.getRepository(Event).existsBy({ id: eventRowId }))) throw badInput('eventId', 'No event with this id');
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ClaimEvent)
      .values({ claimId: claim.id, eventId: eventRowId })
      .orIgnore()
      .returning('claim_id')
      .execute();
    if ((inserted.raw as unknown[]).length > 0) {
      await touchRows(manager, 'claim', [claim.id]);
      await touchRows(manager, 'event', [eventRowId]);
      await recordAudit(ctx, manager, 'linkClaimToEvent', [claim.nodeId, eventId]);
    }
    return claim;
  });
}
