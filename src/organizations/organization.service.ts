import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { badInput, conflict, notFound } from '../common/errors';
import type { Context } from '../context';
import { codePointLength, unstorableTextReason } from '../provenance/text';
import { Organization } from './organization.entity';
import { MAX_ORGANIZATION_NAME } from './organization.inputs';
import { canSeeOrganization } from '../access/organization-access';

/**
 * Creates an organisation, refusing a name already taken in any letter case (people and the
 * CLI find organisations by name, so "ACME" and "Acme" must not both exist).
 */
export async function createOrganization(ctx: Context, rawName: string): Promise<Organization> {
  const name = organizationName(rawName, 'name');
  return ctx.db.transaction(async (manager) => {
    // Serialise creators of the same name so the check below sees a concurrent insert.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`organization:${name.toLowerCase()}`]);
    const existing = await findByNameIgnoringCase(manager, name);
    if (existing !== null) {
      throw conflict(`An organization named "${existing.name}" already exists`, { field: 'name', organizationId: existing.nodeId });
    }
    const organizations = manager.getRepository(Organization);
    const organization = await organizations.save(organizations.create({ name }));
    await recordAudit(ctx, manager, 'createOrganization', [organization.nodeId], { name });
    return organization;
  });
}

/** For the CLI, which names organisations; letter case does not matter. */
export async function findOrganizationByName(ctx: Context, rawName: string, field = 'organization'): Promise<Organization> {
  const name = organizationName(rawName, field);
  const organization = await findByNameIgnoringCase(ctx.db.manager, name);
  if (organization === null) throw notFound(`Organization "${name}"`);
  return organization;
}

/**
 * An organisation through `node`: admins see every one, a key sees its own, nobody else any
 * (the list of partners is theirs to disclose). Hidden and missing answer alike: null.
 */
export async function findVisibleOrganization(ctx: Context, rowId: string): Promise<Organization | null> {
  if (!canSeeOrganization(ctx.viewer, rowId)) return null;
  return ctx.loaders.organizationById.load(rowId);
}

function organizationName(raw: string, field: string): string {
  const reason = unstorableTextReason(raw);
  if (reason !== null) throw badInput(field, `The name ${reason}`);
  const name = raw.normalize('NFC').trim();
  if (name === '' || codePointLength(name) > MAX_ORGANIZATION_NAME) {
    throw badInput(field, `An organization name has 1 to ${MAX_ORGANIZATION_NAME} characters`);
  }
  return name;
}

async function findByNameIgnoringCase(manager: EntityManager, name: string): Promise<Organization | null> {
  return manager
    .getRepository(Organization)
    .createQueryBuilder('organization')
    .where('lower(organization.name) = lower(:name)', { name })
    .orderBy('organization.id', 'ASC')
    .getOne();
}
