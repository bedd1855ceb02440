import type { IncomingMessage } from 'node:http';
import type { TracingConfig } from '../config';

/** What the server keeps of the tracing SDK: a way to flush and stop it on shutdown. */
export interface Tracing {
  enabled: boolean;
  /** Exports the spans still buffered, then stops; resolves (never rejects) within `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
}

const TRACING_OFF: Tracing = { enabled: false, shutdown: async () => undefined };

/** Names the HTTP span of the request under way after its route; set while tracing is on. */
let routeNamer: ((route: string) => void) | undefined;

/**
 * Gives the current request's HTTP span its route (`POST /graphql`, attribute `http.route`), as the
 * Express instrumentation does for the routes Express serves: for requests that bypass Express
 * (server.ts's plain chain). Nothing when tracing is off.
 */
export function nameHttpRoute(route: string): void {
  routeNamer?.(route);
}

/**
 * Query parameters of an incoming request whose values never reach a span: a GET /graphql carries
 * the document and its variables there, and a text or key must not end up in a trace store.
 */
const REDACTED_QUERY_PARAMETERS = ['query', 'variables', 'extensions', 'key', 'api_key', 'token', 'access_token', 'sig', 'signature'];

/** Probes answered many times a minute: no span, so traces show requests. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts OpenTelemetry tracing (HTTP, Express, pg and GraphQL spans) when `config.enabled`.
 * Must run before express, pg and graphql are first required: the instrumentations patch them as
 * they load. Off, nothing of OpenTelemetry is loaded (the SDK is required only here, on demand).
 * The exporter, endpoint, protocol, headers and sampler come from OpenTelemetry's standard variables,
 * which the SDK reads itself. Spans carry no header values (none is captured, so no Authorization),
 * no GraphQL variables or literal values (`allowValues: false`), no SQL parameters.
 */
export function startTracing(config: TracingConfig): Tracing {
  if (!config.enabled) return TRACING_OFF;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, so tracing off costs nothing */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    instrumentations: [
      new HttpInstrumentation({
        redactedQueryParamsServer: REDACTED_QUERY_PARAMETERS,
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new GraphQLInstrumentation({ allowValues: false, ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
    // Traces only: metrics are Prometheus' (/metrics), logs are pino's on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api'); // eslint-disable-line @typescript-eslint/no-require-imports
  const core = require('@opentelemetry/core') as typeof import('@opentelemetry/core'); // eslint-disable-line @typescript-eslint/no-require-imports
  routeNamer = (route) => {
    const metadata = core.getRPCMetadata(api.context.active());
    if (metadata?.type === core.RPCType.HTTP) metadata.route = route;
  };
  return {
    enabled: true,
    shutdown: async (timeoutMs = 5_000) => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      // An unreachable collector must not hold up (or fail) the shutdown.
      await Promise.race([sdk.shutdown().catch(() => undefined), timeout]);
    },
  };
}
