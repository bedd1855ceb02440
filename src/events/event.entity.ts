import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import type { Place } from './place.entity';

/** ACLED's six event types; sub-types come from the codebook. */
export enum EventType {
  BATTLES = 'BATTLES',
  VIOLENCE_AGAINST_CIVILIANS = 'VIOLENCE_AGAINST_CIVILIANS',
  EXPLOSIONS_REMOTE_VIOLENCE = 'EXPLOSIONS_REMOTE_VIOLENCE',
  RIOTS = 'RIOTS',
  PROTESTS = 'PROTESTS',
  STRATEGIC_DEVELOPMENTS = 'STRATEGIC_DEVELOPMENTS',
}
registerEnumType(EventType, { name: 'EventType' });

export enum DatePrecision {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(DatePrecision, { name: 'DatePrecision' });

/** Something that happened, when and where, to whom; reported by the claims linked to it. */
@ObjectType({ implements: Node })
@Entity()
@Check('ck_event_fatalities', `fatalities IS NULL OR fatalities >= 0`)
// Keyset orderings (orderBy CREATED_AT, UPDATED_AT) and updatedSince.
@Index('ix_event_created_at_id', ['createdAt', 'id'])
@Index('ix_event_updated_at_id', ['updatedAt', 'id'])
// orderBy DATE with undated events last, and filter.search: expressions, made in the QueryOrderings migration.
@Index('ix_event_date_asc', { synchronize: false })
@Index('ix_event_date_desc', { synchronize: false })
@Index('ix_event_text_search', { synchronize: false })
@Check('ck_event_dates', `end_date IS NULL OR (date IS NOT NULL AND end_date >= date)`)
export class Event extends Node {
  @IdColumn() id!: string;
  @Field(() => EventType) @Index('ix_event_type') @Column({ type: 'enum', enum: EventType, enumName: 'event_type' }) type!: EventType;
  @Field(() => String, { nullable: true, description: 'One of the codebook sub-types of `type` (see eventTypes)' })
  @Column('text', { nullable: true })
  subType!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) description!: string | null;
  @Field(() => DateResolver, { nullable: true }) @Index('ix_event_date') @Column('date', { nullable: true }) date!: string | null;
  @Field(() => DateResolver, { nullable: true, description: 'Last day, for events that span several days' })
  @Column('date', { nullable: true })
  endDate!: string | null;
  @Field(() => DatePrecision)
  @Column({ type: 'enum', enum: DatePrecision, enumName: 'date_precision', default: DatePrecision.UNKNOWN })
  datePrecision!: DatePrecision;
  @Index('ix_event_place_id') @Column('bigint', { nullable: true }) placeId!: string | null;
  @ManyToOne('Place', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'place_id' }) place?: Relation<Place>;
  @Field(() => Int, { nullable: true }) @Column('int', { nullable: true }) fatalities!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get nodeId(): string {
    return toGlobalId('Event', this.id);
  }
}
