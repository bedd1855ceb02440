import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ApiKey } from './api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service';
import { Organization } from './organization.entity';
import { CreateApiKeyArgs } from './organization.inputs';
import { CreatedApiKey } from './organization.types';
import { Role } from '../common/role';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [ApiKey], { description: 'API keys, oldest first, revoked ones included' })
  apiKeys(@Ctx() ctx: Context, @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string): Promise<ApiKey[]> {
    return listApiKeys(ctx, organizationId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'A new key for an organisation; its secret is in the answer and nowhere else' })
  createApiKey(@Ctx() ctx: Context, @Args(() => CreateApiKeyArgs) args: CreateApiKeyArgs): Promise<CreatedApiKey> {
    return createApiKey(ctx, args);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey, { description: 'Refuses the key from the next request on; revoking twice changes nothing' })
  revokeApiKey(@Ctx() ctx: Context, @Arg('prefix', () => String) prefix: string): Promise<ApiKey> {
    return revokeApiKey(ctx, prefix);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() key: ApiKey, @Ctx() ctx: Context): Promise<Organization> {
    return (await ctx.loaders.organizationById.load(key.organizationId)) as Organization;
  }
}
