import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ActorRelationResolver } from './actors/actor-relation.resolver';
import { ActorResolver } from './actors/actor.resolver';
import { ArticleResolver } from './articles/article.resolver';
import { SentenceResolver } from './articles/sentence.resolver';
import { ClaimCountsResolver } from './claims/claim-counts.resolver';
import { ClaimResolver } from './claims/claim.resolver';
import {
  ActorClaimsResolver,
  ActorRelationClaimsResolver,
  ArticleClaimsResolver,
  EventClaimsResolver,
  EvidenceResolver,
  SentenceClaimsResolver,
} from './claims/claim-fields.resolver';
import { AuditLogResolver } from './audit/audit.resolver';
import { authChecker } from './http/auth';
import { StorableDateTime } from './common/dates';
import { validateArgument } from './common/validation';
import { EventCountsResolver } from './events/event-counts.resolver';
import { EventResolver, ParticipantResolver } from './events/event.resolver';
import { MentionResolver } from './mentions/mention.resolver';
import { ExtractionResolver } from './extraction/extraction.resolver';
import { NodeResolver } from './nodes/node.resolver';
import { ApiKeyResolver } from './organizations/api-key.resolver';
import { OrganizationResolver } from './organizations/organization.resolver';
import { SourceResolver } from './sources/source.resolver';
import { DeletionResolver } from './sync/deletion.resolver';

export const resolvers = [
  NodeResolver,
  SourceResolver,
  ArticleResolver,
  SentenceResolver,
  MentionResolver,
  ExtractionResolver,
  ActorResolver,
  ActorRelationResolver,
  EventResolver,
  ParticipantResolver,
  ClaimResolver,
  EvidenceResolver,
  ArticleClaimsResolver,
  SentenceClaimsResolver,
  ActorClaimsResolver,
  ActorRelationClaimsResolver,
  EventClaimsResolver,
  OrganizationResolver,
  ApiKeyResolver,
  AuditLogResolver,
  DeletionResolver,
  EventCountsResolver,
  ClaimCountsResolver,
] as const;

/** The GraphQL schema, built from the decorated classes (every input validated by class-validator). */
export async function buildVerbatimSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    validateFn: validateArgument,
    scalarsMap: [{ type: Date, scalar: StorableDateTime }],
  });
}

/** What `schema.graphql` at the project root must contain; a test fails when they differ. */
export async function printVerbatimSchema(): Promise<string> {
  return `${printSchema(await buildVerbatimSchema())}\n`;
}
