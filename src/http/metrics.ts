import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ReplicaSet } from '../db/read-replicas';
import type { RateLimits } from './rate-limit';
import { recordOf, type FinishedRequest } from './request-log';

/** A pg-pool's counters (what `/metrics` reads of each pool). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Distinct GraphQL operation names given their own label value; later names count as `<other>`. */
export const MAX_OPERATION_NAMES = 100;

export interface Metrics {
  registry: Registry;
  /** Operation name, type and error codes of each GraphQL request (into its RequestRecord, and the GraphQL series). */
  plugin: ApolloServerPlugin;
  /** Called by requestLog when a request ends: the HTTP and SQL series. */
  observeRequest(this: void, request: FinishedRequest): void;
  /** The same limits, each refusal counted. */
  countRefusals(limits: RateLimits): RateLimits;
}

/**
 * Prometheus metrics for `GET /metrics`: process defaults, HTTP requests by route, GraphQL
 * operations by name and type, errors by code, SQL statements per request, the connection
 * pools, rate-limit refusals (and replicas, if any). docs/operations.md lists every series.
 */
export function createMetrics(db: DataSource, replicas?: ReplicaSet): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'verbatim_' });
  if (replicas !== undefined) replicaMetrics(registry, replicas);
  poolMetrics(registry, db);
  const http = new Histogram({
    name: 'verbatim_http_request_seconds',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const operations = new Histogram({
    name: 'verbatim_graphql_operation_seconds',
    help: 'GraphQL operations by name (<anonymous>, <invalid> when it did not parse or validate, <other> past the first 100 names) and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'verbatim_errors_total',
    help: 'Errors answered, by extensions.code and route',
    labelNames: ['code', 'route'] as const,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'verbatim_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const sql = new Histogram({
    name: 'verbatim_sql_statements_per_request',
    help: 'SQL statements one request ran, by route',
    labelNames: ['route'] as const,
    buckets: [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 500, 2000],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'verbatim_rate_limit_refusals_total',
    help: 'Requests (or mutations) refused with RATE_LIMITED, by bucket kind (key, address)',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const knownNames = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (name === undefined) return '<anonymous>';
    if (knownNames.has(name)) return name;
    if (knownNames.size >= MAX_OPERATION_NAMES) return '<other>';
    knownNames.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart({ contextValue }) {
      const stop = operations.startTimer();
      let resolved = false;
      return {
        async didResolveOperation() {
          resolved = true;
        },
        async willSendResponse({ operation, errors: encountered }) {
          const type = operation?.operation ?? 'unknown';
          stop({ operation: resolved ? operationLabel(operation?.name?.value) : '<invalid>', type });
          const record = recordOf(contextValue);
          if (record !== undefined) {
            record.operationName = operation?.name?.value;
            record.operationType = operation?.operation;
          }
          for (const error of encountered ?? []) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
            graphqlErrors.inc({ code });
            record?.errorCodes.push(code);
          }
        },
      };
    },
  };

  return {
    registry,
    plugin,
    observeRequest({ record, method, status, seconds }) {
      http.observe({ route: record.route, method, status: String(status) }, seconds);
      if (record.sql !== undefined) sql.observe({ route: record.route }, record.sql.statements);
      for (const code of record.errorCodes) errors.inc({ code, route: record.route });
    },
    countRefusals(limits) {
      return {
        async take(bucket, points) {
          const wait = await limits.take(bucket, points);
          if (wait !== null) refusals.inc({ bucket: bucket.kind });
          return wait;
        },
        close: () => limits.close(),
      };
    },
  };
}

/** Read at each scrape: each pool's connections (open, idle, and requests waiting for one). */
function poolMetrics(registry: Registry, db: DataSource): void {
  const pools = (): Array<[string, PoolCounts]> => {
    const driver = db.driver as unknown as { master?: PoolCounts; slaves?: PoolCounts[] };
    return [
      ...(driver.master !== undefined ? [['primary', driver.master] as [string, PoolCounts]] : []),
      ...(driver.slaves ?? []).map((pool, index): [string, PoolCounts] => [`replica ${index + 1}`, pool]),
    ];
  };
  const gauge = (name: string, help: string, read: (pool: PoolCounts) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        for (const [pool, counts] of pools()) this.set({ pool }, read(counts));
      },
    });
  gauge('verbatim_db_pool_connections', 'Connections the pool holds open', (pool) => pool.totalCount);
  gauge('verbatim_db_pool_idle_connections', 'Open connections no request is using', (pool) => pool.idleCount);
  gauge('verbatim_db_pool_waiting_requests', 'Checkouts waiting for a free connection', (pool) => pool.waitingCount);
}

/** Read at each scrape: where connections were checked out, and each replica's state. */
function replicaMetrics(registry: Registry, replicas: ReplicaSet): void {
  new Gauge({
    name: 'verbatim_db_checkouts',
    help: 'Connections checked out by requests since start, by server (primary, replica N)',
    labelNames: ['server'] as const,
    registers: [registry],
    collect() {
      for (const [server, count] of replicas.checkouts) this.set({ server }, count);
    },
  });
  new Gauge({
    name: 'verbatim_replica_up',
    help: 'Whether the replica answered the last check as a replaying standby',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      for (const replica of replicas.replicas) this.set({ replica: replica.name }, replica.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'verbatim_replica_staleness_seconds',
    help: 'How old the replica data was at the last check (-1: unknown)',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      for (const r of replicas.replicas) this.set({ replica: r.name }, Number.isFinite(r.stalenessMs) ? r.stalenessMs / 1000 : -1);
    },
  });
}
