import fs from 'node:fs/promises';
import type {} from './global-setup'; // for the type of globalThis.verbatimTestDatabase

export default async function globalTeardown(): Promise<void> {
  const database = globalThis.verbatimTestDatabase;
  if (!database) return; // tests ran against an external DATABASE_URL
  globalThis.verbatimTestDatabase = undefined;
  try {
    await database.server.stop();
  } finally {
    await fs.rm(database.dir, { recursive: true, force: true });
  }
}
