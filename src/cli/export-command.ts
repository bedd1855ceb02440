import { parseArgs } from 'node:util';
import { claimCriteria } from '../claims/claim-criteria';
import { exportClaimAnnotations } from '../claims/claim-export.service';
import { ClaimKind, ReviewStatus } from '../claims/claim.entity';
import { badInput } from '../common/errors';
import { createLoaders } from '../context';
import type { CliCommandSpec } from './cli-command';

export const exportClaims: CliCommandSpec = {
  usage: 'verbatim export claims [--status ACCEPTED|...] [--kind REPORT|...] [--article <id>] [--source <id>]  > claims.ndjson',
  parse(args) {
    const { values } = parseArgs({
      args,
      options: { status: { type: 'string' }, kind: { type: 'string' }, article: { type: 'string' }, source: { type: 'string' } },
    });
    const status = values.status?.toUpperCase();
    if (status !== undefined && !(status in ReviewStatus))
      throw badInput('--status', `--status is one of ${Object.keys(ReviewStatus).join(', ')}`);
    const kind = values.kind?.toUpperCase();
    if (kind !== undefined && !(kind in ClaimKind)) throw badInput('--kind', `--kind is one of ${Object.keys(ClaimKind).join(', ')}`);
    const criteria = claimCriteria(
      {
        status: status as ReviewStatus | undefined,
        kind: kind as ClaimKind | undefined,
        articleId: values.article,
        sourceId: values.source,
      },
      '',
    );
    return {
      async run(ctx, io) {
        const count = await exportClaimAnnotations(
          ctx,
          criteria,
          () => createLoaders(ctx.db, ctx.viewer),
          async (annotation) => {
            io.out(JSON.stringify(annotation));
          },
        );
        io.err(`${count} claims exported as W3C Web Annotations (NDJSON)`);
      },
    };
  },
};
