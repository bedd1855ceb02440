import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateDatabase } from './global-id-key';

export interface Database {
  dataSource: DataSource;
  /** Whether this process started its own PostgreSQL. */
  embedded: boolean;
  /** The primary's URL (the embedded server's, when it is one): what other API processes connect to. */
  url: string;
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
  const url: string = embedded?.url ?? config.databaseUrl ?? '';
  const dataSource = createDataSource({
    url,
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
    const applied = await migrateDatabase(dataSource);
    for (const migration of applied) logger.info({ migration: migration.name }, 'applied migration');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    url,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
