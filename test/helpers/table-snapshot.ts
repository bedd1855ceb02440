import type { DataSource } from 'typeorm';

/**
 * Columns a request writes whatever it asks, as bookkeeping of the read itself: a key's
 * `last_used_at` moves on its first use in a minute, refused mutations included.
 */
const READ_BOOKKEEPING: Record<string, string[]> = { api_key: ['last_used_at'] };

/**
 * A fingerprint of every table's contents (each row as text, sorted, hashed): "writes nothing"
 * means this is unchanged, which row counts cannot tell of an UPDATE (an `updated_at` bump, a
 * re-pointed foreign key). The migrations' own bookkeeping is left out, and so are the columns
 * in READ_BOOKKEEPING.
 */
export async function snapshotTables(db: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
  );
  // One statement for every table: the hostile-input runs take a snapshot per request.
  const columns = tables.map(({ name }) => {
    const ignored = (READ_BOOKKEEPING[name] ?? []).map((column) => `'${column}'`).join(', ');
    return `(SELECT count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), ''))
      FROM (SELECT (to_jsonb(t) - ARRAY[${ignored}]::text[])::text AS r FROM "${name}" t) rows) AS "${name}"`;
  });
  const [snapshot] = await db.query<Array<Record<string, string>>>(`SELECT ${columns.join(', ')}`);
  return snapshot;
}
