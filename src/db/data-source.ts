import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';
import { scopeConnections } from './request-scope';
import { CountingLogger } from './sql-counter';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  onQueryError?: (message: string, query: string) => void;
  onQuery?: (query: string, parameters: unknown[] | undefined) => void;
}

/** The one place a TypeORM DataSource is configured: app, tests and the migration CLI use it. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
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
  return dataSource;
}
