import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvError, bool, cleanEnv, makeValidator, port, str, url } from 'envalid';

/**
 * The only reader of process.env. Validated once at start; every bad variable is reported
 * together, and the result is frozen.
 */
export interface Config {
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  /** Streaming replicas of `databaseUrl` that read-only requests use (docs/scaling.md); empty: none. */
  databaseReplicaUrls: readonly string[];
  /** A replica whose data is older than this (or that is down) is skipped: reads go to the primary. */
  replicaMaxLagMs: number;
  /** How often each replica's replay position (and whether it answers) is checked. */
  replicaCheckIntervalMs: number;
  /** API processes `npm start` runs (Node cluster), sharing one port; 1: this process serves. */
  workers: number;
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
  /** Root fields of one mutation request; each also counts as a request for the rate limiter. */
  maxMutationsPerRequest: number;
  /** Bytes of leaf values one answer may carry (long texts count by their length). */
  maxResponseBytes: number;
  /** Requests a minute per API key (0: no limit); the bootstrap admin key has none. */
  rateLimitPerMinute: number;
  /**
   * How long a process reuses an API key lookup (0: every request reads api_key). A key revoked
   * through this process is refused from its next request on; through another (a cluster worker,
   * the CLI) within this long.
   */
  apiKeyCacheMs: number;
  /** Requests a minute per client address without a (valid) key (0: no limit). */
  anonymousRateLimitPerMinute: number;
  /** Set: rate limits are counted in this Redis, shared by every API process using it. */
  redisUrl: string | undefined;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client address. */
  trustProxy: boolean | number | string;
  logLevel: string;
  production: boolean;
  /** Serve the GraphiQL explorer on a browser's GET /graphql (`VERBATIM_EXPLORER=false` turns it off). */
  explorer: boolean;
  /** The viewer's and explorer's built assets (`npm run build` writes them to dist/viewer). */
  viewerDir: string;
  /** OpenTelemetry tracing (src/observability/tracing.ts); off unless its standard variables ask for it. */
  tracing: TracingConfig;
}

export interface TracingConfig {
  /** An exporter other than `none` is named, or an OTLP endpoint is set, and OTEL_SDK_DISABLED is not true. */
  enabled: boolean;
  serviceName: string;
}

/** The shortest bootstrap admin key accepted: 32 characters (e.g. `openssl rand -hex 32` gives 64). */
export const MIN_BOOTSTRAP_KEY_LENGTH = 32;

/**
 * Values that have appeared as bootstrap keys in this repository's docs, examples and compose file.
 * Anyone can read them, so they are refused as keys; test/docker/deployment-files.test.ts checks
 * that every key written in the docs is on this list or too short to be accepted.
 */
export const PUBLISHED_EXAMPLE_KEYS: readonly string[] = ['change-me-to-a-long-random-secret'];

/** A refusal by one of the validators below: its message names the rule, never the value. */
class ConfigValueError extends EnvError {}

/** A whole number of at least `min` ("1.5", "-1", "10k" are refused). */
function wholeNumber(min: number) {
  return makeValidator<number>((input) => {
    const value = /^\s*\d+\s*$/.test(input) ? Number(input) : NaN;
    if (!Number.isSafeInteger(value) || value < min) throw new ConfigValueError(`must be a whole number, ${min} or more`);
    return value;
  });
}
const atLeastZero = wholeNumber(0);
const atLeastOne = wholeNumber(1);

/** A bootstrap key grants ADMIN: refuse one that is short or that anyone could read in our docs (never echoed). */
const bootstrapKey = makeValidator<string>((key) => {
  const howToMake = 'make one with `openssl rand -hex 32`';
  if (key.length < MIN_BOOTSTRAP_KEY_LENGTH)
    throw new ConfigValueError(`must be at least ${MIN_BOOTSTRAP_KEY_LENGTH} characters long: ${howToMake}`);
  if (PUBLISHED_EXAMPLE_KEYS.includes(key.trim()))
    throw new ConfigValueError(`is an example value published in Verbatim's docs: ${howToMake}`);
  return key;
});

const replicaUrls = makeValidator<string>((value) => {
  replicaUrlList(value);
  return value;
});

/** Variables whose values may hold a secret: their values never appear in an error. */
const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'VERBATIM_BOOTSTRAP_ADMIN_KEY',
  'DATABASE_REPLICA_URLS',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
]);

