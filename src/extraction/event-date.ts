import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Sentence } from '../articles/sentence.entity';
import { badInput } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import type { DatePrecision } from '../events/event.entity';
import { timeExpressionsOf } from './time-expression.type';

@InputType({ description: 'A time expression of a sentence (see Sentence.timeExpressions) to date an event by' })
export class TimeExpressionRefInput {
  @Field(() => ID) sentenceId!: string;

  @Field(() => String, { nullable: true, description: 'Its text, e.g. "on Friday"; the sentence\'s first one when omitted' })
  @IsOptional()
  @Length(1, 200)
  text?: string;
}

/** The date and precision a sentence's time expression resolves to; refused when it has none or is vague. */
export async function dateOfTimeExpression(
  manager: EntityManager,
  ref: TimeExpressionRefInput,
  field: string,
): Promise<{ date: Date; datePrecision: DatePrecision }> {
  const sentence = await manager
    .getRepository(Sentence)
    .findOneBy({ id: parseGlobalId(ref.sentenceId, 'Sentence', `${field}.sentenceId`) });
  if (sentence === null) throw badInput(`${field}.sentenceId`, 'No sentence with this id');
  const article = await manager.getRepository(Article).findOneByOrFail({ id: sentence.articleId });
  const found = timeExpressionsOf(sentence, article.publishedAt).find((t) => ref.text == null || t.text === ref.text.trim());
  if (found === undefined) throw badInput(`${field}.text`, 'The sentence has no such time expression');
  if (found.date === null) throw badInput(`${field}.text`, `"${found.text}" names no date that can be placed`);
  return { date: new Date(`${found.date}T00:00:00Z`), datePrecision: found.precision };
}
