import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Claim } from './claim.entity';

/** A claim's earlier text, kept when it is revised. */
@ObjectType({ description: 'An earlier text of a claim, kept when it was revised' })
@Entity()
export class ClaimRevision {
  @IdColumn() id!: string;
  @Index('ix_claim_revision_claim_id') @Column('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @Field(() => String, { description: 'The text before this revision' }) @Column('text') text!: string;
  @Field(() => String, { nullable: true, description: 'Why it was revised' }) @Column('text', { nullable: true }) note!: string | null;
  @Field(() => Date, { description: 'When it was revised' }) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
