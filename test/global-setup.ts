import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';

export interface TestDatabase {
  server: EmbeddedPostgres;
  /** Temporary directory holding the cluster; deleted by the teardown. */
  dir: string;
}

declare global {
  // Jest runs globalSetup and globalTeardown in the same process; this is how they share state.
  var verbatimTestDatabase: TestDatabase | undefined;
}

/**
 * Without DATABASE_URL, starts a throwaway embedded PostgreSQL and exports its URL. This runs
 * outside jest's sandbox, where embedded-postgres (an ES module) could not be loaded, and before
 * the workers are forked, so they inherit DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-test-'));
  // mkdtemp makes it 0700; when running as root, PostgreSQL runs as `postgres` and must get in.
  await fs.chmod(dir, 0o755);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), databaseName: 'verbatim_test' });
    globalThis.verbatimTestDatabase = { server, dir };
    process.env.DATABASE_URL = server.url;
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}
