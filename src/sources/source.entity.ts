import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

export enum SourceKind {
  NEWS_OUTLET = 'NEWS_OUTLET',
  RESEARCH_ORG = 'RESEARCH_ORG',
  GOVERNMENT = 'GOVERNMENT',
  NGO = 'NGO',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  OTHER = 'OTHER',
}
registerEnumType(SourceKind, { name: 'SourceKind', description: 'What kind of publisher a source is' });

/** A publisher of articles: an outlet, a research organisation, an account. */
@ObjectType({ implements: Node })
@Entity()
@Index('uq_source_domain', ['domain'], { unique: true, where: 'domain IS NOT NULL' })
@Index('uq_source_name', ['name'], { unique: true, where: 'domain IS NULL' })
@Check('ck_source_name', `char_length(name) BETWEEN 1 AND 500`)
export class Source extends Node {
  @IdColumn() id!: string;

  @Field(() => String) @Column('text') name!: string;

  @Field(() => String, { nullable: true, description: 'Lowercase host name, e.g. "example.org"' })
  @Column('text', { nullable: true })
  domain!: string | null;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) url!: string | null;

  @Field(() => SourceKind)
  @Column({ type: 'enum', enum: SourceKind, enumName: 'source_kind', default: SourceKind.OTHER })
  kind!: SourceKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code' })
  @Column('text', { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag' })
  @Column('text', { nullable: true })
  language!: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get nodeId(): string {
    return toGlobalId('Source', this.id);
  }
}
