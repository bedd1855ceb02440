import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Actor } from '../actors/actor.entity';
import type { Event } from './event.entity';

export enum ParticipantRole {
  PERPETRATOR = 'PERPETRATOR',
  TARGET = 'TARGET',
  VICTIM = 'VICTIM',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole' });

@ObjectType('Participant')
@Entity()
export class EventParticipant {
  @PrimaryColumn('bigint') eventId!: string;
  @ManyToOne('Event', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Relation<Event>;
  @Index('ix_event_participant_actor_id') @PrimaryColumn('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => ParticipantRole)
  @PrimaryColumn({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role' })
  role!: ParticipantRole;
}
