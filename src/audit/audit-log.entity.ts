import { JSONResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import type { Organization } from '../organizations/organization.entity';
import { storedGlobalIds } from '../common/global-id';

/** One row per mutation: who (organisation, key prefix), what, on which rows, when. */
@ObjectType('AuditEntry', { description: 'One mutation: who made it (organisation, key prefix), what, on which rows, when' })
@Entity()
export class AuditLog {
  @IdColumn() id!: string;

  @Index('ix_audit_log_organization_id') @Column('bigint', { nullable: true }) organizationId!: string | null;
  @ManyToOne('Organization', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;

  @Field(() => String, { nullable: true, description: 'Prefix of the key that made the change ("bootstrap", "cli" for the operator)' })
  @Column('text', { nullable: true })
  apiKeyPrefix!: string | null;

  @Field(() => String, { description: 'The mutation, e.g. "ingestArticle"' }) @Column('text') operation!: string;

  /** Global ids of the rows the mutation touched. */
  @Field(() => [ID], { description: 'Global ids of the rows the mutation touched' })
  @Column('text', { array: true, default: () => `'{}'`, transformer: storedGlobalIds })
  targetIds!: string[];

  @Field(() => JSONResolver, { description: 'What else the mutation recorded (request id, counts, ...)' })
  @Column('jsonb', { default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Field(() => Date) @Index('ix_audit_log_created_at') @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
