import { Deletion } from '../sync/deletion.entity';
import { GlobalIdKey } from './global-id-key.entity';
import { ActorAlias } from '../actors/actor-alias.entity';
import { ActorExternalId } from '../actors/actor-external-id.entity';
import { ActorRelation, ActorRelationEvidence } from '../actors/actor-relation.entity';
import { ActorMerge } from '../actors/actor-merge.entity';
import { Actor } from '../actors/actor.entity';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { ClaimEvent, ClaimSubject } from '../claims/claim-links.entity';
import { ClaimRevision } from '../claims/claim-revision.entity';
import { Claim } from '../claims/claim.entity';
import { Evidence } from '../claims/evidence.entity';
import { EventParticipant } from '../events/event-participant.entity';
import { Event } from '../events/event.entity';
import { Place } from '../events/place.entity';
import { Mention } from '../mentions/mention.entity';
import { ApiKey } from '../organizations/api-key.entity';
import { Organization } from '../organizations/organization.entity';
import { Source } from '../sources/source.entity';

/** Every table of the data model, in one list for the data source and the migration CLI. */
export const entities = [
  Source,
  Article,
  Sentence,
  Actor,
  ActorAlias,
  ActorExternalId,
  ActorRelation,
  ActorRelationEvidence,
  ActorMerge,
  Claim,
  ClaimSubject,
  ClaimEvent,
  Evidence,
  ClaimRevision,
  Mention,
  Event,
  Place,
  EventParticipant,
  Organization,
  ApiKey,
  AuditLog,
  Deletion,
  GlobalIdKey,
];
