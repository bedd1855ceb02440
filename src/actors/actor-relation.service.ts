import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleClaims } from '../access/claim-access';
import { parseClaimIds } from '../claims/claim-refs';
import { isoDate } from '../common/dates';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { Context } from '../context';
import { lockReferencedActors } from './actor-locks';
import { ActorRelation, ActorRelationEvidence } from './actor-relation.entity';
import type { AddActorRelationInput } from './actor-relation.inputs';

/**
 * Records "actor TYPE target" on the evidence of at least one claim the caller can see. The
 * same relation stated again (same actor, type and target) gains the new evidence; dates, when
 * given, replace the stored ones.
 */
export async function addActorRelation(ctx: Context, input: AddActorRelationInput): Promise<ActorRelation> {
  const actorId = parseGlobalId(input.actorId, 'Actor', 'input.actorId');
  const targetId = parseGlobalId(input.targetId, 'Actor', 'input.targetId');
  if (actorId === targetId) throw badInput('input.targetId', 'An actor cannot be related to itself');
  const claims = parseClaimIds(input.claimIds, 'input.claimIds');
  if (claims.length === 0) throw badInput('input.claimIds', 'A relation needs at least one claim as evidence');
  const startDate = input.startDate != null ? isoDate(input.startDate) : undefined;
  const endDate = input.endDate != null ? isoDate(input.endDate) : undefined;

  return ctx.db.transaction(async (manager) => {
    await lockReferencedActors(manager, [
      { id: actorId, field: 'input.actorId' },
      { id: targetId, field: 'input.targetId' },
    ]);
    await requireVisibleClaims(ctx, manager, claims);
    const { relation, created } = await findOrCreateRelation(manager, { actorId, type: input.type, targetId });
    if (startDate !== undefined) relation.startDate = startDate;
    if (endDate !== undefined) relation.endDate = endDate;
    if (relation.startDate !== null && relation.endDate !== null && relation.endDate < relation.startDate) {
      throw badInput(endDate !== undefined ? 'input.endDate' : 'input.startDate', 'A relation cannot end before it starts');
    }
    await manager.getRepository(ActorRelation).update(relation.id, { startDate: relation.startDate, endDate: relation.endDate });
    await manager
      .createQueryBuilder()
      .insert()
      .into(ActorRelationEvidence)
      .values(claims.map((claim) => ({ relationId: relation.id, claimId: claim.rowId })))
      .orIgnore()
      .execute();
    await touchRows(manager, 'actor', [actorId, targetId]); // both list the relation
    await recordAudit(ctx, manager, 'addActorRelation', [toGlobalId('Actor', actorId), toGlobalId('Actor', targetId)], {
      relationId: relation.id,
      type: relation.type,
      created,
      claimIds: claims.map((claim) => toGlobalId('Claim', claim.rowId)),
    });
    return relation;
  });
}

/** The relation row, locked; inserted when missing (ON CONFLICT covers a concurrent insert of the same one). */
async function findOrCreateRelation(
  manager: EntityManager,
  key: Pick<ActorRelation, 'actorId' | 'type' | 'targetId'>,
): Promise<{ relation: ActorRelation; created: boolean }> {
  const relations = manager.getRepository(ActorRelation);
  // Copies: TypeORM writes generated columns back into the object it inserts.
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(ActorRelation)
    .values({ ...key })
    .orIgnore()
    .returning(['id'])
    .execute();
  const created = (inserted.raw as unknown[]).length > 0;
  const where = { actorId: key.actorId, type: key.type, targetId: key.targetId };
  const relation = await relations.createQueryBuilder('relation').where(where).setLock('pessimistic_write').getOneOrFail();
  return { relation, created };
}
