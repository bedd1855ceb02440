import type { Client, QueryResult } from 'pg';
import type { DataSource, Migration } from 'typeorm';
import { installGlobalIdKey, type LegacyIdLimits } from '../common/global-id';

/**
 * Reads the key of global ids and cursors (table global_id_key, made by its migration) and
 * installs it in src/common/global-id.ts. Runs as the login role: the request role may not read
 * the table. Every process that makes or reads ids calls it once, after the migrations.
 */
export async function loadGlobalIdKey(db: DataSource | Client): Promise<void> {
  const result: unknown = await (db as { query(sql: string): Promise<unknown> }).query(
    `SELECT key::text AS key, legacy_row_id_limits FROM global_id_key WHERE id = 1`,
  );
  // A DataSource answers rows, a pg client a result holding them.
  const rows = (Array.isArray(result) ? result : (result as QueryResult).rows) as Array<{
    key: string;
    legacy_row_id_limits: LegacyIdLimits;
  }>;
  if (rows.length === 0) throw new Error('The global id key is missing: table global_id_key has no row (run the migrations)');
  installGlobalIdKey(Buffer.from(rows[0].key.replace(/-/g, ''), 'hex'), rows[0].legacy_row_id_limits);
}

/** The migrations, then the global id key: what every process does with its database before anything else. */
export async function migrateDatabase(db: DataSource): Promise<Migration[]> {
  const applied = await db.runMigrations({ transaction: 'each' });
  await loadGlobalIdKey(db);
  return applied;
}
