import path from 'node:path';
import { bool, cleanEnv, num, port, str, url } from 'envalid';

/**
 * The only reader of process.env. Validated once at start; every bad variable is reported
 * together, and the result is frozen.
 */
export interface Config {
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  bootstrapAdminKey: string | undefined;
  anonymousRead: boolean;
  exposeSqlCount: boolean;
  /** Load the demo articles into an empty database (default: only on the embedded server). */
  loadDemoData: boolean;
  dbPoolSize: number;
  statementTimeoutMs: number;
  /** How long a request waits for a database connection (a new one, or a free one from the pool) before failing. */
  dbConnectTimeoutMs: number;
  /** On SIGTERM, how long requests under way get to finish. */
  shutdownGraceMs: number;
  maxRequestBytes: number;
  maxQueryCost: number;
  maxQueryDepth: number;
  /** An export over HTTP ends after this many records (narrow the filter, or page with updatedSince). */
  exportMaxRows: number;
  /** POST /ingest: the most bytes and lines one request body may carry, and the most bytes of one line. */
  ingestMaxBytes: number;
  ingestMaxLines: number;
  /** Requests a minute per API key (0: no limit); the bootstrap admin key has none. */
  rateLimitPerMinute: number;
  /** Requests a minute per client address without a (valid) key (0: no limit). */
  anonymousRateLimitPerMinute: number;
  /** Set: rate limits are counted in this Redis, shared by every API process using it. */
  redisUrl: string | undefined;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client address. */
  trustProxy: boolean | number | string;
  logLevel: string;
  production: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = cleanEnv(env, {
    DATABASE_URL: url({ default: undefined, desc: 'PostgreSQL to use instead of the embedded one' }),
    VERBATIM_DATA_DIR: str({ default: '.verbatim', desc: 'Where the embedded PostgreSQL keeps its data' }),
    PORT: port({ default: 4000 }),
    VERBATIM_BOOTSTRAP_ADMIN_KEY: str({ default: undefined, desc: 'Accepted as an ADMIN key of the operator organisation' }),
    VERBATIM_ANONYMOUS_READ: bool({ default: true }),
    VERBATIM_EXPOSE_SQL_COUNT: bool({ default: false }),
    VERBATIM_DEMO_DATA: bool({ default: undefined }),
    VERBATIM_DB_POOL_SIZE: num({ default: 10 }),
    VERBATIM_STATEMENT_TIMEOUT_MS: num({ default: 15_000 }),
    VERBATIM_DB_CONNECT_TIMEOUT_MS: num({
      default: 5_000,
      desc: 'Wait for a database connection at most this long, then fail (retryable)',
    }),
    VERBATIM_SHUTDOWN_GRACE_MS: num({ default: 10_000, desc: 'On SIGTERM, time for requests under way to finish' }),
    VERBATIM_MAX_REQUEST_BYTES: num({ default: 5 * 1024 * 1024 }),
    VERBATIM_MAX_QUERY_COST: num({ default: 25_000, desc: 'Largest estimated cost of one query (see README)' }),
    VERBATIM_MAX_QUERY_DEPTH: num({ default: 12 }),
    VERBATIM_EXPORT_MAX_ROWS: num({ default: 1_000_000, desc: 'Records one GET /export/... answer carries at most' }),
    VERBATIM_INGEST_MAX_BYTES: num({ default: 256 * 1024 * 1024, desc: 'Bytes one POST /ingest body may carry' }),
    VERBATIM_INGEST_MAX_LINES: num({ default: 100_000, desc: 'Lines one POST /ingest body may carry' }),
    VERBATIM_RATE_LIMIT_PER_MINUTE: num({ default: 1200, desc: 'Requests a minute per API key; 0 turns the limit off' }),
    VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: num({ default: 120, desc: 'Requests a minute per client address without a key' }),
    REDIS_URL: url({ default: undefined, desc: 'Redis holding the rate-limit counters of every API process' }),
    VERBATIM_TRUST_PROXY: str({ default: 'false', desc: 'Express trust proxy: false, true, a hop count, or addresses/subnets' }),
    LOG_LEVEL: str({ default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
    NODE_ENV: str({ default: 'development' }),
  });
  if (raw.VERBATIM_BOOTSTRAP_ADMIN_KEY !== undefined && raw.VERBATIM_BOOTSTRAP_ADMIN_KEY.length < 16) {
    throw new Error('VERBATIM_BOOTSTRAP_ADMIN_KEY must be at least 16 characters long');
  }
  for (const name of ['VERBATIM_RATE_LIMIT_PER_MINUTE', 'VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE'] as const) {
    if (!Number.isInteger(raw[name]) || raw[name] < 0) throw new Error(`${name} must be a whole number, 0 or more`);
  }
  return Object.freeze({
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.VERBATIM_DATA_DIR),
    port: raw.PORT,
    bootstrapAdminKey: raw.VERBATIM_BOOTSTRAP_ADMIN_KEY,
    anonymousRead: raw.VERBATIM_ANONYMOUS_READ,
    exposeSqlCount: raw.VERBATIM_EXPOSE_SQL_COUNT,
    loadDemoData: raw.VERBATIM_DEMO_DATA ?? raw.DATABASE_URL === undefined,
    dbPoolSize: raw.VERBATIM_DB_POOL_SIZE,
    statementTimeoutMs: raw.VERBATIM_STATEMENT_TIMEOUT_MS,
    dbConnectTimeoutMs: raw.VERBATIM_DB_CONNECT_TIMEOUT_MS,
    shutdownGraceMs: raw.VERBATIM_SHUTDOWN_GRACE_MS,
    maxRequestBytes: raw.VERBATIM_MAX_REQUEST_BYTES,
    maxQueryCost: raw.VERBATIM_MAX_QUERY_COST,
    maxQueryDepth: raw.VERBATIM_MAX_QUERY_DEPTH,
    exportMaxRows: raw.VERBATIM_EXPORT_MAX_ROWS,
    ingestMaxBytes: raw.VERBATIM_INGEST_MAX_BYTES,
    ingestMaxLines: raw.VERBATIM_INGEST_MAX_LINES,
    rateLimitPerMinute: raw.VERBATIM_RATE_LIMIT_PER_MINUTE,
    anonymousRateLimitPerMinute: raw.VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
    redisUrl: raw.REDIS_URL,
    trustProxy: trustProxySetting(raw.VERBATIM_TRUST_PROXY),
    logLevel: raw.LOG_LEVEL,
    production: raw.NODE_ENV === 'production',
  });
}

/** "false"/"true", a hop count, or a list of addresses and subnets, as Express takes them. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
