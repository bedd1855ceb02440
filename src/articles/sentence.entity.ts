import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { SentenceRole } from '../nlp/sentence-roles';
import type { Article } from './article.entity';

export { SentenceRole };
registerEnumType(SentenceRole, {
  name: 'SentenceRole',
  description: 'What a sentence is on the page: furniture (headline, dateline, byline, footnote) or body text',
});

/** A sentence of an article: `text` is exactly the body's code points [start, end). */
@ObjectType({ implements: Node })
@Entity()
@Unique('uq_sentence_article_id_index', ['articleId', 'index'])
@Check('ck_sentence_span', `"start" >= 0 AND "start" < "end" AND char_length(text) = "end" - "start"`)
@Check('ck_sentence_index', `index >= 0`)
@Index('ix_sentence_text_search', { synchronize: false })
export class Sentence extends Node {
  @IdColumn() id!: string;

  @Column('bigint') articleId!: string;
  @ManyToOne('Article', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'article_id' }) article?: Relation<Article>;

  @Field(() => Int) @Column('int') index!: number;
  @Field(() => Int, { description: 'Code-point offset into Article.body, inclusive' }) @Column('int') start!: number;
  @Field(() => Int, { description: 'Code-point offset into Article.body, exclusive' }) @Column('int') end!: number;
  @Field(() => String) @Column('text') text!: string;

  @Field(() => SentenceRole)
  @Column({ type: 'enum', enum: SentenceRole, enumName: 'sentence_role', default: SentenceRole.BODY })
  role!: SentenceRole;

  /** Set on search results only: the sentence with the matched words marked. */
  @Field(() => String, { nullable: true, description: 'On searchSentences results: the text with matches in <b>…</b>' })
  highlight?: string | null;

  get nodeId(): string {
    return toGlobalId('Sentence', this.id);
  }
}
