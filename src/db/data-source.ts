import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';
import { attachReplicas } from './read-routing';
import { scopeConnections } from './request-scope';
import { CountingLogger } from './sql-counter';

export interface DataSourceOptions {
  url: string;
  /** Streaming replicas of `url` for read-only requests (src/db/read-routing.ts); each gets a pool of `poolSize`. */
  replicaUrls?: readonly string[];
  replicaMaxLagMs?: number;
  replicaCheckIntervalMs?: number;
  /** Told when a replica goes down or comes back. */
  onReplicaChange?: (name: string, up: boolean) => void;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  onQueryError?: (message: string, query: string) => void;
  onQuery?: (query: string, parameters: unknown[] | undefined) => void;
}

/** The one place a TypeORM DataSource is configured: app, tests and the migration CLI use it. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const replicaUrls = options.replicaUrls ?? [];
  const dataSource = new DataSource({
    type: 'postgres',
    // With replicas, TypeORM keeps a pool per server; `defaultMode: 'master'` keeps the plain data
    // source on the primary: only a request's routed view (read-routing.ts) reads from replicas.
    ...(replicaUrls.length === 0
      ? { url: options.url }
      : { replication: { master: { url: options.url }, slaves: replicaUrls.map((url) => ({ url })), defaultMode: 'master' as const } }),
    entities,
    migrations: [path.join(__dirname, 'migrations', '*-*.{ts,js}')],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logger: new CountingLogger(options.onQueryError, options.onQuery),
    extra: {
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // Fail fast, and retryably, when PostgreSQL is away or every connection is busy; pg-pool
      // replaces lost connections with new ones, so service resumes on its own when it returns.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      keepAlive: true,
      application_name: 'verbatim',
    },
  });
  scopeConnections(dataSource);
  if (replicaUrls.length > 0) {
    attachReplicas(dataSource, {
      maxLagMs: options.replicaMaxLagMs ?? 5_000,
      checkIntervalMs: options.replicaCheckIntervalMs ?? 1_000,
      onChange: (replica) => options.onReplicaChange?.(replica.name, replica.up),
    });
  }
  return dataSource;
}
