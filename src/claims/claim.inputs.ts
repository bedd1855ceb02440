import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderInputType, type OrderInput } from '../common/connection';
import { ClaimKind, ReviewStatus, Visibility } from './claim.entity';

@InputType({
  description:
    'A span of the article: a position (start, end: code-point offsets into the body) or a quote (exact, with optional prefix/suffix), ' +
    'searched in the sentence when sentenceId is given, else in the whole article',
})
export class EvidenceInput {
  @Field(() => ID, { nullable: true }) @IsOptional() sentenceId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) start?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) end?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 10_000) exact?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) prefix?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) suffix?: string;
}

@InputType()
export class AddClaimInput {
  @Field(() => ID) articleId!: string;
  @Field(() => String) @Length(1, 10_000) text!: string;
  @Field(() => ClaimKind) kind!: ClaimKind;
  @Field(() => ID, { nullable: true, description: 'Who makes the claim; absent when the article itself reports it' })
  @IsOptional()
  claimantId?: string;
  @Field(() => [ID], { nullable: true, description: 'The actors the claim is about' })
  @IsOptional()
  @ArrayMaxSize(50)
  subjectIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(50) eventIds?: string[];

  @Field(() => [EvidenceInput], { description: 'At least one span; several may come from different sentences of the article' })
  @ArrayMinSize(1, { message: 'a claim needs at least one evidence item' })
  @ArrayMaxSize(50)
  @ValidateNested()
  evidence!: EvidenceInput[];

  @Field(() => Visibility, { nullable: true, description: 'Defaults to PUBLIC' }) @IsOptional() visibility?: Visibility;
  @Field(() => Float, { nullable: true, description: '0..1' }) @IsOptional() @Min(0) @Max(1) confidence?: number;
}

@InputType()
export class ClaimFilter {
  @Field(() => ID, { nullable: true, description: 'Claims made by, or about, this actor' }) @IsOptional() actorId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() claimantId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() eventId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() articleId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() sourceId?: string;
  @Field(() => ReviewStatus, { nullable: true }) @IsOptional() status?: ReviewStatus;
  @Field(() => ClaimKind, { nullable: true }) @IsOptional() kind?: ClaimKind;
  @Field(() => String, { nullable: true, description: 'Words in the claim text (web search syntax)' })
  @IsOptional()
  @Length(1, 500)
  search?: string;
  @Field(() => Date, { nullable: true, description: "From this time on, by the article's publication time" }) @IsOptional() from?: Date;
  @Field(() => Date, { nullable: true, description: "Before this time, by the article's publication time" }) @IsOptional() to?: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'Only claims changed at or after this time (for mirrors: pair with deletions(since:))',
  })
  @IsOptional()
  updatedSince?: Date;
}

export enum ClaimOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ClaimOrderField, {
  name: 'ClaimOrderField',
  valuesConfig: {
    CREATED_AT: { description: 'When the claim was recorded (extraction.createdAt)' },
    UPDATED_AT: { description: 'When the claim, its status or its links last changed' },
  },
});

export const ClaimOrder = OrderInputType('Claim', ClaimOrderField, 'How to order claims');
export type ClaimOrder = OrderInput<ClaimOrderField>;
