import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Actor } from '../actors/actor.entity';
import type { Event } from '../events/event.entity';
import type { Claim } from './claim.entity';

/** The actors a claim is about. */
// Actor.claimsAbout(first): each actor's page read in claim order from the index (childPageLoader).
@Entity()
@Index('ix_claim_subject_actor_id_claim_id', ['actorId', 'claimId'])
export class ClaimSubject {
  @PrimaryColumn('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @PrimaryColumn('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
}

/** The events a claim reports. */
@Entity()
export class ClaimEvent {
  @PrimaryColumn('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @Index('ix_claim_event_event_id') @PrimaryColumn('bigint') eventId!: string;
  @ManyToOne('Event', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Relation<Event>;
}
