import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';

/**
 * A PostgreSQL the fault run can stop and start again, on the same data directory and port:
 * `tsx test/load/postgres-process.ts <dataDir> <port>` prints "ready <url>" once it accepts
 * connections and stops PostgreSQL (fast shutdown) on SIGTERM. A separate process because
 * embedded-postgres is an ES module that jest's sandbox cannot load.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, databaseName: 'verbatim_fault', port: Number(port) });
  process.stdout.write(`ready ${server.url}\n`);
  const stop = async (): Promise<void> => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`postgres-process: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
