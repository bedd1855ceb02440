import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import { AuditLog } from './audit-log.entity';

/** Records a mutation in the caller's transaction, so the audit row commits with the change. */
export async function recordAudit(
  ctx: Context,
  manager: EntityManager,
  operation: string,
  targetIds: string[],
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.getRepository(AuditLog).insert({
    organizationId: ctx.viewer.organizationId,
    apiKeyPrefix: ctx.viewer.keyPrefix,
    operation,
    targetIds,
    details: { requestId: ctx.requestId, ...details },
  });
}
