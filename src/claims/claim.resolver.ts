import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Actor } from '../actors/actor.entity';
import { Article } from '../articles/article.entity';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { declareToOne } from '../common/to-one';
import { rowKey } from '../common/loaders';
import { Event } from '../events/event.entity';
import { Role } from '../common/role';
import { addClaim } from './add-claim.service';
import { reviewClaim, reviseClaim, retractClaim } from './claim-review.service';
import { ClaimRevision } from './claim-revision.entity';
import { Claim, ReviewStatus } from './claim.entity';
import { AddClaimInput, ClaimFilter, ClaimOrder } from './claim.inputs';
import { annotationOf, listClaims } from './claim.service';
import { linkClaimToEvent } from './link-claim-event.service';
import { ClaimConnection } from './claim.types';
import { Evidence } from './evidence.entity';

// What the field resolvers below read of a claim (field-selection.ts); `annotation` reads every column.
declareFieldColumns(Claim, { article: ['articleId'], claimant: ['claimantId'], subjects: [], events: [], evidence: [], revisions: [] });
// Read in the statement of the claims that point to them (to-one.ts).
declareToOne(Claim, 'article', { foreignKey: 'articleId', target: Article, loader: 'articleById' satisfies keyof Context['loaders'] });
declareToOne(Claim, 'claimant', { foreignKey: 'claimantId', target: Actor, loader: 'actorById' satisfies keyof Context['loaders'] });

@Resolver(() => Claim)
export class ClaimResolver {
  @Query(() => ClaimConnection, { description: 'Claims the viewer may see, in the order they were added, or in orderBy' })
  claims(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
    @Arg('orderBy', () => ClaimOrder, { nullable: true }) orderBy?: ClaimOrder,
  ): Promise<ClaimConnection> {
    return listClaims(ctx, args, filter ?? undefined, orderBy, selectedFields(info));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Claim, { description: 'Records a claim traced to one or more spans of one article; new claims are PROPOSED' })
  addClaim(@Ctx() ctx: Context, @Arg('input', () => AddClaimInput) input: AddClaimInput): Promise<Claim> {
    return addClaim(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Claim, { description: 'Sets PROPOSED, ACCEPTED or REJECTED, with a note' })
  reviewClaim(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ReviewStatus) status: ReviewStatus,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Claim> {
    return reviewClaim(ctx, id, status, note);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Claim, { description: 'Replaces the text; the old text is kept in revisions' })
  reviseClaim(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('text', () => String) text: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Claim> {
    return reviseClaim(ctx, id, text, note);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Claim, { description: 'Marks the claim RETRACTED with a reason; it stays readable' })
  retractClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<Claim> {
    return retractClaim(ctx, id, reason);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Claim, { description: 'Records that the claim reports the event; idempotent' })
  linkClaimToEvent(
    @Ctx() ctx: Context,
    @Arg('claimId', () => ID) claimId: string,
    @Arg('eventId', () => ID) eventId: string,
  ): Promise<Claim> {
    return linkClaimToEvent(ctx, claimId, eventId);
  }

  @FieldResolver(() => Article)
  async article(@Root() claim: Claim, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Article> {
    return (await ctx.loaders.articleById.load(rowKey(claim.articleId, selectedFields(info)))) as Article;
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who makes the claim; null when the article itself reports it' })
  async claimant(@Root() claim: Claim, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor | null> {
    return claim.claimantId === null ? null : ctx.loaders.actorById.load(rowKey(claim.claimantId, selectedFields(info)));
  }

  @FieldResolver(() => [Actor])
  subjects(@Root() claim: Claim, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Actor[]> {
    return ctx.loaders.subjectsByClaimId.load({ parentId: claim.id, fields: selectedFields(info) });
  }

  @FieldResolver(() => [Event])
  events(@Root() claim: Claim, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Event[]> {
    return ctx.loaders.eventsByClaimId.load({ parentId: claim.id, fields: selectedFields(info) });
  }

  @FieldResolver(() => [Evidence])
  evidence(@Root() claim: Claim, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Evidence[]> {
    return ctx.loaders.evidenceByClaimId.load({ parentId: claim.id, fields: selectedFields(info) });
  }

  @FieldResolver(() => [ClaimRevision], { description: 'Earlier texts, oldest first' })
  revisions(@Root() claim: Claim, @Ctx() ctx: Context): Promise<ClaimRevision[]> {
    return ctx.loaders.revisionsByClaimId.load(claim.id);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'W3C Web Annotation (JSON-LD) of this claim, with PROV-O provenance' })
  annotation(@Root() claim: Claim, @Ctx() ctx: Context): Promise<Record<string, unknown>> {
    return annotationOf(ctx, claim);
  }
}
