import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

export const ArticleConnection = ConnectionType('Article', Article);
export type ArticleConnection = InstanceType<typeof ArticleConnection>;

export const SentenceConnection = ConnectionType('Sentence', Sentence);
export type SentenceConnection = InstanceType<typeof SentenceConnection>;

@ObjectType()
export class IngestArticlePayload {
  @Field(() => Article) article!: Article;
  @Field(() => Boolean, { description: 'false when this url (or, without a url, this body) was already ingested' })
  created!: boolean;
}
