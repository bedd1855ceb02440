import { Field, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { Role } from '../common/role';
import type { Organization } from './organization.entity';

/**
 * A key is shown once; only its SHA-256 and a visible prefix are kept. As a GraphQL type
 * (ApiKeyInfo) it exposes what an operator needs to manage keys, never the hash.
 */
@ObjectType('ApiKeyInfo', { description: 'An API key as an admin sees it: never the secret, nor its hash' })
@Entity()
@Unique('uq_api_key_key_hash', ['keyHash'])
@Unique('uq_api_key_prefix', ['prefix'])
@Check('ck_api_key_key_hash', `key_hash ~ '^[0-9a-f]{64}$'`)
export class ApiKey {
  @IdColumn() id!: string;

  @Index('ix_api_key_organization_id') @Column('bigint') organizationId!: string;
  @ManyToOne('Organization', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;

  @Field(() => String, { description: 'The first characters of the key: enough to recognise it, useless to authenticate' })
  @Column('text')
  prefix!: string;

  @Column('char', { length: 64 }) keyHash!: string;
  @Field(() => Role) @Column({ type: 'enum', enum: Role, enumName: 'role' }) role!: Role;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) label!: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was last used, to the minute (busy keys are not written on every request)',
  })
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set once the key is revoked; a revoked key is refused with UNAUTHENTICATED' })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
