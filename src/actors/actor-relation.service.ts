import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleClaims } from '../access/claim-access';
import { parseClaimIds } from '../claims/claim-refs';
import type { Claim } from '../claims/claim.entity';
import { isPublicClaim } from '../access/claim-visibility';
import { isoDate } from '../common/dates';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { touchRows } from '../common/touch';
import type { Context } from '../context';
import { lockReferencedActors } from './actor-locks';
import { ActorRelation } from './actor-relation.entity';
import { visibleRelations } from './actor-relation.query';
import type { AddActorRelationInput } from './actor-relation.inputs';

/**
 * Records "actor TYPE target" on the evidence of at least one claim the caller can see (rule
 * claim.cite): one assertion per claim, of the caller's organisation. Stating it again adds
 * assertions; dates, when given, replace those of the caller's own assertions on these claims
 * and nobody else's. The date check looks at the caller's own assertion only, so a refusal
 * tells nothing of another organisation's. The answer is the relation as the caller sees it.
 */
export async function addActorRelation(ctx: Context, input: AddActorRelationInput): Promise<ActorRelation> {
  const actorId = parseGlobalId(input.actorId, 'Actor', 'input.actorId');
  const targetId = parseGlobalId(input.targetId, 'Actor', 'input.targetId');
  if (actorId === targetId) throw badInput('input.targetId', 'An actor cannot be related to itself');
  const refs = parseClaimIds(input.claimIds, 'input.claimIds');
  if (refs.length === 0) throw badInput('input.claimIds', 'A relation needs at least one claim as evidence');
  const startDate = input.startDate != null ? isoDate(input.startDate) : null;
  const endDate = input.endDate != null ? isoDate(input.endDate) : null;
  const organizationId = ctx.viewer.organizationId as string;

  return ctx.db.transaction(async (manager) => {
    await lockReferencedActors(manager, [
      { id: actorId, field: 'input.actorId' },
      { id: targetId, field: 'input.targetId' },
    ]);
    const claims = await requireVisibleClaims(ctx, manager, refs);
    const { relation, created } = await findOrCreateRelation(manager, { actorId, type: input.type, targetId });
    const own: Array<{ start_date: string | null; end_date: string | null }> = await manager.query(
      `SELECT start_date::text, end_date::text FROM actor_relation_evidence
       WHERE relation_id = $1 AND organization_id = $2 AND claim_id = ANY($3::bigint[]) FOR UPDATE`,
      [relation.id, organizationId, claims.map((claim) => claim.id)],
    );
    for (const assertion of [{ start_date: null, end_date: null }, ...own]) {
      const start = startDate ?? assertion.start_date;
      const end = endDate ?? assertion.end_date;
      if (start !== null && end !== null && end < start) {
        throw badInput(endDate !== null ? 'input.endDate' : 'input.startDate', 'A relation cannot end before it starts');
      }
    }
    await manager.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id, start_date, end_date)
       SELECT $1, unnest($2::bigint[]), $3, $4::date, $5::date
       ON CONFLICT ON CONSTRAINT pk_actor_relation_evidence DO UPDATE SET
         start_date = coalesce(EXCLUDED.start_date, actor_relation_evidence.start_date),
         end_date = coalesce(EXCLUDED.end_date, actor_relation_evidence.end_date),
         updated_at = now()`,
      [relation.id, claims.map((claim) => claim.id), organizationId, startDate, endDate],
    );
    await touchForAssertion(ctx, manager, claims, [actorId, targetId]);
    await recordAudit(ctx, manager, 'addActorRelation', [toGlobalId('Actor', actorId), toGlobalId('Actor', targetId)], {
      relationId: relation.id,
      type: relation.type,
      created,
      claimIds: claims.map((claim) => claim.nodeId),
    });
    const [seen] = await visibleRelations(manager, ctx.viewer, { relationId: relation.id });
    return seen;
  });
}

/**
 * Marks as changed, for sync, what the new assertion changes for whom (issue 9, finding 5): the
 * actors (both list the relation) only when a cited claim is public, since only then does the
 * relation change for everyone; a private assertion must not move rows others see. The
 * caller's own cited claims always, so its mirror learns of its own assertion through the
 * claims' updatedSince; never another organisation's claims (citing is not changing them).
 */
async function touchForAssertion(ctx: Context, manager: EntityManager, claims: Claim[], actorIds: string[]): Promise<void> {
  if (claims.some(isPublicClaim)) await touchRows(manager, 'actor', actorIds);
  const own = claims.filter((claim) => claim.organizationId === ctx.viewer.organizationId);
  await touchRows(
    manager,
    'claim',
    own.map((claim) => claim.id),
  );
}

/**
 * The relation's row id, locked; inserted when missing. Through verbatim_relation_to_assert
 * (migration ActorRelationRowLevelSecurity): the caller may not see the row yet (it may rest only
 * on another organisation's private claims), and requests may not write the table themselves.
 */
async function findOrCreateRelation(
  manager: EntityManager,
  key: Pick<ActorRelation, 'actorId' | 'type' | 'targetId'>,
): Promise<{ relation: Pick<ActorRelation, 'id' | 'type'>; created: boolean }> {
  const [row]: Array<{ relation_id: string; created: boolean }> = await manager.query(
    `SELECT relation_id::text, created FROM verbatim_relation_to_assert($1, $2, $3)`,
    [key.actorId, key.type, key.targetId],
  );
  return { relation: { id: row.relation_id, type: key.type }, created: row.created };
}
