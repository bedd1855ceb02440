import { Field, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { LANGUAGE_TAG } from '../articles/article.inputs';
import { OrderInputType, type OrderInput } from '../common/connection';
import { ActorKind } from './actor.entity';

@InputType()
export class AliasInput {
  @Field(() => String) @Length(1, 500) name!: string;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. "en", "ar", "ar-Latn"' })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a BCP 47 tag such as "en" or "ar"' })
  language?: string;
}

@InputType({ description: 'An id in another register; wikidata ids look like "Q42"' })
export class ExternalIdInput {
  @Field(() => String, { description: 'Lowercase register name, e.g. "wikidata"' }) @Length(1, 50) system!: string;
  @Field(() => String) @Length(1, 200) value!: string;
}

@InputType()
export class CreateActorInput {
  @Field(() => String) @Length(1, 500) name!: string;
  @Field(() => ActorKind) kind!: ActorKind;
  @Field(() => [AliasInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() aliases?: AliasInput[];
  @Field(() => [ExternalIdInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested() externalIds?: ExternalIdInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) description?: string;
}

@InputType({ description: 'Only the fields given change; externalIds, when given, replaces the whole set' })
export class UpdateActorInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) name?: string;
  @Field(() => ActorKind, { nullable: true }) @IsOptional() kind?: ActorKind;
  @Field(() => String, { nullable: true, description: 'null clears it' }) @IsOptional() @Length(0, 5000) description?: string | null;
  @Field(() => [ExternalIdInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested() externalIds?: ExternalIdInput[];
}

@InputType()
export class ActorFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'A name or alias, spelled any common way (case, diacritics, apostrophes, hyphens, "al-" and transliteration variants ' +
      'do not matter); results are ranked, exact name and alias matches first',
  })
  @IsOptional()
  @Length(1, 200)
  search?: string;

  @Field(() => ActorKind, { nullable: true }) @IsOptional() kind?: ActorKind;

  @Field(() => Boolean, { nullable: true, description: 'Also list actors merged into others (default false)' })
  @IsOptional()
  includeMerged?: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'Only actors changed at or after this time (for mirrors: pair with deletions(since:))',
  })
  @IsOptional()
  updatedSince?: Date;
}

export enum ActorOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ActorOrderField, {
  name: 'ActorOrderField',
  valuesConfig: {
    NAME: { description: "The actor's name, in the database's collation" },
    CREATED_AT: { description: 'When the actor was added' },
    UPDATED_AT: { description: 'When the actor, its aliases, ids or relations last changed' },
  },
});

export const ActorOrder = OrderInputType(
  'Actor',
  ActorOrderField,
  'How to order actors (not with filter.search: search results are ranked)',
);
export type ActorOrder = OrderInput<ActorOrderField>;
