import { parseArgs } from 'node:util';
import { badInput } from '../common/errors';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { countArticles, extractArticles, type BatchSelection } from '../extraction/extract-batch.service';
import type { CliCommandSpec } from './cli-command';
import { progressBar } from './cli-progress-bar';

export const extractCommand: CliCommandSpec = {
  usage: 'verbatim extract (--all | --article <id>) [--since <date>]',
  parse(args) {
    const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, article: { type: 'string' }, since: { type: 'string' } } });
    if ((values.all === true) === (values.article !== undefined)) throw badInput('--all', 'Give either --all or --article <id>');
    const selection: BatchSelection = {};
    if (values.article !== undefined) selection.articleId = parseGlobalId(values.article, 'Article', '--article');
    if (values.since !== undefined) {
      const since = new Date(values.since);
      if (Number.isNaN(since.getTime())) throw badInput('--since', 'Give --since as a date, e.g. 2026-01-31');
      selection.since = since;
    }
    return {
      async run(ctx, io) {
        const started = Date.now();
        const bar = progressBar('articles', await countArticles(ctx, selection));
        const totals = await extractArticles(ctx, selection, (id, summary) => {
          io.out(`${toGlobalId('Article', id)}\t${summary.mentions} mentions\t${summary.claims} claims`);
          bar.tick();
        });
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        io.err(
          `${totals.articles} articles: ${totals.mentions} mentions, ${totals.claims} claims proposed ` +
            `(${totals.kept} already there, ${totals.withdrawn} withdrawn) in ${seconds.toFixed(1)} s, ` +
            `${(totals.articles / Math.max(seconds, 0.001)).toFixed(1)} articles/s`,
        );
      },
    };
  },
};
