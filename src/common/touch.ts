import type { EntityManager } from 'typeorm';

/** The tables partners mirror with `updatedSince`. */
export type SyncedTable = 'claim' | 'actor' | 'event';

/**
 * Marks rows as changed for sync (`filter.updatedSince`, DESIGN.md). Saving an entity bumps its
 * updated_at by itself; writes that change only a row's links (subjects, events, aliases,
 * participants, relations) or use raw SQL must call this, in the same transaction, so a mirror
 * that pulls "changed since" sees them. now() is the transaction's time, as UpdateDateColumn's.
 */
export async function touchRows(manager: EntityManager, table: SyncedTable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(`UPDATE ${table} SET updated_at = now() WHERE id = ANY($1::bigint[])`, [[...new Set(ids)]]);
}
