import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { ActorRelation } from '../actors/actor-relation.entity';
import { Actor } from '../actors/actor.entity';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { ConnectionArgs } from '../common/connection';
import type { Context } from '../context';
import { declareFieldColumns, selectedFields } from '../common/field-selection';
import { declareToOne } from '../common/to-one';
import { rowKey } from '../common/loaders';
import { Event } from '../events/event.entity';
import { Claim } from './claim.entity';
import { ClaimFilter } from './claim.inputs';
import { claimsAbout, claimsMadeBy, claimsOfArticle } from './claim.service';
import { ClaimConnection } from './claim.types';
import { Evidence } from './evidence.entity';

// These field resolvers read only the id of their parent (field-selection.ts).
declareFieldColumns(Article, { claims: [] });
declareFieldColumns(Sentence, { claims: [] });
declareFieldColumns(Actor, { claimsMade: [], claimsAbout: [] });
declareFieldColumns(Event, { claims: [] });
declareFieldColumns(Evidence, { sentence: ['sentenceId'] });
declareToOne(Evidence, 'sentence', {
  foreignKey: 'sentenceId',
  target: Sentence,
  loader: 'sentenceById' satisfies keyof Context['loaders'],
});

/** The reverse paths to claims, from the types that claims point at. */
@Resolver(() => Article)
export class ArticleClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: 'Claims with evidence in this article' })
  claims(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
  ): Promise<ClaimConnection> {
    return claimsOfArticle(ctx, article, args, filter ?? undefined, selectedFields(info));
  }
}

@Resolver(() => Sentence)
export class SentenceClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'Claims with evidence in this sentence' })
  claims(@Root() sentence: Sentence, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Claim[]> {
    return ctx.loaders.claimsBySentenceId.load({ parentId: sentence.id, fields: selectedFields(info) });
  }
}

@Resolver(() => Actor)
export class ActorClaimsResolver {
  @FieldResolver(() => ClaimConnection, { description: 'Claims this actor makes' })
  claimsMade(
    @Root() actor: Actor,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<ClaimConnection> {
    return claimsMadeBy(ctx, actor, args, selectedFields(info));
  }

  @FieldResolver(() => ClaimConnection, { description: 'Claims about this actor' })
  claimsAbout(
    @Root() actor: Actor,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<ClaimConnection> {
    return claimsAbout(ctx, actor, args, selectedFields(info));
  }
}

@Resolver(() => Event)
export class EventClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'The claims that report this event' })
  claims(@Root() event: Event, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Claim[]> {
    return ctx.loaders.claimsByEventId.load({ parentId: event.id, fields: selectedFields(info) });
  }
}

@Resolver(() => ActorRelation)
export class ActorRelationClaimsResolver {
  @FieldResolver(() => [Claim], { description: 'The claims this relation rests on (those you may see)' })
  evidence(@Root() relation: ActorRelation, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Claim[]> {
    return ctx.loaders.evidenceClaimsByRelationId.load({ parentId: relation.id, fields: selectedFields(info) });
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Sentence)
  async sentence(@Root() evidence: Evidence, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Sentence> {
    return (await ctx.loaders.sentenceById.load(rowKey(evidence.sentenceId, selectedFields(info)))) as Sentence;
  }
}
