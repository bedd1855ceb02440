import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { DateResolver } from 'graphql-scalars';
import { DatePrecision } from '../events/event.entity';
import { Extraction } from '../provenance/extraction';
import type { Actor } from '../actors/actor.entity';
import type { Article } from '../articles/article.entity';
import type { Organization } from '../organizations/organization.entity';

export enum ClaimKind {
  STATEMENT = 'STATEMENT',
  REPORT = 'REPORT',
  ALLEGATION = 'ALLEGATION',
  DENIAL = 'DENIAL',
}
registerEnumType(ClaimKind, { name: 'ClaimKind' });

export enum ReviewStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  RETRACTED = 'RETRACTED',
}
registerEnumType(ReviewStatus, { name: 'ReviewStatus' });

export enum Visibility {
  PUBLIC = 'PUBLIC',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(Visibility, { name: 'Visibility', description: 'ORGANIZATION: seen only by keys of the writing organisation' });

/** What a text asserts, and who asserts it; traced to spans by its evidence rows. */
@ObjectType({ implements: Node })
@Entity()
@Index('ix_claim_text_search', { synchronize: false })
// Keyset orderings (orderBy CREATED_AT, UPDATED_AT) and updatedSince.
@Index('ix_claim_extraction_created_at_id', ['extraction.createdAt', 'id'])
@Index('ix_claim_updated_at_id', ['updatedAt', 'id'])
// Actor.claimsMade(first): each claimant's page read in id order from the index (childPageLoader).
@Index('ix_claim_claimant_id_id', ['claimantId', 'id'])
@Check('ck_claim_text', `char_length(text) BETWEEN 1 AND 10000`)
@Check('ck_claim_confidence', `extraction_confidence IS NULL OR extraction_confidence BETWEEN 0 AND 1`)
@Check('ck_claim_retraction', `(status = 'RETRACTED') = (retraction_reason IS NOT NULL)`)
export class Claim extends Node {
  @IdColumn() id!: string;

  @Index('ix_claim_article_id') @Column('bigint') articleId!: string;
  @ManyToOne('Article', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'article_id' }) article?: Relation<Article>;

  @Field(() => String, { description: "The claim in the annotator's words; revisions keep earlier texts" }) @Column('text') text!: string;
  @Field(() => ClaimKind) @Column({ type: 'enum', enum: ClaimKind, enumName: 'claim_kind' }) kind!: ClaimKind;

  @Column('bigint', { nullable: true }) claimantId!: string | null;
  @ManyToOne('Actor', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'claimant_id' }) claimant?: Relation<Actor>;

  @Field(() => ReviewStatus)
  @Column({ type: 'enum', enum: ReviewStatus, enumName: 'review_status', default: ReviewStatus.PROPOSED })
  status!: ReviewStatus;

  @Field(() => String, { nullable: true, description: 'The note of the last review' })
  @Column('text', { nullable: true })
  reviewNote!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the claim was retracted (status RETRACTED)' })
  @Column('text', { nullable: true })
  retractionReason!: string | null;

  @Field(() => Visibility)
  @Column({ type: 'enum', enum: Visibility, enumName: 'visibility', default: Visibility.PUBLIC })
  visibility!: Visibility;
  @Index('ix_claim_organization_id') @Column('bigint') organizationId!: string;
  @ManyToOne('Organization', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organization_id' }) organization?: Relation<Organization>;

  @Field(() => Extraction) @Column(() => Extraction) extraction!: Extraction;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'When the claim was made, from the time expression of its attribution ("warned on Saturday")',
  })
  @Column('date', { nullable: true })
  statedOn!: string | null;
  @Field(() => DatePrecision, { nullable: true })
  @Column({ type: 'enum', enum: DatePrecision, enumName: 'date_precision', nullable: true })
  statedOnPrecision!: DatePrecision | null;

  @Field(() => Date) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get nodeId(): string {
    return toGlobalId('Claim', this.id);
  }
}
