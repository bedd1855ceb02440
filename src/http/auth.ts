import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthChecker } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import { ApiKey } from '../organizations/api-key.entity';
import { Organization } from '../organizations/organization.entity';
import { Role, roleAtLeast } from '../common/role';
import { forbidden, unauthenticated } from '../common/errors';
import { ANONYMOUS, type Viewer } from '../common/viewer';

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
  const stored = await db.getRepository(ApiKey).findOneBy({ keyHash: hashKey(key) });
  if (stored === null || stored.revokedAt !== null) throw unauthenticated('Unknown or revoked API key');
  if (stored.lastUsedAt === null || Date.now() - stored.lastUsedAt.getTime() >= KEY_USE_RESOLUTION_MS) await recordKeyUse(db, stored.id);
  return { organizationId: stored.organizationId, role: stored.role, keyPrefix: stored.prefix };
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
