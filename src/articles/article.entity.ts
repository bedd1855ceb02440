import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import type { Source } from '../sources/source.entity';

/** A text, stored once and never changed: offsets everywhere point into `body`. */
@ObjectType({ implements: Node })
@Entity()
@Index('uq_article_url', ['url'], { unique: true, where: 'url IS NOT NULL' })
@Index('ix_article_source_id_content_hash', ['sourceId', 'contentHash'])
// Source.articles(first): each source's page read in id order from the index (childPageLoader).
@Index('ix_article_source_id_id', ['sourceId', 'id'])
@Index('ix_article_search_vector', { synchronize: false })
// orderBy PUBLISHED_AT, missing dates last (sortExpression in src/common/list-query.ts); made in the QueryOrderings migration.
@Index('ix_article_published_at_asc', { synchronize: false })
@Index('ix_article_published_at_desc', { synchronize: false })
@Check('ck_article_content_hash', `content_hash ~ '^[0-9a-f]{64}$'`)
@Check('ck_article_sentence_count', `sentence_count >= 0`)
@Check('ck_article_title', `char_length(title) BETWEEN 1 AND 1000`)
export class Article extends Node {
  @IdColumn() id!: string;

  @Column('bigint') sourceId!: string;
  @ManyToOne('Source', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'source_id' }) source?: Relation<Source>;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) url!: string | null;
  @Field(() => String) @Column('text') title!: string;

  @Field(() => Date, { nullable: true })
  @Index('ix_article_published_at')
  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Where the article was filed from, as its dateline names it (e.g. 'Maysan')" })
  @Column('text', { nullable: true })
  place!: string | null;

  @Field(() => Boolean, { description: 'Whether publishedAt was read from the dateline because the input gave none' })
  @Column('boolean', { default: false })
  publishedAtFromDateline!: boolean;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag' })
  @Column('text', { nullable: true })
  language!: string | null;

  @Field(() => String, { description: 'The normalised text (NFC, \\n line breaks); offsets are code points into it' })
  @Column('text')
  body!: string;

  @Field(() => String, { description: 'Lowercase hex SHA-256 of the body in UTF-8' })
  @Column('char', { length: 64 })
  contentHash!: string;

  @Field(() => Int) @Column('int') sentenceCount!: number;

  /**
   * The words of title and body for filter.search, stored: a GIN index cannot answer phrases by
   * itself, and rechecking a match must not re-parse the whole body. GIN-indexed by hand
   * (ix_article_search_vector); never read into the entity.
   */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', title || ' ' || body)`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @Field(() => Date) @Index('ix_article_ingested_at') @CreateDateColumn({ type: 'timestamptz' }) ingestedAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get nodeId(): string {
    return toGlobalId('Article', this.id);
  }
}
