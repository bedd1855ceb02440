import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Sentence } from '../articles/sentence.entity';
import type { Claim } from './claim.entity';

/** A span of one sentence backing a claim, stored with both selectors (position and quote). */
@ObjectType({ description: 'A span of one sentence, with both W3C selectors: position (start, end) and quote (exact, prefix, suffix)' })
@Entity()
@Check('ck_evidence_span', `"start" >= 0 AND "start" < "end" AND char_length(exact) = "end" - "start"`)
@Check('ck_evidence_context', `char_length(prefix) <= 32 AND char_length(suffix) <= 32`)
export class Evidence {
  @IdColumn() id!: string;
  @Index('ix_evidence_claim_id') @Column('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @Index('ix_evidence_sentence_id') @Column('bigint') sentenceId!: string;
  @ManyToOne('Sentence', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'sentence_id' }) sentence?: Relation<Sentence>;
  /** Code-point offsets into the article body. */
  @Field(() => Int) @Column('int') start!: number;
  @Field(() => Int) @Column('int') end!: number;
  @Field(() => String, { description: "The body's text at [start, end)" }) @Column('text') exact!: string;
  @Field(() => String, { description: 'Up to 32 code points of the body before the span' }) @Column('text') prefix!: string;
  @Field(() => String, { description: 'Up to 32 code points of the body after the span' }) @Column('text') suffix!: string;
}
