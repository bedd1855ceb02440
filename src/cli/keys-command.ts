import { parseArgs } from 'node:util';
import { badInput } from '../common/errors';
import type { Context } from '../context';
import type { ApiKey } from '../organizations/api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from '../organizations/api-key.service';
import { findOrganizationByName } from '../organizations/organization.service';
import { Role } from '../common/role';
import type { CliCommandSpec } from './cli-command';
import { formatTable, formatTime } from './cli-format';

export const keysCreate: CliCommandSpec = {
  usage: 'verbatim keys create --organization <name> --role READER|EDITOR|ADMIN [--label <text>]',
  parse(args) {
    const { values } = parseArgs({
      args,
      options: {
        organization: { type: 'string', short: 'o' },
        role: { type: 'string', short: 'r' },
        label: { type: 'string', short: 'l' },
      },
    });
    const organizationName = required(values.organization, '--organization', 'Give the organisation: --organization <name>');
    const role = parseRole(values.role);
    return {
      async run(ctx, io) {
        const organization = await findOrganizationByName(ctx, organizationName, '--organization');
        const created = await createApiKey(ctx, { organizationId: organization.nodeId, role, label: values.label });
        const label = created.label === null ? '' : ` "${created.label}"`;
        io.err(`Created ${created.role} key${label} ${created.prefix}… for ${organization.name}:`);
        io.out(created.key);
        io.err('Store it now: it cannot be shown again (only its SHA-256 hash is kept).');
      },
    };
  },
};

export const keysList: CliCommandSpec = {
  usage: 'verbatim keys list [--organization <name>]',
  parse(args) {
    const { values } = parseArgs({ args, options: { organization: { type: 'string', short: 'o' } } });
    return {
      async run(ctx, io) {
        const organization =
          values.organization === undefined ? null : await findOrganizationByName(ctx, values.organization, '--organization');
        const keys = await listApiKeys(ctx, organization?.nodeId);
        if (keys.length === 0) {
          io.err(organization === null ? 'No API keys yet.' : `${organization.name} has no API keys.`);
          return;
        }
        const rows = await Promise.all(keys.map((key) => keyRow(ctx, key)));
        for (const line of formatTable(['PREFIX', 'ROLE', 'ORGANIZATION', 'LABEL', 'CREATED', 'LAST USED', 'REVOKED'], rows)) io.out(line);
      },
    };
  },
};

export const keysRevoke: CliCommandSpec = {
  usage: 'verbatim keys revoke <prefix>',
  parse(args) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
    if (positionals.length !== 1) throw badInput('prefix', 'Give one key prefix, as `verbatim keys list` shows it');
    return {
      async run(ctx, io) {
        const key = await revokeApiKey(ctx, positionals[0]);
        const organization = await ctx.loaders.organizationById.load(key.organizationId);
        io.err(`Revoked ${key.role} key ${key.prefix}… of ${organization?.name ?? '?'} (since ${formatTime(key.revokedAt)}).`);
      },
    };
  },
};

async function keyRow(ctx: Context, key: ApiKey): Promise<string[]> {
  const organization = await ctx.loaders.organizationById.load(key.organizationId);
  return [
    key.prefix,
    key.role,
    organization?.name ?? '?',
    key.label ?? '',
    formatTime(key.createdAt),
    formatTime(key.lastUsedAt) || 'never',
    formatTime(key.revokedAt) || '-',
  ];
}

function parseRole(value: string | undefined): Role {
  const roles = Object.values(Role);
  const role = required(value, '--role', `Give the role: --role ${roles.join('|')}`).toUpperCase();
  if (!roles.includes(role as Role)) throw badInput('--role', `The role is one of ${roles.join(', ')}, not "${value}"`);
  return role as Role;
}

function required(value: string | undefined, field: string, message: string): string {
  if (value === undefined || value.trim() === '') throw badInput(field, message);
  return value;
}
