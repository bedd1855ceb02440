import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Claim } from './claim.entity';

/** A claim's earlier text, kept when it is revised. */
@Entity()
export class ClaimRevision {
  @IdColumn() id!: string;
  @Index('ix_claim_revision_claim_id') @Column('bigint') claimId!: string;
  @ManyToOne('Claim', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'claim_id' }) claim?: Relation<Claim>;
  @Column('text') text!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
