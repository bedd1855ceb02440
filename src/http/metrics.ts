import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReplicaSet } from '../db/read-replicas';

/** Prometheus metrics for `GET /metrics`: process defaults plus GraphQL operations and errors (and replicas, if any). */
export function createMetrics(replicas?: ReplicaSet): { registry: Registry; plugin: ApolloServerPlugin } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'verbatim_' });
  if (replicas !== undefined) replicaMetrics(registry, replicas);
  const operations = new Histogram({
    name: 'verbatim_graphql_operation_seconds',
    help: 'GraphQL operations by type (query, mutation)',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'verbatim_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = operations.startTimer();
      return {
        async willSendResponse({ operation, errors: encountered }) {
          stop({ type: operation?.operation ?? 'unknown' });
          for (const error of encountered ?? [])
            errors.inc({ code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR' });
        },
      };
    },
  };
  return { registry, plugin };
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
