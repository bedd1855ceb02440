import fs from 'node:fs/promises';
import net from 'node:net';
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
  // The Redis rate-limit tests run when a Redis answers (REDIS_URL, else 127.0.0.1:6379) and are skipped otherwise.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(new URL(redisUrl))) process.env.VERBATIM_TEST_REDIS_URL = redisUrl;
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

function answers(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 6379), url.hostname);
    const done = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
