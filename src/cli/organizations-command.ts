import { parseArgs } from 'node:util';
import { badInput } from '../common/errors';
import { createOrganization } from '../organizations/organization.service';
import type { CliCommandSpec } from './cli-command';

export const organizationsCreate: CliCommandSpec = {
  usage: 'verbatim organizations create <name>',
  parse(args) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
    if (positionals.length !== 1) throw badInput('name', 'Give one name; quote a name with spaces: "Acme Research"');
    return {
      async run(ctx, io) {
        const organization = await createOrganization(ctx, positionals[0]);
        io.out(organization.nodeId);
        io.err(`Created organization "${organization.name}". Give it a key with:`);
        io.err(`  verbatim keys create --organization '${organization.name.replaceAll("'", `'\\''`)}' --role EDITOR`);
      },
    };
  },
};
