import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { Role } from './role';
import type { Organization } from './organization.entity';

/** A key is shown once; only its SHA-256 and a visible prefix are kept. */
@Entity()
@Unique('uq_api_key_key_hash', ['keyHash'])
@Unique('uq_api_key_prefix', ['prefix'])
@Check('ck_api_key_key_hash', `key_hash ~ '^[0-9a-f]{64}$'`)
export class ApiKey {
  @IdColumn() id!: string;

  @Index('ix_api_key_organization_id') @Column('bigint') organizationId!: string;
  @ManyToOne('Organization', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;

  @Column('text') prefix!: string;
  @Column('char', { length: 64 }) keyHash!: string;
  @Column({ type: 'enum', enum: Role, enumName: 'role' }) role!: Role;
  @Column('text', { nullable: true }) label!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) lastUsedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}
