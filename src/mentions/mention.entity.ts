import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { Extraction } from '../provenance/extraction';
import type { Actor } from '../actors/actor.entity';
import type { Sentence } from '../articles/sentence.entity';

/** A span of a sentence naming an actor or place (code-point offsets into the article body). */
@Entity()
@Check('ck_mention_span', `"start" >= 0 AND "start" < "end" AND char_length(text) = "end" - "start"`)
@Check('ck_mention_confidence', `extraction_confidence IS NULL OR extraction_confidence BETWEEN 0 AND 1`)
export class Mention {
  @IdColumn() id!: string;
  @Index('ix_mention_sentence_id') @Column('bigint') sentenceId!: string;
  @ManyToOne('Sentence', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'sentence_id' }) sentence?: Relation<Sentence>;
  @Index('ix_mention_actor_id') @Column('bigint', { nullable: true }) actorId!: string | null;
  @ManyToOne('Actor', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'actor_id' }) actor?: Relation<Actor>;
  @Column('int') start!: number;
  @Column('int') end!: number;
  @Column('text') text!: string;
  @Column(() => Extraction) extraction!: Extraction;
}
