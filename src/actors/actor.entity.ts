import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

export enum ActorKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
  ARMED_GROUP = 'ARMED_GROUP',
  POLITICAL_PARTY = 'POLITICAL_PARTY',
  GOVERNMENT_BODY = 'GOVERNMENT_BODY',
  STATE = 'STATE',
  OTHER = 'OTHER',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

/** A person, group or body that texts name. A merged actor keeps its row and points on. */
@ObjectType({ implements: Node })
@Entity()
@Check('ck_actor_name', `char_length(name) BETWEEN 1 AND 500`)
// Keyset orderings (orderBy NAME, CREATED_AT, UPDATED_AT) and updatedSince.
@Index('ix_actor_name_id', ['name', 'id'])
@Index('ix_actor_created_at_id', ['createdAt', 'id'])
@Index('ix_actor_updated_at_id', ['updatedAt', 'id'])
@Check('ck_actor_merged_into_id', `merged_into_id IS NULL OR merged_into_id <> id`)
export class Actor extends Node {
  @IdColumn() id!: string;
  @Field(() => String) @Column('text') name!: string;
  @Field(() => ActorKind) @Column({ type: 'enum', enum: ActorKind, enumName: 'actor_kind' }) kind!: ActorKind;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) description!: string | null;

  /** `normalizeNameForSearch(name)`, kept in step by the actor service; trigram-indexed (GIN, made in a migration). */
  @Index('ix_actor_search_name_trgm', { synchronize: false }) @Column('text') searchName!: string;

  @Index('ix_actor_merged_into_id') @Column('bigint', { nullable: true }) mergedIntoId!: string | null;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'merged_into_id' }) mergedInto?: Relation<Actor>;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get nodeId(): string {
    return toGlobalId('Actor', this.id);
  }
}
