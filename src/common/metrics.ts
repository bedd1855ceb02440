import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for `GET /metrics`: process defaults plus GraphQL operations and errors. */
export function createMetrics(): { registry: Registry; plugin: ApolloServerPlugin } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'verbatim_' });
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
