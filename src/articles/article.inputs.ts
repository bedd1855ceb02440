import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { OrderInputType, type OrderInput } from '../common/connection';
import { SourceInput } from '../sources/source.inputs';
import { Visibility } from '../claims/claim.entity';

/** BCP 47 language tags such as "en", "ar", "ckb-IQ". */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

@InputType()
export class IngestArticleInput {
  @Field(() => SourceInput) @ValidateNested() source!: SourceInput;

  @Field(() => String, { nullable: true, description: 'Identifies the article: re-ingesting the same url is idempotent' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;

  @Field(() => String) @Length(1, 1000) title!: string;

  @Field(() => Date, { nullable: true }) @IsOptional() publishedAt?: Date;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. "en" or "ar"' })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a BCP 47 tag such as "en" or "ar"' })
  language?: string;

  @Field(() => String, { description: 'Plain text, up to 1 MB of UTF-8; stored normalised (NFC, \\n line breaks)' })
  body!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Propose mentions, attributed claims (status PROPOSED, method RULE) and their dates for people to review',
  })
  @IsOptional()
  extract?: boolean;

  @Field(() => Visibility, { nullable: true, description: 'Visibility of the claims extraction proposes; PUBLIC by default' })
  @IsOptional()
  extractVisibility?: Visibility;
}

@InputType()
export class ArticleFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() sourceId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() publishedFrom?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() publishedTo?: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(LANGUAGE_TAG) language?: string;

  @Field(() => String, { nullable: true, description: 'Words to find in title or body (web search syntax: "quoted phrase", -exclude)' })
  @IsOptional()
  @Length(1, 500)
  search?: string;

  @Field(() => Date, { nullable: true, description: 'Only articles ingested at or after this time (articles never change once stored)' })
  @IsOptional()
  updatedSince?: Date;
}

export enum ArticleOrderField {
  INGESTED_AT = 'INGESTED_AT',
  PUBLISHED_AT = 'PUBLISHED_AT',
}
registerEnumType(ArticleOrderField, {
  name: 'ArticleOrderField',
  valuesConfig: {
    INGESTED_AT: { description: 'When the article was ingested (the default)' },
    PUBLISHED_AT: { description: 'When the article was published; articles without a date come last' },
  },
});

export const ArticleOrder = OrderInputType('Article', ArticleOrderField, 'How to order articles');
export type ArticleOrder = OrderInput<ArticleOrderField>;
