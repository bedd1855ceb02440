import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Organization } from '../organizations/organization.entity';
import { Role } from '../common/role';
import { AuditLog } from './audit-log.entity';
import { AuditLogArgs } from './audit.inputs';
import { listAuditEntries } from './audit.service';
import { AuditEntryConnection } from './audit.types';

@Resolver(() => AuditLog)
export class AuditLogResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'Every mutation, oldest first (`last: n` gives the n most recent)' })
  auditLog(@Ctx() ctx: Context, @Args(() => AuditLogArgs) args: AuditLogArgs): Promise<AuditEntryConnection> {
    return listAuditEntries(ctx, args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Whose key made the change; null if it has since been deleted' })
  async organization(@Root() entry: AuditLog, @Ctx() ctx: Context): Promise<Organization | null> {
    return entry.organizationId === null ? null : ctx.loaders.organizationById.load(entry.organizationId);
  }
}
