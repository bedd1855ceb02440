import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Visibility } from '../claims/claim.entity';
import { IdColumn } from '../common/columns';
import type { Organization } from '../organizations/organization.entity';
import { storedGlobalIds } from '../common/global-id';

export enum DeletionKind {
  RETRACTED = 'RETRACTED',
  MERGED = 'MERGED',
  DELETED = 'DELETED',
}
registerEnumType(DeletionKind, {
  name: 'DeletionKind',
  valuesConfig: {
    RETRACTED: { description: 'A claim was retracted; it stays readable, with status RETRACTED and its reason' },
    MERGED: { description: 'An actor was merged into another (replacedBy); its id still resolves, with mergedInto' },
    DELETED: { description: 'A row was deleted; its id no longer resolves' },
  },
});

/**
 * One entry of the `deletions` feed, written in the transaction of the change it records, so a
 * mirror never sees the change without it. Entries outlive the rows they name (a DELETED row is
 * gone), hence a global id and no foreign key to it.
 */
@ObjectType({ description: 'Something a mirror should drop or replace: a retracted claim, a merged actor, a deleted row' })
@Entity()
@Check('ck_deletion_replaced_by', `(kind = 'MERGED') = (replaced_by IS NOT NULL)`)
export class Deletion {
  @IdColumn() id!: string;
  @Field(() => DeletionKind) @Column({ type: 'enum', enum: DeletionKind, enumName: 'deletion_kind' }) kind!: DeletionKind;
  @Field(() => ID, { description: 'The global id of what was retracted, merged or deleted' })
  @Column('text', { transformer: storedGlobalIds })
  nodeId!: string;
  @Field(() => ID, { nullable: true, description: 'MERGED: the actor it was merged into' })
  @Column('text', { nullable: true, transformer: storedGlobalIds })
  replacedBy!: string | null;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) reason!: string | null;
  @Field(() => Date, { description: 'When the change was committed' })
  @Index('ix_deletion_at')
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /**
   * A claim's visibility and organisation, copied so that the feed applies the claim visibility
   * rule (claim-access.ts) to entries about claims; PUBLIC for everything else. A claim's
   * visibility never changes, so the copy cannot go stale.
   */
  @Column({ type: 'enum', enum: Visibility, enumName: 'visibility', default: Visibility.PUBLIC }) visibility!: Visibility;
  @Index('ix_deletion_organization_id') @Column('bigint', { nullable: true }) organizationId!: string | null;
  @ManyToOne('Organization', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;
}
