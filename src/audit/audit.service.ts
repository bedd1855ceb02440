import type { EntityManager } from 'typeorm';
import { parseGlobalId } from '../common/global-id';
import { keyOrdering, listWindow, readConnection } from '../common/list-query';
import type { Context } from '../context';
import { AuditLog } from './audit-log.entity';
import type { AuditLogArgs } from './audit.inputs';
import { AuditEntryConnection } from './audit.types';

/** Records a mutation in the caller's transaction, so the audit row commits with the change. */
export async function recordAudit(
  ctx: Context,
  manager: EntityManager,
  operation: string,
  targetIds: string[],
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudits(ctx, manager, operation, [{ targetIds, details }]);
}

/** Records one operation done to many targets (a bulk ingest's batch): one entry each, in order, in one statement. */
export async function recordAudits(
  ctx: Context,
  manager: EntityManager,
  operation: string,
  entries: ReadonlyArray<{ targetIds: string[]; details?: Record<string, unknown> }>,
): Promise<void> {
  if (entries.length === 0) return;
  await manager.getRepository(AuditLog).insert(
    entries.map(({ targetIds, details }) => ({
      organizationId: ctx.viewer.organizationId,
      apiKeyPrefix: ctx.viewer.keyPrefix,
      operation,
      targetIds,
      details: { requestId: ctx.requestId, ...details },
    })),
  );
}

/** The audit log in the order it was written (ids grow with time), optionally filtered. */
export async function listAuditEntries(ctx: Context, args: AuditLogArgs): Promise<AuditEntryConnection> {
  const organizationId = args.organizationId != null ? parseGlobalId(args.organizationId, 'Organization', 'organizationId') : null;
  const window = listWindow(args, keyOrdering('entry.id'));
  const query = () => {
    const entries = ctx.db.getRepository(AuditLog).createQueryBuilder('entry');
    if (organizationId !== null) entries.andWhere('entry.organizationId = :organizationId', { organizationId });
    if (args.operation != null) entries.andWhere('entry.operation = :operation', { operation: args.operation });
    return entries;
  };
  return readConnection(AuditEntryConnection, query, window);
}
