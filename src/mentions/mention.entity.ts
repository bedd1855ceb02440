import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Extraction } from '../provenance/extraction';
import type { Actor } from '../actors/actor.entity';
import type { Sentence } from '../articles/sentence.entity';

/** A span of a sentence naming an actor or place (code-point offsets into the article body). */
@ObjectType()
@Entity()
@Check('ck_mention_span', `"start" >= 0 AND "start" < "end" AND char_length(text) = "end" - "start"`)
@Check('ck_mention_confidence', `extraction_confidence IS NULL OR extraction_confidence BETWEEN 0 AND 1`)
export class Mention {
  @IdColumn() id!: string;
  @Index('ix_mention_sentence_id') @Column('bigint') sentenceId!: string;
  @ManyToOne('Sentence', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'sentence_id' }) sentence?: Relation<Sentence>;
  @Index('ix_mention_actor_id') @Column('bigint', { nullable: true }) actorId!: string | null;
  @ManyToOne('Actor', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Field(() => Int) @Column('int') start!: number;
  @Field(() => Int) @Column('int') end!: number;
  @Field(() => String) @Column('text') text!: string;
  @Field(() => Extraction) @Column(() => Extraction) extraction!: Extraction;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Mention', this.id);
  }
}
