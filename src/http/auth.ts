import { createHash, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AuthChecker } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import { ApiKey } from '../organizations/api-key.entity';
import { Organization } from '../organizations/organization.entity';
import { Role, roleAtLeast } from '../common/role';
import { forbidden, unauthenticated } from '../common/errors';
import { ANONYMOUS, type Viewer } from '../common/viewer';
import { underlyingDataSource } from '../db/request-scope';

/** How the bootstrap admin key is named in the audit log (it has no stored prefix). */
export const BOOTSTRAP_KEY_PREFIX = 'bootstrap';

/** The built-in organisation the bootstrap admin key acts for. */
export const OPERATOR_ORGANIZATION = 'Verbatim operator';

export async function ensureOperatorOrganization(db: DataSource): Promise<string> {
  const organizations = db.getRepository(Organization);
  // Look first: an INSERT ... ON CONFLICT on every start would use up an id each time.
  const existing = await organizations.findOneBy({ name: OPERATOR_ORGANIZATION });
  if (existing !== null) return existing.id;
  await db.query(`INSERT INTO organization (name) VALUES ($1) ON CONFLICT ON CONSTRAINT uq_organization_name DO NOTHING`, [
    OPERATOR_ORGANIZATION,
  ]);
  return (await organizations.findOneByOrFail({ name: OPERATOR_ORGANIZATION })).id;
}

/**
 * The viewer behind an `Authorization` header. No header: anonymous (if allowed). A header
 * that is not a live key (an empty or blank one too) is refused outright, never downgraded to anonymous.
 */
export async function resolveViewer(
  db: DataSource,
  config: Config,
  operatorOrganizationId: string,
  authorization: string | undefined,
): Promise<Viewer> {
  // Only a missing header is anonymous: an empty or blank one is a key that is not a live key.
  if (authorization === undefined) {
    if (!config.anonymousRead) throw unauthenticated('This server needs an API key: send "Authorization: Bearer <key>"');
    return ANONYMOUS;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (match === null) throw unauthenticated('Send the key as "Authorization: Bearer <key>"');
  const key = match[1];
  if (config.bootstrapAdminKey !== undefined && sameSecret(key, config.bootstrapAdminKey)) {
    return { organizationId: operatorOrganizationId, role: Role.ADMIN, keyPrefix: BOOTSTRAP_KEY_PREFIX };
  }
  const stored = await liveKey(db, config, hashKey(key));
  if (stored === null) throw unauthenticated('Unknown or revoked API key');
  if (stored.lastUsedAt === null || Date.now() - stored.lastUsedAt >= KEY_USE_RESOLUTION_MS) {
    stored.lastUsedAt = Date.now();
    await recordKeyUse(db, stored.id);
  }
  return { organizationId: stored.organizationId, role: stored.role, keyPrefix: stored.prefix };
}

/** What a request needs of a live key, and when its use was last recorded (ms since the epoch). */
interface LiveKey {
  id: string;
  organizationId: string;
  role: Role;
  prefix: string;
  lastUsedAt: number | null;
}

/** Keys of one database a process remembers at most (the least recently used go first). */
const MAX_CACHED_KEYS = 10_000;

/**
 * Live keys by hash, per database, for `config.apiKeyCacheMs`: a busy key costs no statement a
 * request. Only live keys are kept (an unknown or revoked key is looked up every time), and
 * revokeApiKey forgets a key at once (forgetApiKey), so only a revocation made by another
 * process (a cluster worker, the CLI) waits out the cache's lifetime.
 */
const liveKeyCaches = new WeakMap<DataSource, LiveKeyCache>();

interface LiveKeyCache {
  keys: LRUCache<string, LiveKey>;
  /** Counts forgetApiKey calls: a lookup that began before one does not store what it read. */
  forgotten: number;
}

async function liveKey(db: DataSource, config: Config, keyHash: string): Promise<LiveKey | null> {
  const cache = config.apiKeyCacheMs > 0 ? liveKeyCacheOf(db, config.apiKeyCacheMs) : undefined;
  const cached = cache?.keys.get(keyHash);
  if (cached !== undefined) return cached;
  const forgottenBefore = cache?.forgotten;
  const stored = await db.getRepository(ApiKey).findOneBy({ keyHash });
  if (stored === null || stored.revokedAt !== null) return null;
  const live: LiveKey = {
    id: stored.id,
    organizationId: stored.organizationId,
    role: stored.role,
    prefix: stored.prefix,
    lastUsedAt: stored.lastUsedAt?.getTime() ?? null,
  };
  if (cache !== undefined && cache.forgotten === forgottenBefore) cache.keys.set(keyHash, live);
  return live;
}

function liveKeyCacheOf(db: DataSource, ttl: number): LiveKeyCache {
  const root = underlyingDataSource(db);
  let cache = liveKeyCaches.get(root);
  if (cache === undefined) {
    cache = { keys: new LRUCache<string, LiveKey>({ max: MAX_CACHED_KEYS, ttl }), forgotten: 0 };
    liveKeyCaches.set(root, cache);
  }
  return cache;
}

/** A revoked key is refused by this process from its next request on (other processes: within the cache's lifetime). */
export function forgetApiKey(db: DataSource, keyHash: string): void {
  const cache = liveKeyCaches.get(underlyingDataSource(db));
  if (cache === undefined) return;
  cache.forgotten += 1;
  cache.keys.delete(keyHash);
}

/** `lastUsedAt` is kept to the minute, so a busy key costs one write a minute, not one a request. */
const KEY_USE_RESOLUTION_MS = 60_000;

/** The condition repeats the check in SQL so that concurrent first requests write once. */
async function recordKeyUse(db: DataSource, keyId: string): Promise<void> {
  await db.query(
    `UPDATE api_key SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - make_interval(secs => $2))`,
    [keyId, KEY_USE_RESOLUTION_MS / 1000],
  );
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(hashKey(a), 'hex');
  const right = Buffer.from(hashKey(b), 'hex');
  return timingSafeEqual(left, right);
}

/** The one place roles are checked: `@Authorized(Role.EDITOR)` on a resolver method. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.role === null) throw unauthenticated('This needs an API key: send "Authorization: Bearer <key>"');
  const required = roles.length > 0 ? roles : [Role.READER];
  if (!required.some((role) => roleAtLeast(viewer.role as Role, role))) {
    throw forbidden(`This needs a key with role ${required.join(' or ')}; yours is ${viewer.role}`);
  }
  return true;
};
