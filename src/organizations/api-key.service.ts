import { IsNull, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { forgetApiKey, hashKey } from '../http/auth';
import { badInput, notFound } from '../common/errors';
import { parseGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { codePointLength, unstorableTextReason } from '../provenance/text';
import { ApiKey } from './api-key.entity';
import { generateApiKeySecret, type ApiKeySecret } from './api-key-secret';
import { Organization } from './organization.entity';
import { MAX_KEY_LABEL } from './organization.inputs';
import type { CreatedApiKey } from './organization.types';
import { Role } from '../common/role';

export interface NewApiKey {
  /** Global id of the organisation the key acts for. */
  organizationId: string;
  role: Role;
  label?: string | null;
}

/** Creates a key and returns its secret, the only time it exists outside the caller's hands. */
export async function createApiKey(ctx: Context, input: NewApiKey): Promise<CreatedApiKey> {
  const organizationId = parseGlobalId(input.organizationId, 'Organization', 'organizationId');
  if (!Object.values(Role).includes(input.role)) throw badInput('role', `A role is one of ${Object.values(Role).join(', ')}`);
  const label = keyLabel(input.label);
  return ctx.db.transaction(async (manager) => {
    const organization = await manager.getRepository(Organization).findOneBy({ id: organizationId });
    if (organization === null) throw notFound('Organization');
    const { key, prefix } = await unusedSecret(manager);
    await manager.getRepository(ApiKey).insert({ organizationId, prefix, keyHash: hashKey(key), role: input.role, label });
    // The audit row names the key by prefix only: the log is readable, the secret must not be.
    await recordAudit(ctx, manager, 'createApiKey', [organization.nodeId], { prefix, role: input.role, label });
    return { key, prefix, role: input.role, label, organization };
  });
}

/** Every key (of one organisation, when given), oldest first; revoked keys included. */
export async function listApiKeys(ctx: Context, organizationGlobalId?: string | null): Promise<ApiKey[]> {
  const where =
    organizationGlobalId != null ? { organizationId: parseGlobalId(organizationGlobalId, 'Organization', 'organizationId') } : {};
  return ctx.db.getRepository(ApiKey).find({ where, order: { id: 'ASC' } });
}

/**
 * Revokes a key by its prefix; from the next request on it is refused. Revoking a revoked key
 * changes nothing but is still recorded, as every mutation is.
 */
export async function revokeApiKey(ctx: Context, prefix: string): Promise<ApiKey> {
  // A whole key pasted by mistake is not echoed back in the error, nor looked up.
  if (prefix.length > 32) throw badInput('prefix', 'Give the prefix of the key (as apiKeys lists it), not the whole key');
  const revoked = await ctx.db.transaction(async (manager) => {
    const keys = manager.getRepository(ApiKey);
    const found = await keys.findOneBy({ prefix });
    if (found === null) throw notFound(`API key with prefix "${prefix}"`);
    const alreadyRevoked = found.revokedAt !== null;
    if (!alreadyRevoked) await keys.update({ id: found.id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    const organization = await manager.getRepository(Organization).findOneByOrFail({ id: found.organizationId });
    await recordAudit(ctx, manager, 'revokeApiKey', [organization.nodeId], { prefix, alreadyRevoked });
    return keys.findOneByOrFail({ id: found.id });
  });
  // After the commit: a request that looks the key up again now finds it revoked.
  forgetApiKey(ctx.db, revoked.keyHash);
  return revoked;
}

function keyLabel(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const reason = unstorableTextReason(raw);
  if (reason !== null) throw badInput('label', `The label ${reason}`);
  const label = raw.normalize('NFC').trim();
  if (codePointLength(label) > MAX_KEY_LABEL) throw badInput('label', `A label has at most ${MAX_KEY_LABEL} characters`);
  return label === '' ? null : label;
}

/** A new secret whose prefix no key has yet (a clash is unlikely, but the prefix must be unique). */
async function unusedSecret(manager: EntityManager): Promise<ApiKeySecret> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const secret = generateApiKeySecret();
    if (!(await manager.getRepository(ApiKey).existsBy({ prefix: secret.prefix }))) return secret;
  }
  throw new Error('Could not find an unused API key prefix in 5 attempts');
}
