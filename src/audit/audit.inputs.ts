import { ArgsType, Field, ID } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { ConnectionArgs } from '../common/connection';

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only changes made by keys of this organisation' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Only this mutation, e.g. "createApiKey"' })
  @IsOptional()
  @Length(1, 100)
  operation?: string;
}
