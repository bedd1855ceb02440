import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface Database {
  dataSource: DataSource;
  /** Whether this process started its own PostgreSQL. */
  embedded: boolean;
  close(): Promise<void>;
}

/** `DATABASE_URL` when set, else an embedded PostgreSQL under the data directory; migrated. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const embedded =
    config.databaseUrl === undefined
      ? await startEmbeddedPostgres({
          dataDir: path.join(config.dataDir, 'pg'),
          databaseName: 'verbatim',
          log: (line) => logger.debug({ postgres: line }),
        })
      : undefined;
  const dataSource = createDataSource({
    url: embedded?.url ?? (config.databaseUrl as string),
    replicaUrls: config.databaseReplicaUrls,
    replicaMaxLagMs: config.replicaMaxLagMs,
    replicaCheckIntervalMs: config.replicaCheckIntervalMs,
    onReplicaChange: (replica, up) =>
      up
        ? logger.info({ replica }, 'replica fit for reads')
        : logger.warn({ replica }, 'replica down or not replaying: reads go elsewhere'),
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger.info({ migration: migration.name }, 'applied migration');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
