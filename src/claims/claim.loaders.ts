import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Actor } from '../actors/actor.entity';
import { byIdLoader, childCountLoader, childListLoader, childPageLoader, type ChildSpec, type Peers } from '../common/loaders';
import type { Viewer } from '../common/viewer';
import { Event } from '../events/event.entity';
import { applyClaimCriteria, type ClaimCriteria } from './claim-criteria';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { ClaimRevision } from './claim-revision.entity';
import { Claim } from './claim.entity';
import { Evidence } from './evidence.entity';

/** Claim loaders see only what the viewer may see: the visibility rule is part of every query. */
export function createClaimLoaders(db: DataSource, peers: Peers, viewer: Viewer) {
  const claims = db.getRepository(Claim);
  const visible = (query: SelectQueryBuilder<Claim>, criteria?: ClaimCriteria) => {
    onlyVisibleClaims(query, viewer, 'child');
    if (criteria !== undefined) applyClaimCriteria(query, 'child', criteria);
  };
  const byArticle: ChildSpec<Claim, ClaimCriteria> = { parent: 'child.article_id', scope: visible };
  const byClaimant: ChildSpec<Claim, ClaimCriteria> = { parent: 'child.claimant_id', scope: visible };
  const bySubject: ChildSpec<Claim, ClaimCriteria> = {
    parent: 'subject.actor_id',
    join: (query) => query.innerJoin('claim_subject', 'subject', 'subject.claim_id = child.id'),
    scope: visible,
  };

  return {
    claimById: byIdLoader(peers, claims, (query) => onlyVisibleClaims(query, viewer, 'child')),
    claimPageByArticleId: childPageLoader(peers, claims, 'id', byArticle),
    claimCountByArticleId: childCountLoader(claims, byArticle),
    claimPageByClaimantId: childPageLoader(peers, claims, 'id', byClaimant),
    claimCountByClaimantId: childCountLoader(claims, byClaimant),
    claimPageBySubjectId: childPageLoader(peers, claims, 'id', bySubject),
    claimCountBySubjectId: childCountLoader(claims, bySubject),
    claimsBySentenceId: childListLoader(peers, claims, 'id', {
      parent: 'evidence.sentence_id',
      join: (query) => query.innerJoin('evidence', 'evidence', 'evidence.claim_id = child.id'),
      scope: visible,
    }),
    evidenceClaimsByRelationId: childListLoader(peers, claims, 'id', {
      parent: 'support.relation_id',
      join: (query) => query.innerJoin('actor_relation_evidence', 'support', 'support.claim_id = child.id'),
      scope: visible,
    }),
    claimsByEventId: childListLoader(peers, claims, 'id', {
      parent: 'link.event_id',
      join: (query) => query.innerJoin('claim_event', 'link', 'link.claim_id = child.id'),
      scope: visible,
    }),
    evidenceByClaimId: childListLoader(peers, db.getRepository(Evidence), 'id', { parent: 'child.claim_id' }),
    revisionsByClaimId: childListLoader(peers, db.getRepository(ClaimRevision), 'id', { parent: 'child.claim_id' }),
    subjectsByClaimId: childListLoader(peers, db.getRepository(Actor), 'id', {
      parent: 'subject.claim_id',
      join: (query) => query.innerJoin('claim_subject', 'subject', 'subject.actor_id = child.id'),
    }),
    eventsByClaimId: childListLoader(peers, db.getRepository(Event), 'id', {
      parent: 'link.claim_id',
      join: (query) => query.innerJoin('claim_event', 'link', 'link.event_id = child.id'),
    }),
  };
}
