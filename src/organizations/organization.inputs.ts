import { ArgsType, Field, ID } from 'type-graphql';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Role } from '../common/role';

export const MAX_ORGANIZATION_NAME = 200;
export const MAX_KEY_LABEL = 200;

@ArgsType()
export class CreateOrganizationArgs {
  @Field(() => String, { description: 'Unique, ignoring case; surrounding spaces are dropped' })
  @Length(1, MAX_ORGANIZATION_NAME)
  name!: string;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => ID) organizationId!: string;
  @Field(() => Role) role!: Role;

  @Field(() => String, { nullable: true, description: 'What the key is for, e.g. "nightly ingest"; shown in apiKeys' })
  @IsOptional()
  @MaxLength(MAX_KEY_LABEL)
  label?: string | null;
}
