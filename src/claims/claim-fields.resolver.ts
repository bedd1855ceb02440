import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActorRelation } from '../actors/actor-relation.entity';
import { Actor } from '../actors/actor.entity';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { ConnectionArgs } from '../common/pagination';
import type { Context } from '../context';
import { Event } from '../events/event.entity';
import { Claim } from './claim.entity';
import { ClaimFilter } from './claim.inputs';
import { claimsAbout, claimsMadeBy, claimsOfArticle } from './claim.service';
import { ClaimConnection } from './claim.types';
import { Evidence } from './evidence.entity';

/** The reverse paths to claims, from the types that claims point at. */
@Resolver(() => Article)
export class ArticleClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: 'Claims with evidence in this article' })
  claims(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
  ): Promise<ClaimConnection> {
    return claimsOfArticle(ctx, article, args, filter ?? undefined);
  }
}

@Resolver(() => Sentence)
export class SentenceClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'Claims with evidence in this sentence' })
  claims(@Root() sentence: Sentence, @Ctx() ctx: Context): Promise<Claim[]> {
    return ctx.loaders.claimsBySentenceId.load(sentence.id);
  }
}

@Resolver(() => Actor)
export class ActorClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: 'Claims this actor makes' })
  claimsMade(@Root() actor: Actor, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<ClaimConnection> {
    return claimsMadeBy(ctx, actor, args);
  }

  @FieldResolver(() => ClaimConnection, { description: 'Claims about this actor' })
  claimsAbout(@Root() actor: Actor, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<ClaimConnection> {
    return claimsAbout(ctx, actor, args);
  }
}

@Resolver(() => Event)
export class EventClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'The claims that report this event' })
  claims(@Root() event: Event, @Ctx() ctx: Context): Promise<Claim[]> {
    return ctx.loaders.claimsByEventId.load(event.id);
  }
}

@Resolver(() => ActorRelation)
export class ActorRelationClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'The claims this relation rests on (those you may see)' })
  evidence(@Root() relation: ActorRelation, @Ctx() ctx: Context): Promise<Claim[]> {
    return ctx.loaders.evidenceClaimsByRelationId.load(relation.id);
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Sentence)
  async sentence(@Root() evidence: Evidence, @Ctx() ctx: Context): Promise<Sentence> {
    return (await ctx.loaders.sentenceById.load(evidence.sentenceId)) as Sentence;
  }
}
