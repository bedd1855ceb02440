import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Actor } from './actor.entity';

/** Another name of an actor: a spelling, a transliteration, an acronym, a name in Arabic script. */
@ObjectType('Alias')
@Entity()
@Unique('uq_actor_alias_actor_id_name', ['actorId', 'name'])
@Check('ck_actor_alias_name', `char_length(name) BETWEEN 1 AND 500`)
export class ActorAlias {
  @IdColumn() id!: string;
  @Column('bigint') actorId!: string;
  @ManyToOne('Actor', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => String) @Column('text') name!: string;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag' }) @Column('text', { nullable: true }) language!: string | null;

  /** `normalizeNameForSearch(name)`; trigram-indexed (GIN, made in a migration). */
  @Index('ix_actor_alias_search_name_trgm', { synchronize: false }) @Column('text') searchName!: string;
}
