import { Actor, ActorKind } from '../actors/actor.entity';
import { Article } from '../articles/article.entity';
import { addClaim } from '../claims/add-claim.service';
import { reviewClaim, reviseClaim, retractClaim } from '../claims/claim-review.service';
import { ClaimKind, ReviewStatus } from '../claims/claim.entity';
import type { Context } from '../context';
import { demoClaimActors, demoClaims } from './demo-claims';

/** Adds the demo claims through the same services as the API, then walks them through review. */
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
    if (demo.review) await reviewClaim(ctx, claim.nodeId, ReviewStatus[demo.review.status], demo.review.note);
    if (demo.revision) await reviseClaim(ctx, claim.nodeId, demo.revision.text, demo.revision.note);
    if (demo.retraction) await retractClaim(ctx, claim.nodeId, demo.retraction);
  }
  return demoClaims.length;
}

/** Demo actors are matched by exact name, so the actor demo data and the claims share rows. */
async function findOrCreateActor(ctx: Context, name: string, kind: ActorKind): Promise<string> {
  const actors = ctx.db.getRepository(Actor);
  const existing = await actors.findOneBy({ name });
  const actor = existing ?? (await actors.save(actors.create({ name, kind, description: null, mergedIntoId: null })));
  return actor.nodeId;
}
