import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Actor } from './actor.entity';
import type { Claim } from '../claims/claim.entity';
import type { Organization } from '../organizations/organization.entity';

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
 * "actor TYPE target", believed because of its assertions (actor_relation_evidence); `actor` and
 * `target` are field resolvers (actor-relation.resolver.ts). The row itself holds no one's
 * knowledge but the three keys: what an organisation knows of the relation (on which claim,
 * since and until when) is its assertion, and a viewer sees the relation only through the
 * assertions it may see. `startDate`/`endDate` are not stored here: they are the span of those
 * visible assertions (src/actors/actor-relation.query.ts), so a hidden assertion's dates never
 * reach another viewer.
 */
@ObjectType('ActorRelation', { description: 'actor TYPE target (e.g. Saraya al-Salam ARMED_WING_OF the Sadrist movement)' })
@Entity()
@Unique('uq_actor_relation_actor_id_type_target_id', ['actorId', 'type', 'targetId'])
@Check('ck_actor_relation_distinct', `actor_id <> target_id`)
export class ActorRelation {
  @IdColumn() id!: string;
  @Column('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => RelationType) @Column({ type: 'enum', enum: RelationType, enumName: 'relation_type' }) type!: RelationType;
  @Index('ix_actor_relation_target_id') @Column('bigint') targetId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'target_id' }) target?: Relation<Actor>;
  @Field(() => DateResolver, { nullable: true, description: 'The earliest start date of the assertions you may see' })
  startDate!: string | null;
  @Field(() => DateResolver, { nullable: true, description: 'The latest end date of the assertions you may see' })
  endDate!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/**
 * One organisation's assertion of a relation on one claim, with the dates it gives. Seen with
 * its claim (row-level security: actor_relation_evidence_visible), written only by its own
 * organisation (actor_relation_evidence_write_own); B stating the relation on the same claim
 * makes B's own row, so B's dates never overwrite A's.
 */
@Entity()
@Check('ck_actor_relation_evidence_dates', `end_date IS NULL OR start_date IS NULL OR end_date >= start_date`)
export class ActorRelationEvidence {
  @PrimaryColumn('bigint') relationId!: string;
  @ManyToOne('ActorRelation', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'relation_id' }) relation?: Relation<ActorRelation>;
  @Index('ix_actor_relation_evidence_claim_id') @PrimaryColumn('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @Index('ix_actor_relation_evidence_organization_id') @PrimaryColumn('bigint') organizationId!: string;
  @ManyToOne('Organization', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;
  @Column('date', { nullable: true }) startDate!: string | null;
  @Column('date', { nullable: true }) endDate!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
