import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Actor } from './actor.entity';

/** An actor's id in another register (Wikidata Q-ids, ...): one actor per (system, value). */
@ObjectType('ExternalId')
@Entity()
@Unique('uq_actor_external_id_system_value', ['system', 'value'])
@Check('ck_actor_external_id_value', `char_length(system) BETWEEN 1 AND 100 AND char_length(value) BETWEEN 1 AND 200`)
export class ActorExternalId {
  @IdColumn() id!: string;
  @Index('ix_actor_external_id_actor_id') @Column('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => String, { description: 'e.g. "wikidata"' }) @Column('text') system!: string;
  @Field(() => String) @Column('text') value!: string;
}
