import type { DataSource } from 'typeorm';

/**
 * A fingerprint of every table's contents (each row as text, sorted, hashed): "writes nothing"
 * means this is unchanged, which row counts cannot tell of an UPDATE (an `updated_at` bump, a
 * re-pointed foreign key). The migrations' own bookkeeping is left out.
 */
export async function snapshotTables(db: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
  );
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
    );
    snapshot[name] = `${row.n}:${row.hash}`;
  }
  return snapshot;
}
