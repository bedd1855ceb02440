import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from '../../src/common/logger';
import { loadConfig, type Config } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { loadGlobalIdKey } from '../../src/db/global-id-key';
import { startServer, type RunningServer } from '../../src/server';

export const ADMIN_KEY = 'test-bootstrap-admin-key-0123456789';

const ACTOR_AND_EVENT_TABLES = [
  'actor',
  'actor_alias',
  'actor_external_id',
  'actor_relation',
  'actor_relation_evidence',
  'event',
  'place',
  'event_participant',
  'claim_event',
];

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
  extensions?: { sqlStatements?: number };
}

export interface TestApp {
  url: string;
  db: DataSource;
  config: Config;
  /** POSTs a GraphQL request over real HTTP; `key: null` sends no Authorization header. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { key?: string | null },
  ): Promise<GraphQLResponse<T>>;
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * A real server on a random port over a database of its own (created on the PostgreSQL that
 * DATABASE_URL points at, migrated, dropped afterwards), so test files can run in parallel.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    sameDatabaseAs?: TestApp;
    connectVia?: (url: string) => string;
    /** A primary and its streaming replicas (test/replication) instead of DATABASE_URL's server. */
    replicated?: { primary: string; replicas: string[] };
    /** The server logs here instead of nowhere (LOG_LEVEL is silent in tests). */
    logger?: Logger;
    /** Sees every SQL statement the server runs, with its parameters. */
    onQuery?: (sql: string, parameters: unknown[] | undefined) => void;
  } = {},
): Promise<TestApp> {
  const serverUrl = options.replicated?.primary ?? process.env.DATABASE_URL;
  if (serverUrl === undefined) throw new Error('DATABASE_URL is not set: jest globalSetup should have set it');
  // A second API process over the same database (its owner drops it).
  const shared = options.sameDatabaseAs?.config.databaseUrl;
  const databaseName = `verbatim_test_${randomBytes(6).toString('hex')}`;
  if (shared === undefined) await adminQuery(serverUrl, `CREATE DATABASE ${databaseName}`);
  const url = shared ?? withDatabase(serverUrl, databaseName);

  const config = {
    ...loadConfig({
      DATABASE_URL: url,
      VERBATIM_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      VERBATIM_EXPOSE_SQL_COUNT: 'true',
      // Test files send hundreds of requests from one address; the rate-limit tests set their own.
      VERBATIM_RATE_LIMIT_PER_MINUTE: '0',
      VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      ...(options.replicated && {
        DATABASE_REPLICA_URLS: shared
          ? (options.sameDatabaseAs?.config.databaseReplicaUrls ?? []).join(',')
          : options.replicated.replicas.map((replica) => withDatabase(replica, databaseName)).join(','),
      }),
      ...env,
    }),
    port: 0,
  };
  // connectVia: the app reaches the database another way (through a proxy that can be cut).
  const db = createDataSource({
    url: options.connectVia?.(url) ?? url,
    replicaUrls: config.databaseReplicaUrls,
    replicaMaxLagMs: config.replicaMaxLagMs,
    replicaCheckIntervalMs: config.replicaCheckIntervalMs,
    // Five unless the test asks: test files run in parallel on one PostgreSQL.
    poolSize: env.VERBATIM_DB_POOL_SIZE === undefined ? 5 : config.dbPoolSize,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.statementTimeoutMs,
    onQuery: options.onQuery,
  });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  await shareGlobalIdKey(db, shared === undefined);
  let server: RunningServer;
  try {
    server = await startServer({ config, db, logger: options.logger ?? createLogger(config) });
  } catch (error) {
    await db.destroy();
    throw error;
  }

  return {
    url: server.url,
    db,
    config,
    async gql(query, variables, options = {}) {
      const key = options.key === undefined ? ADMIN_KEY : options.key;
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key !== null ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async rowCounts() {
      const tables = [
        'source',
        'article',
        'sentence',
        'audit_log',
        'organization',
        'claim',
        'evidence',
        'claim_subject',
        'claim_revision',
        'api_key',
        ...ACTOR_AND_EVENT_TABLES,
      ];
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
      return counts;
    },
    async close() {
      await server.stop();
      await db.destroy();
      if (shared === undefined) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** One statement on its own connection, as the login role (CREATE/DROP DATABASE and the like). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let processGlobalIdKey: string | undefined;

/**
 * Ids are encoded with one key per process (src/common/global-id.ts), and a test file may run
 * servers over several databases: each fresh database takes the first one's key, so ids stay
 * valid across them, as they would with one database per process in production.
 */
async function shareGlobalIdKey(db: DataSource, fresh: boolean): Promise<void> {
  if (fresh && processGlobalIdKey !== undefined) await db.query(`UPDATE global_id_key SET key = $1`, [processGlobalIdKey]);
  processGlobalIdKey ??= (await db.query<Array<{ key: string }>>(`SELECT key::text AS key FROM global_id_key`))[0].key;
  await loadGlobalIdKey(db);
}
