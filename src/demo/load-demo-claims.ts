import { Actor, ActorKind } from '../actors/actor.entity';
import { RelationType } from '../actors/actor-relation.entity';
import { addActorRelation } from '../actors/actor-relation.service';
import { createActor } from '../actors/actor.service';
import { Article } from '../articles/article.entity';
import { addClaim } from '../claims/add-claim.service';
import { reviewClaim, reviseClaim, retractClaim } from '../claims/claim-review.service';
import { ClaimKind, ReviewStatus } from '../claims/claim.entity';
import { linkClaimToEvent } from '../claims/link-claim-event.service';
import type { Context } from '../context';
import { Event } from '../events/event.entity';
import { demoClaimActors, demoClaims } from './demo-claims';

/**
 * Adds the demo claims through the same services as the API, links them to the demo events
 * and to the actor relation they support, then walks them through review.
 */
export async function loadDemoClaims(ctx: Context): Promise<number> {
  const actorIds = new Map<string, string>();
  for (const [name, kind] of Object.entries(demoClaimActors)) actorIds.set(name, await findOrCreateActor(ctx, name, ActorKind[kind]));
  const actorId = (name: string): string => actorIds.get(name) as string;

  for (const demo of demoClaims) {
    const article = await ctx.db.getRepository(Article).findOneByOrFail({ url: demo.article });
    const claim = await addClaim(ctx, {
      articleId: article.nodeId,
      kind: ClaimKind[demo.kind],
      text: demo.text,
      claimantId: demo.claimant !== undefined ? actorId(demo.claimant) : undefined,
      subjectIds: demo.subjects?.map(actorId),
      evidence: demo.quotes.map((exact) => ({ exact })),
    });
    for (const description of demo.events ?? []) {
      const event = await ctx.db
        .getRepository(Event)
        .createQueryBuilder('event')
        .where('event.description LIKE :prefix', { prefix: `${description}%` })
        .getOne();
      if (event !== null) await linkClaimToEvent(ctx, claim.nodeId, event.nodeId);
    }
    if (demo.supports) {
      const { actor, type, target } = demo.supports;
      await addActorRelation(ctx, {
        actorId: actorId(actor),
        type: RelationType[type],
        targetId: actorId(target),
        claimIds: [claim.nodeId],
      });
    }
    if (demo.review) await reviewClaim(ctx, claim.nodeId, ReviewStatus[demo.review.status], demo.review.note);
    if (demo.revision) await reviseClaim(ctx, claim.nodeId, demo.revision.text, demo.revision.note);
    if (demo.retraction) await retractClaim(ctx, claim.nodeId, demo.retraction);
  }
  return demoClaims.length;
}

/** Demo actors are matched by exact name, so the actor demo data and the claims share rows. */
async function findOrCreateActor(ctx: Context, name: string, kind: ActorKind): Promise<string> {
  const existing = await ctx.db.getRepository(Actor).findOneBy({ name });
  return (existing ?? (await createActor(ctx, { name, kind }))).nodeId;
}
