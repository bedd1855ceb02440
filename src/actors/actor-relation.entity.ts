import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Actor } from './actor.entity';
import type { Claim } from '../claims/claim.entity';

export enum RelationType {
  MEMBER_OF = 'MEMBER_OF',
  LEADER_OF = 'LEADER_OF',
  ARMED_WING_OF = 'ARMED_WING_OF',
  PART_OF = 'PART_OF',
  ALLIED_WITH = 'ALLIED_WITH',
  OPPOSED_TO = 'OPPOSED_TO',
}
registerEnumType(RelationType, { name: 'RelationType' });

/**
 * "actor TYPE target", believed because of the claims in actor_relation_evidence; `actor` and
 * `target` are field resolvers (actor-relation.resolver.ts).
 */
@ObjectType('ActorRelation', { description: 'actor TYPE target (e.g. Saraya al-Salam ARMED_WING_OF the Sadrist movement)' })
@Entity()
@Unique('uq_actor_relation_actor_id_type_target_id', ['actorId', 'type', 'targetId'])
@Check('ck_actor_relation_distinct', `actor_id <> target_id`)
@Check('ck_actor_relation_dates', `end_date IS NULL OR start_date IS NULL OR end_date >= start_date`)
export class ActorRelation {
  @IdColumn() id!: string;
  @Column('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => RelationType) @Column({ type: 'enum', enum: RelationType, enumName: 'relation_type' }) type!: RelationType;
  @Index('ix_actor_relation_target_id') @Column('bigint') targetId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'target_id' }) target?: Relation<Actor>;
  @Field(() => DateResolver, { nullable: true }) @Column('date', { nullable: true }) startDate!: string | null;
  @Field(() => DateResolver, { nullable: true }) @Column('date', { nullable: true }) endDate!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity()
export class ActorRelationEvidence {
  @PrimaryColumn('bigint') relationId!: string;
  @ManyToOne('ActorRelation', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'relation_id' }) relation?: Relation<ActorRelation>;
  @Index('ix_actor_relation_evidence_claim_id') @PrimaryColumn('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
}
