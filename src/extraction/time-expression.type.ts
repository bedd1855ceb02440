import { DateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Sentence } from '../articles/sentence.entity';
import { DatePrecision } from '../events/event.entity';
import { analyseSentence } from '../nlp/wink-analysis';
import { codePointOffsets } from '../provenance/text';
import { findTimeExpressions } from './time-expressions';

@ObjectType({
  description: 'A date or time a sentence names ("on Friday", "several years ago"); offsets are code points into Article.body',
})
export class TimeExpression {
  @Field(() => String) text!: string;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => DateResolver, {
    nullable: true,
    description: 'The day it points to (a weekday: the latest on or before publication); null when vague',
  })
  date!: string | null;
  @Field(() => DatePrecision) precision!: DatePrecision;
}

/** Computed on read: a pure function of the sentence and its article's publication date. */
export function timeExpressionsOf(sentence: Pick<Sentence, 'text' | 'start'>, publishedAt: Date | null): TimeExpression[] {
  const publishedOn = publishedAt === null ? null : publishedAt.toISOString().slice(0, 10);
  const offsets = codePointOffsets(sentence.text);
  return findTimeExpressions(analyseSentence(sentence.text), publishedOn).map((found) => ({
    text: found.text,
    start: sentence.start + offsets[found.start],
    end: sentence.start + offsets[found.end],
    date: found.date,
    precision: found.precision as DatePrecision,
  }));
}
