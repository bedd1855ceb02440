import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Organization } from '../organizations/organization.entity';

/** One row per mutation: who (organisation, key prefix), what, on which rows, when. */
@Entity()
export class AuditLog {
  @IdColumn() id!: string;

  @Index('ix_audit_log_organization_id') @Column('bigint', { nullable: true }) organizationId!: string | null;
  @ManyToOne('Organization', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;

  @Column('text', { nullable: true }) apiKeyPrefix!: string | null;
  @Column('text') operation!: string;
  /** Global ids of the rows the mutation touched. */
  @Column('text', { array: true, default: () => `'{}'` }) targetIds!: string[];
  @Column('jsonb', { default: () => `'{}'` }) details!: Record<string, unknown>;
  @Index('ix_audit_log_created_at') @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
