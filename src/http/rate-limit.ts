import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Bucket } from '../context';
import { BOOTSTRAP_KEY_PREFIX } from './auth';
import { rateLimited } from '../common/errors';
import { addressOf, keyViewerOf } from './http-request';
import { sendErrors } from './http-errors';
import type { Step } from './step';
import type { Logger } from '../common/logger';
import { fragmentsOf } from '../common/query-limits';
import { measureOperation } from '../common/query-analysis';
import type { Viewer } from '../common/viewer';

/** Whose requests are counted together: an API key's, or a client address's without a key. */

export interface RateLimits {
  /** Counts `points` requests (default 1); returns the seconds to wait when over the limit, else null. */
  take(bucket: Bucket, points?: number): Promise<number | null>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;

/**
 * Fixed one-minute windows (rate-limiter-flexible), counted in this process, or in Redis when
 * `REDIS_URL` is set so that every API process enforces one limit. When Redis cannot be
 * reached, each process counts in memory until it returns (the library's insurance limiter):
 * a Redis outage loosens the limit to one per process; it never stops the API.
 */
export function createRateLimits(config: Config, logger: Logger): RateLimits {
  const redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, logger);
  const limiter = (kind: Bucket['kind'], points: number): RateLimiterAbstract | null => {
    if (points === 0) return null;
    const memory = new RateLimiterMemory({ keyPrefix: kind, points, duration: WINDOW_SECONDS });
    if (redis === undefined) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `verbatim:rate:${kind}`,
      points,
      duration: WINDOW_SECONDS,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const limiters = { key: limiter('key', config.rateLimitPerMinute), address: limiter('address', config.anonymousRateLimitPerMinute) };
  return {
    async take(bucket, points = 1) {
      const limit = limiters[bucket.kind];
      if (limit === null) return null;
      try {
        await limit.consume(bucket.id, points);
        return null;
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
        throw outcome;
      }
    },
    async close() {
      if (redis === undefined) return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function connectRedis(url: string, logger: Logger): Redis {
  // No offline queue: while Redis is away a count fails at once and the memory limiter takes it.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let down = false; // log an outage once, not at every reconnection attempt
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'Redis unreachable: rate limits are counted per process until it returns');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('Redis reachable again: rate limits are shared again');
    down = false;
  });
  return redis;
}

/**
 * Counts each API request against its key's limit, or, without a valid key, its address's
 * (so refused keys count against the address). The bootstrap admin key is not limited: it is
 * the operator's. Over the limit: HTTP 429, `Retry-After`, and RATE_LIMITED.
 */
export function enforceRateLimits(limits: RateLimits): Step {
  return async (_req, res, next) => {
    const bucket = bucketOf(keyViewerOf(res), addressOf(res));
    if (bucket === null) return next();
    const wait = await limits.take(bucket);
    if (wait === null) return next();
    const error = rateLimited(wait);
    res.setHeader('Retry-After', String(wait));
    sendErrors(res, 429, [{ message: error.message, extensions: error.extensions }]);
  };
}

/** Whose limit a request counts against: its key's, else its address's; null for the bootstrap key (unlimited). */
export function bucketOf(keyViewer: Viewer | null, address: string | undefined): Bucket | null {
  if (keyViewer?.keyPrefix === BOOTSTRAP_KEY_PREFIX) return null;
  return keyViewer?.keyPrefix ? { kind: 'key', id: keyViewer.keyPrefix } : { kind: 'address', id: address ?? 'unknown' };
}

/**
 * Each root field of a mutation counts as a request: the HTTP request was counted once on
 * arrival, so a request of n mutations takes n − 1 more. Over the limit, nothing runs.
 */
export function mutationRateLimitPlugin(limits: RateLimits, bucketOfContext: (context: object) => Bucket | null): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const bucket = bucketOfContext(contextValue);
          if (bucket === null) return;
          const { rootFields } = measureOperation(schema, fragmentsOf(document), operation, request.variables ?? {});
          if (rootFields <= 1) return;
          const wait = await limits.take(bucket, rootFields - 1);
          if (wait === null) return;
          const error = rateLimited(wait);
          error.extensions.http = { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) };
          throw error;
        },
      };
    },
  };
}
