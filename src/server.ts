import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express from 'express';
import type { DataSource } from 'typeorm';
import { exportRoute } from './exports/export.route';
import { ingestRoute } from './ingest/ingest.route';
import { ensureOperatorOrganization } from './http/auth';
import { formatError, isClientError } from './common/error-format';
import { httpErrorHandler, methodNotAllowed, routeNotFound } from './http/http-errors';
import { addressOf, assignRequestId, identifyViewer, keyViewerOf, logServerFaults, requestIdOf, viewerOf } from './http/http-request';
import { graphqlHandler } from './http/graphql-handler';
import { isPlainJsonPost, readJsonBody } from './http/json-body';
import { chain, type Step } from './http/step';
import { documentNestingGuard } from './common/document-guard';
import { inputGuardPlugin } from './common/input-guard';
import { queryLimitsPlugin } from './common/query-limits';
import { responseBudget } from './common/response-budget';
import type { Logger } from './common/logger';
import { createMetrics } from './http/metrics';
import { observeContext, requestLog } from './http/request-log';
import { databaseOutagePlugin } from './http/outage-plugin';
import { bucketOf, createRateLimits, enforceRateLimits, mutationRateLimitPlugin } from './http/rate-limit';
import { readRoutingPlugin } from './http/read-routing-plugin';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { replicaSetOf } from './db/read-routing';
import { redisSharedWrites } from './db/shared-writes';
import { anyScopeDataSource } from './db/request-scope';
import { countSqlStatements, sqlStatementsSoFar } from './db/sql-counter';
import { buildVerbatimSchema } from './schema';
import { nameHttpRoute } from './observability/tracing';
import { viewerRoutes } from './viewer/viewer.routes';

const MAX_QUERY_TOKENS = 20_000;

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** HTTP routes and the GraphQL endpoint, listening on `config.port` (0: any free port). */
export async function startServer(deps: { config: Config; db: DataSource; logger: Logger }): Promise<RunningServer> {
  const { config, db, logger } = deps;
  const operatorOrganizationId = await ensureOperatorOrganization(db);
  const replicas = replicaSetOf(db);
  const sharedWrites = replicas !== undefined && config.redisUrl !== undefined ? redisSharedWrites(config.redisUrl, logger) : undefined;
  if (sharedWrites !== undefined) replicas?.shareWrites(sharedWrites);
  const metrics = createMetrics(db, replicas);
  const rateLimits = metrics.countRefusals(createRateLimits(config, logger));
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send answers (GraphQL's are POSTs, never revalidated): no copy and SHA-1 of every
  // body, and a small answer leaves in one write with its headers. Static files keep theirs.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  // What every request goes through first, in Express and in the plain chain alike.
  const edge: Step[] = [assignRequestId(config.trustProxy), requestLog(logger, metrics.observeRequest), logServerFaults(logger)];
  app.use(...edge);
  const httpServer = createServer();

  const schema = await buildVerbatimSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    // Parsing is work done before any limit applies: a document gets this many tokens at most
    // (a real query has hundreds; inputs travel as variables, not tokens).
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: it drains this server, then closes the database (and the embedded server).
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [
      // On stop: no new connections; requests under way get this long to finish.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      // No field sets cache hints, yet the default cacheControl plugin wraps every resolver (STACK-NOTES 17).
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its code from a CDN; the explorer (src/viewer) is served locally.
      ApolloServerPluginLandingPageDisabled(),
      inputGuardPlugin,
      queryLimitsPlugin(schema, {
        maxCost: config.maxQueryCost,
        maxDepth: config.maxQueryDepth,
        maxMutationFields: config.maxMutationsPerRequest,
      }),
      mutationRateLimitPlugin(rateLimits, (context) => (context as Context).rateBucket ?? null),
      responseBudget(schema, config.maxResponseBytes),
      errorLoggingPlugin(logger),
      databaseOutagePlugin,
      metrics.plugin,
      ...(replicas !== undefined ? [readRoutingPlugin(replicas)] : []),
      ...(config.exposeSqlCount ? [sqlCountPlugin] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  let stopping = false;
  app.get('/readyz', async (_req, res) => {
    // While draining, load balancers should send new requests elsewhere.
    if (stopping) return void res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Who is asking, then whether they may ask again so soon: before any body is read.
  // The key lookup reads the same in any scope: it leaves pooled connections in the scope they are in.
  const guard = [identifyViewer(anyScopeDataSource(db), config, operatorOrganizationId), enforceRateLimits(rateLimits)];
  app.get('/export/:file', ...guard, exportRoute({ db, config, logger }));
  app.post('/ingest', ...guard, ingestRoute({ db, config, logger, schema }));
  app.use(viewerRoutes(config));
  const graphql: Step[] = [
    documentNestingGuard(MAX_QUERY_TOKENS),
    // The per-request count costs an AsyncLocalStorage around every request: only when asked for.
    ...(config.exposeSqlCount ? ([(_req, _res, next) => countSqlStatements(() => next())] satisfies Step[]) : []),
    graphqlHandler(apollo, async (_req, res): Promise<Context> => {
      const ctx = { ...createContext(db, config, viewerOf(res), requestIdOf(res)), rateBucket: bucketOf(keyViewerOf(res), addressOf(res)) };
      observeContext(res, ctx); // the request log's operation, errors and SQL count
      return ctx;
    }),
  ];
  const bodyLimit = config.maxRequestBytes;
  app.use(
    '/graphql',
    cors(),
    methodNotAllowed(['GET', 'POST', 'OPTIONS'], { passAllowed: true }),
    ...guard,
    express.json({ limit: bodyLimit }),
    ...graphql,
  );
  // cors() answers a simple request with only this header.
  const anyOrigin: Step = (_req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    next();
  };
  // Tracing names the HTTP span after the route, as its Express instrumentation would.
  const route: Step = (_req, _res, next) => {
    nameHttpRoute('/graphql');
    next();
  };
  const graphqlChain = chain([route, ...edge, anyOrigin, ...guard, readJsonBody(bodyLimit), ...graphql], httpErrorHandler(logger));
  // Known routes with a method they do not serve, then anything else: JSON errors, not Express's HTML page.
  app.all('/export/:file', methodNotAllowed(['GET']));
  app.all(['/healthz', '/readyz', '/metrics'], methodNotAllowed(['GET']));
  app.use(routeNotFound());
  app.use(httpErrorHandler(logger));
  // The hot route, POST /graphql with a JSON body, runs the same steps without Express (step.ts);
  // every other request, and that route's unusual cases (json-body.ts), go through Express.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isPlainJsonPost(req, '/graphql')) graphqlChain(req, res);
    else void app(req, res);
  });
  await listen(httpServer, config.port);

  const port = (httpServer.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    async stop() {
      stopping = true;
      await apollo.stop();
      await rateLimits.close();
      await sharedWrites?.close();
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Logs faults of ours (masked for the client) with the request id a user can quote. */
function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isClientError(error))
              logger.error({ err: error.originalError ?? error, requestId: contextValue?.requestId }, 'request failed');
          }
        },
      };
    },
    // A fault outside the pipeline's error handling (a plugin hook, serialising the answer): Apollo masks it as a 500.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      logger.error({ err: error, requestId: requestContext.contextValue?.requestId }, 'request failed unexpectedly');
    },
  };
}

/** `VERBATIM_EXPOSE_SQL_COUNT`: every response tells how many SQL statements it cost. */
const sqlCountPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: sqlStatementsSoFar() ?? 0 };
        }
      },
    };
  },
};
