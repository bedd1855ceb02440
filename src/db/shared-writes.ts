import { Redis } from 'ioredis';
import type { Logger } from '../common/logger';

/**
 * Where each API key's last write ended in the primary's WAL, shared by every API process
 * through Redis, so that a key that writes through one process and reads through another
 * still reads its writes (src/db/read-replicas.ts).
 */
export interface SharedWrites {
  /** The last write's position, if recent; throws when Redis cannot be asked. */
  get(writer: string): Promise<bigint | undefined>;
  set(writer: string, lsn: bigint, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

export function redisSharedWrites(url: string, logger: Logger): SharedWrites {
  // Fail fast while Redis is away: the reader then goes to the primary, which always has the write.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 500 });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'Redis unreachable: reads of keys that wrote recently go to the primary');
    down = true;
  });
  redis.on('ready', () => (down = false));
  const name = (writer: string): string => `verbatim:write-lsn:${writer}`;
  return {
    async get(writer) {
      const value = await redis.get(name(writer));
      return value === null ? undefined : BigInt(`0x${value}`);
    },
    async set(writer, lsn, ttlMs) {
      // Only ever raised: of two processes' writes, the later position stands. Fixed-width hex
      // compares as text like the positions do (Lua's numbers would round above 2^53).
      await redis.eval(
        "local old = redis.call('GET', KEYS[1]) if old == false or old < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end",
        1,
        name(writer),
        lsn.toString(16).padStart(17, '0'),
        String(ttlMs),
      );
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
