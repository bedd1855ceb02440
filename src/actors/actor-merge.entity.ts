import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Actor } from './actor.entity';

/**
 * What a merge changed, so that unmergeActors can restore the state before it (issue 9,
 * finding 4): every re-pointed or removed row of every organisation, private ones included, as
 * it was (src/actors/merge-journal.ts). It holds other organisations' private rows, so requests
 * never read it: row-level security is on with no policy (migration ActorMergeJournal), and
 * only merge and unmerge reach it, through the plain data source.
 */
@Entity()
export class ActorMerge {
  @IdColumn() id!: string;
  @Index('ix_actor_merge_source_id') @Column('bigint') sourceId!: string;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'source_id' }) source?: Relation<Actor>;
  @Index('ix_actor_merge_target_id') @Column('bigint') targetId!: string;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'target_id' }) target?: Relation<Actor>;
  /** The organisation whose key merged (the audit log has the key). */
  @Column('bigint', { nullable: true }) organizationId!: string | null;
  @Column('jsonb') journal!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) undoneAt!: Date | null;
}
