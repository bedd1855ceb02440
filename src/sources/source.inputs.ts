import { Field, InputType } from 'type-graphql';
import { IsFQDN, IsOptional, IsUrl, Length } from 'class-validator';
import { SourceKind } from './source.entity';

@InputType({ description: 'A source is found by domain, else by name, and created when missing' })
export class SourceInput {
  @Field(() => String) @Length(1, 500) name!: string;

  @Field(() => String, { nullable: true, description: 'Host name such as "example.org"; derived from url when absent' })
  @IsOptional()
  @IsFQDN({ require_tld: true })
  domain?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @Field(() => SourceKind, { nullable: true, description: 'Defaults to OTHER' })
  @IsOptional()
  kind?: SourceKind;
}

@InputType()
export class SourceFilter {
  @Field(() => Date, { nullable: true, description: 'Only sources added or changed at or after this time' })
  @IsOptional()
  updatedSince?: Date;
}
