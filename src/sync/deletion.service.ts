import type { EntityManager } from 'typeorm';
import { onlyVisibleClaims } from '../access/claim-visibility';
import { Visibility } from '../claims/claim.entity';
import type { ConnectionArgs } from '../common/connection';
import { keyOrdering, listWindow, readConnection } from '../common/list-query';
import type { Context } from '../context';
import { Deletion, DeletionKind } from './deletion.entity';
import { DeletionConnection } from './deletion.types';

export interface DeletionRecord {
  kind: DeletionKind;
  nodeId: string;
  replacedBy?: string;
  reason?: string | null;
  /** For entries about a claim: who may see it. */
  claim?: { visibility: Visibility; organizationId: string };
}

/** Records deletions in the caller's transaction, so the feed and the change commit together; returns their ids. */
export async function recordDeletions(manager: EntityManager, records: DeletionRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const inserted = await manager.getRepository(Deletion).insert(
    records.map((record) => ({
      kind: record.kind,
      nodeId: record.nodeId,
      replacedBy: record.replacedBy ?? null,
      reason: record.reason ?? null,
      visibility: record.claim?.visibility ?? Visibility.PUBLIC,
      organizationId: record.claim?.organizationId ?? null,
    })),
  );
  return inserted.identifiers.map((identifier) => String(identifier.id));
}

/** The feed since a time, oldest first, with the claim visibility rule applied to entries about claims. */
export async function listDeletions(ctx: Context, since: Date, args: ConnectionArgs): Promise<DeletionConnection> {
  const query = () =>
    onlyVisibleClaims(
      ctx.db.getRepository(Deletion).createQueryBuilder('deletion').where('deletion.at >= :since', { since }),
      ctx.viewer,
      'deletion',
    );
  return readConnection(DeletionConnection, query, listWindow(args, keyOrdering('deletion.id')));
}
