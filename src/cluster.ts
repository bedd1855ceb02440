import cluster, { type Worker } from 'node:cluster';
import { ensureOperatorOrganization } from './http/auth';
import type { Logger } from './common/logger';
import type { Config } from './config';
import { createSystemContext } from './context';
import { openDatabase } from './db/database';
import { loadDemoData } from './demo/load-demo';
import type { Tracing } from './observability/tracing';

/**
 * `VERBATIM_WORKERS=N npm start`: this process prepares the database once (starts the embedded
 * PostgreSQL if there is no DATABASE_URL, migrates, loads the demo data), then runs N API
 * processes (Node cluster) that share the port and hold no state of their own: rate limits are
 * shared through Redis (REDIS_URL), everything else lives in PostgreSQL. A worker that dies is
 * replaced; SIGTERM drains every worker, then stops the database.
 */
export async function runCluster(config: Config, logger: Logger, tracing: Tracing): Promise<void> {
  if (config.redisUrl === undefined) {
    logger.warn(
      { workers: config.workers },
      'No REDIS_URL: each worker counts rate limits on its own, so a key gets up to workers × the limit',
    );
  }
  const database = await openDatabase(config, logger);
  if (config.loadDemoData) {
    const db = database.dataSource;
    const loaded = await loadDemoData(createSystemContext(db, config, await ensureOperatorOrganization(db), 'demo'));
    if (Object.values(loaded).some((count) => count > 0)) logger.info(loaded, 'loaded demo data');
  }
  // The workers use this server (the embedded one, too), already migrated and loaded.
  const workerEnv = { DATABASE_URL: database.url, VERBATIM_DEMO_DATA: 'false' };
  let stopping = false;
  let announced = false;
  const start = (): Worker => {
    const worker = cluster.fork(workerEnv);
    worker.on('listening', (address) => {
      if (announced) return;
      announced = true;
      process.stdout.write(`\nVerbatim GraphQL API: http://localhost:${address.port}/graphql (${config.workers} workers)\n\n`);
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker exited: starting another');
    setTimeout(start, 1_000).unref(); // not in a tight loop if workers keep failing at start
  });
  for (let i = 0; i < config.workers; i++) start();

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 15_000).unref();
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM'); // each drains its requests and closes its pool
          }),
      ),
    );
    await database.close();
    await tracing.shutdown();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
