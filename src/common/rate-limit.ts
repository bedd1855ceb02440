import type { RequestHandler } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { BOOTSTRAP_KEY_PREFIX } from './auth';
import { rateLimited } from './errors';
import { keyViewerOf } from './http-request';
import type { Logger } from './logger';

/** Whose requests are counted together: an API key's, or a client address's without a key. */
export type Bucket = { kind: 'key' | 'address'; id: string };

export interface RateLimits {
  /** Counts one request; returns the seconds to wait when it is over the limit, else null. */
  take(bucket: Bucket): Promise<number | null>;
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
    async take(bucket) {
      const limit = limiters[bucket.kind];
      if (limit === null) return null;
      try {
        await limit.consume(bucket.id);
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
export function enforceRateLimits(limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    const viewer = keyViewerOf(res);
    if (viewer?.keyPrefix === BOOTSTRAP_KEY_PREFIX) return next();
    const bucket: Bucket = viewer?.keyPrefix ? { kind: 'key', id: viewer.keyPrefix } : { kind: 'address', id: req.ip ?? 'unknown' };
    const wait = await limits.take(bucket);
    if (wait === null) return next();
    const error = rateLimited(wait);
    res.setHeader('Retry-After', String(wait));
    res.status(429).json({ errors: [{ message: error.message, extensions: error.extensions }] });
  };
}
