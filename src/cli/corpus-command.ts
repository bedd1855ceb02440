import { parseArgs } from 'node:util';
import { ingestArticle } from '../articles/article.service';
import { addClaim } from '../claims/add-claim.service';
import { ClaimKind } from '../claims/claim.entity';
import { badInput } from '../common/errors';
import { createLoaders, type Context } from '../context';
import { syntheticArticle } from '../demo/synthetic-corpus';
import { segmentSentences } from '../nlp/segment-sentences';
import type { CliCommandSpec } from './cli-command';
import { progressBar } from './cli-progress-bar';

const KINDS = Object.values(ClaimKind);

export const corpusGenerate: CliCommandSpec = {
  usage: 'verbatim corpus generate --articles <n> [--seed <n>] [--claims <per article>] [--concurrency <n>]',
  parse(args) {
    const { values } = parseArgs({
      args,
      options: { articles: { type: 'string' }, seed: { type: 'string' }, claims: { type: 'string' }, concurrency: { type: 'string' } },
    });
    const articles = positiveInt(values.articles, '--articles', 1_000_000);
    const seed = positiveInt(values.seed ?? '42', '--seed', 2 ** 31);
    const claims = positiveInt(values.claims ?? '1', '--claims', 20, 0);
    const concurrency = positiveInt(values.concurrency ?? '4', '--concurrency', 32);
    return {
      async run(ctx, io) {
        const started = Date.now();
        const bar = progressBar('articles', articles);
        let next = 0;
        let created = 0;
        const worker = async () => {
          for (let index = next++; index < articles; index = next++) {
            if (await addSyntheticArticle(ctx, seed, index, claims)) created += 1;
            bar.tick();
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        io.err(
          `${created} articles created (${articles - created} already present) in ${seconds.toFixed(1)} s, ${(articles / seconds).toFixed(1)} articles/s`,
        );
      },
    };
  },
};

/** One synthetic article and its claims (one whole sentence each); false when it was already there. */
export async function addSyntheticArticle(ctx: Context, seed: number, index: number, claimsPerArticle: number): Promise<boolean> {
  const fresh = { ...ctx, loaders: createLoaders(ctx.db, ctx.viewer) };
  const { article, created } = await ingestArticle(fresh, syntheticArticle(seed, index));
  if (!created) return false;
  const sentences = segmentSentences(article.body);
  for (let i = 0; i < Math.min(claimsPerArticle, sentences.length); i += 1) {
    const sentence = sentences[(index + i) % sentences.length];
    await addClaim(fresh, {
      articleId: article.nodeId,
      kind: KINDS[(index + i) % KINDS.length],
      text: `Synthetic claim ${i + 1} of report ${index}: ${sentence.text}`,
      evidence: [{ start: sentence.start, end: sentence.end }],
    });
  }
  return true;
}

function positiveInt(value: string | undefined, field: string, max: number, min = 1): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw badInput(field, `Give ${field} <n> with ${min} <= n <= ${max}`);
  }
  return parsed;
}
