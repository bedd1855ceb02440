import 'reflect-metadata';
// First: tracing (when its variables turn it on) must patch http, express, pg and graphql before they load.
import { tracing } from './observability/start-tracing';
import cluster from 'node:cluster';
import { runCluster } from './cluster';
import { ensureOperatorOrganization } from './http/auth';
import { createLogger } from './common/logger';
import { loadConfig } from './config';
import { createSystemContext } from './context';
import { openDatabase } from './db/database';
import { loadDemoData } from './demo/load-demo';
import { startServer } from './server';

/**
 * `npm start`: config → database (embedded or DATABASE_URL) → migrations → demo data → server.
 * With VERBATIM_WORKERS > 1 this process prepares the database and runs the servers as workers (src/cluster.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (tracing.enabled) logger.info({ serviceName: config.tracing.serviceName }, 'OpenTelemetry tracing is on');
  if (config.workers > 1 && cluster.isPrimary) return runCluster(config, logger, tracing);
  const database = await openDatabase(config, logger);
  const db = database.dataSource;

  if (config.loadDemoData) {
    const organizationId = await ensureOperatorOrganization(db);
    const loaded = await loadDemoData(createSystemContext(db, config, organizationId, 'demo'));
    if (Object.values(loaded).some((count) => count > 0)) logger.info(loaded, 'loaded demo data');
  }

  const server = await startServer({ config, db, logger });
  logger.info({ url: server.url, embeddedPostgres: database.embedded }, 'Verbatim is ready');
  if (cluster.isPrimary) process.stdout.write(`\nVerbatim GraphQL API: ${server.url}\n\n`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and stopping');
    // Should anything hang past the grace period, exit anyway: PostgreSQL's own recovery keeps committed rows.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 10_000).unref();
    await server.stop(); // /readyz says 503, no new connections, requests under way finish
    await database.close(); // then the pool, then the embedded PostgreSQL (a fast shutdown: a checkpoint)
    await tracing.shutdown(); // the spans still buffered go to the collector
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Verbatim could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
