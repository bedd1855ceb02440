import { Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Organization } from './organization.entity';
import { CreateOrganizationArgs } from './organization.inputs';
import { createOrganization } from './organization.service';
import { Role } from '../common/role';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => Organization, { description: 'A partner whose keys write data; names are unique, ignoring case' })
  createOrganization(@Ctx() ctx: Context, @Args(() => CreateOrganizationArgs) args: CreateOrganizationArgs): Promise<Organization> {
    return createOrganization(ctx, args.name);
  }
}
