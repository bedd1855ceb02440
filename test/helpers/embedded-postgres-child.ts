import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';

/**
 * `tsx test/helpers/embedded-postgres-child.ts <dataDir> <databaseName> [port]`: starts the
 * module's PostgreSQL as the app would, prints one JSON line `{ url, port, pid }` (pid: the
 * postmaster's), and stops it on SIGTERM. A separate process because embedded-postgres is an ES
 * module jest's sandbox cannot load, and because a test must be able to kill this parent.
 */
async function main(): Promise<void> {
  const [dataDir, databaseName, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, databaseName, port: port === undefined ? undefined : Number(port) });
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, pid })}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