/** Every environment variable Verbatim reads, with its default. */
const ENV_SPEC = {
  DATABASE_URL: url({ default: undefined, desc: 'PostgreSQL to use instead of the embedded one' }),
  VERBATIM_DATA_DIR: str({ default: '.verbatim', desc: 'Where the embedded PostgreSQL keeps its data' }),
  PORT: port({ default: 4000 }),
  VERBATIM_BOOTSTRAP_ADMIN_KEY: bootstrapKey({ default: undefined, desc: 'Accepted as an ADMIN key of the operator organisation' }),
  VERBATIM_ANONYMOUS_READ: bool({ default: true }),
  VERBATIM_EXPOSE_SQL_COUNT: bool({ default: false }),
  VERBATIM_DEMO_DATA: bool({ default: undefined }),
  VERBATIM_DB_POOL_SIZE: atLeastOne({ default: 10 }),
  VERBATIM_STATEMENT_TIMEOUT_MS: atLeastZero({ default: 15_000 }),
  VERBATIM_DB_CONNECT_TIMEOUT_MS: atLeastZero({
    default: 5_000,
    desc: 'Wait for a database connection at most this long, then fail (retryable)',
  }),
  VERBATIM_SHUTDOWN_GRACE_MS: atLeastZero({ default: 10_000, desc: 'On SIGTERM, time for requests under way to finish' }),
  VERBATIM_MAX_REQUEST_BYTES: atLeastOne({ default: 5 * 1024 * 1024 }),
  VERBATIM_MAX_QUERY_COST: atLeastOne({ default: 25_000, desc: 'Largest estimated cost of one query (see README)' }),
  VERBATIM_MAX_QUERY_DEPTH: atLeastOne({ default: 12 }),
  VERBATIM_EXPORT_MAX_ROWS: atLeastOne({ default: 1_000_000, desc: 'Records one GET /export/... answer carries at most' }),
  VERBATIM_INGEST_MAX_BYTES: atLeastOne({ default: 256 * 1024 * 1024, desc: 'Bytes one POST /ingest body may carry' }),
  VERBATIM_INGEST_MAX_LINES: atLeastOne({ default: 100_000, desc: 'Lines one POST /ingest body may carry' }),
  VERBATIM_MAX_MUTATIONS_PER_REQUEST: atLeastOne({ default: 20, desc: 'Root mutation fields one request may have' }),
  VERBATIM_MAX_RESPONSE_BYTES: atLeastOne({ default: 16 * 1024 * 1024, desc: 'Bytes of field values one answer may carry' }),
  VERBATIM_RATE_LIMIT_PER_MINUTE: atLeastZero({ default: 1200, desc: 'Requests a minute per API key; 0 turns the limit off' }),
  VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: atLeastZero({ default: 120, desc: 'Requests a minute per client address without a key' }),
  VERBATIM_API_KEY_CACHE_SECONDS: atLeastZero({
    default: 5,
    desc: 'Reuse an API key lookup this long; a key revoked in another process is refused within it (0: no cache)',
  }),
  REDIS_URL: url({ default: undefined, desc: 'Redis holding the rate-limit counters of every API process' }),
  VERBATIM_TRUST_PROXY: str({ default: 'false', desc: 'Express trust proxy: false, true, a hop count, or addresses/subnets' }),
  LOG_LEVEL: str({ default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
  DATABASE_REPLICA_URLS: replicaUrls({ default: '', desc: 'Comma-separated streaming replicas of DATABASE_URL for read-only requests' }),
  VERBATIM_REPLICA_MAX_LAG_MS: atLeastOne({ default: 5_000, desc: 'Skip a replica whose data is older than this' }),
  VERBATIM_REPLICA_CHECK_MS: atLeastOne({ default: 1_000, desc: 'How often replicas are checked (lag, up or down)' }),
  VERBATIM_WORKERS: atLeastOne({ default: 1, desc: 'API processes (Node cluster) sharing the port' }),
  VERBATIM_EXPLORER: bool({ default: true, desc: 'GraphiQL explorer on a browser GET of /graphql' }),
  VERBATIM_VIEWER_DIR: str({ default: undefined, desc: 'Built viewer assets (default: dist/viewer of the project)' }),
  NODE_ENV: str({ default: 'development' }),
  // OpenTelemetry's standard variables: declared here so that they are validated and documented;
  // the SDK reads them itself once tracing is on (docs/operations.md, Tracing).
  OTEL_TRACES_EXPORTER: str({ default: undefined, desc: 'otlp, console, zipkin or none; set (not none): tracing is on' }),
  OTEL_EXPORTER_OTLP_ENDPOINT: url({ default: undefined, desc: 'OTLP collector (e.g. http://localhost:4318); set: tracing is on' }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url({ default: undefined, desc: 'OTLP endpoint for traces only; set: tracing is on' }),
  OTEL_EXPORTER_OTLP_PROTOCOL: str({ default: undefined, choices: ['http/protobuf', 'http/json', 'grpc'] }),
  OTEL_EXPORTER_OTLP_HEADERS: str({ default: undefined, desc: 'Headers sent to the collector (key=value,...), e.g. its token' }),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: str({ default: undefined, desc: 'Headers sent with traces only' }),
  OTEL_SERVICE_NAME: str({ default: 'verbatim', desc: 'service.name of the spans' }),
  OTEL_RESOURCE_ATTRIBUTES: str({ default: undefined, desc: 'Extra resource attributes (key=value,...)' }),
  OTEL_TRACES_SAMPLER: str({ default: undefined, desc: 'e.g. parentbased_traceidratio' }),
  OTEL_TRACES_SAMPLER_ARG: str({ default: undefined, desc: 'The sampler argument, e.g. 0.1' }),
  OTEL_SDK_DISABLED: bool({ default: false, desc: 'true: no tracing whatever else is set' }),
};

/** The names of the variables above (the deployment files may set no other). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ENV_SPEC);

/**
 * The configuration in `env`, validated. Every bad variable is reported in one error (one line
 * each, values of secrets not shown), so a deployment is fixed in one round, not one per variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const raw = cleanEnv(env, ENV_SPEC, {
    reporter: ({ errors }) => {
      for (const [name, error] of Object.entries(errors)) {
        // envalid's own messages quote the value: not for a variable that may hold a secret.
        const message = error instanceof ConfigValueError || !SECRET_VARIABLES.has(name) ? error?.message : 'is invalid';
        problems.push(`${name}: ${message ?? 'is invalid'}`);
      }
    },
  });
  const replicaUrls = problems.every((line) => !line.startsWith('DATABASE_REPLICA_URLS:'))
    ? replicaUrlList(raw.DATABASE_REPLICA_URLS ?? '')
    : [];
  if (replicaUrls.length > 0 && raw.DATABASE_URL === undefined && !problems.some((line) => line.startsWith('DATABASE_URL:'))) {
    problems.push('DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary they replicate); the embedded PostgreSQL has no replicas');
  }
  if (problems.length > 0)
    throw new Error(`Invalid configuration (${problems.length}):\n${problems.map((line) => `  ${line}`).join('\n')}`);
  return Object.freeze({
    databaseUrl: raw.DATABASE_URL,
    databaseReplicaUrls: Object.freeze(replicaUrls),
    replicaMaxLagMs: raw.VERBATIM_REPLICA_MAX_LAG_MS,
    replicaCheckIntervalMs: raw.VERBATIM_REPLICA_CHECK_MS,
    workers: raw.VERBATIM_WORKERS,
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
    maxMutationsPerRequest: raw.VERBATIM_MAX_MUTATIONS_PER_REQUEST,
    maxResponseBytes: raw.VERBATIM_MAX_RESPONSE_BYTES,
    rateLimitPerMinute: raw.VERBATIM_RATE_LIMIT_PER_MINUTE,
    anonymousRateLimitPerMinute: raw.VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
    apiKeyCacheMs: raw.VERBATIM_API_KEY_CACHE_SECONDS * 1000,
    redisUrl: raw.REDIS_URL,
    trustProxy: trustProxySetting(raw.VERBATIM_TRUST_PROXY),
    logLevel: raw.LOG_LEVEL,
    production: raw.NODE_ENV === 'production',
    explorer: raw.VERBATIM_EXPLORER,
    viewerDir: raw.VERBATIM_VIEWER_DIR !== undefined ? path.resolve(raw.VERBATIM_VIEWER_DIR) : path.join(projectRoot(), 'dist', 'viewer'),
    tracing: Object.freeze({
      enabled: tracingEnabled(raw),
      serviceName: raw.OTEL_SERVICE_NAME,
    }),
  });
}

/** "postgres://a/db,postgres://b/db": each a postgres:// or postgresql:// URL, none twice. */
function replicaUrlList(value: string): string[] {
  const urls = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const [index, text] of urls.entries()) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(text);
    } catch {
      parsed = undefined;
    }
    // Not echoed: a URL may hold a password.
    if (parsed === undefined || !['postgres:', 'postgresql:'].includes(parsed.protocol) || parsed.hostname === '') {
      throw new ConfigValueError(`item ${index + 1} is not a postgres:// URL`);
    }
    if (urls.indexOf(text) !== index) throw new ConfigValueError(`item ${index + 1} repeats an earlier one`);
  }
  return urls;
}

/** The folder holding package.json, from src/ (tsx, ts-jest) or dist/src/ (the build) alike. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Tracing is on when OpenTelemetry's own variables ask for an exporter: OTEL_TRACES_EXPORTER names
 * one (not `none`), or, unset, an OTLP endpoint is given (the SDK then exports OTLP).
 */
function tracingEnabled(raw: {
  OTEL_SDK_DISABLED: boolean;
  OTEL_TRACES_EXPORTER?: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}): boolean {
  if (raw.OTEL_SDK_DISABLED) return false;
  const exporters = (raw.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (exporters.length > 0) return !exporters.includes('none');
  return [raw.OTEL_EXPORTER_OTLP_ENDPOINT, raw.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT].some((value) => value !== undefined && value !== '');
}

/** "false"/"true", a hop count, or a list of addresses and subnets, as Express takes them. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
