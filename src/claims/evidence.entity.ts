import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Sentence } from '../articles/sentence.entity';
import type { Claim } from './claim.entity';

/** A span of one sentence backing a claim, stored with both selectors (position and quote). */
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
  @Column('int') start!: number;
  @Column('int') end!: number;
  @Column('text') exact!: string;
  @Column('text') prefix!: string;
  @Column('text') suffix!: string;
}
