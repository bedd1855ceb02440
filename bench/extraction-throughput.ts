import { ingestArticle } from '../src/articles/article.service';
import { createLoaders, type Context } from '../src/context';
import { syntheticArticle } from '../src/demo/synthetic-corpus';
import { extractArticles } from '../src/extraction/extract-batch.service';

export interface ExtractionThroughput {
  articles: number;
  withoutExtraction: number;
  withExtraction: number;
  rerun: number;
}

/**
 * Articles per second through ingestArticle without and with `extract: true` (one at a time, on
 * fresh synthetic articles beyond the corpus), and of a `verbatim extract` re-run over the latter.
 */
export async function measureExtraction(ctx: Context, seed: number, articles: number): Promise<ExtractionThroughput> {
  const rate = async (work: () => Promise<void>) => {
    const begin = process.hrtime.bigint();
    await work();
    return articles / (Number(process.hrtime.bigint() - begin) / 1e9);
  };
  const ingestRange = (offset: number, extract: boolean) => async () => {
    for (let i = 0; i < articles; i += 1) {
      const fresh = { ...ctx, loaders: createLoaders(ctx.db, ctx.viewer) };
      await ingestArticle(fresh, { ...syntheticArticle(seed, offset + i), url: `https://bench.example/extract/${offset + i}`, extract });
    }
  };
  const withoutExtraction = await rate(ingestRange(10_000_000, false));
  const since = new Date();
  const withExtraction = await rate(ingestRange(20_000_000, true));
  const rerun = await rate(async () => {
    await extractArticles(ctx, { since }, () => undefined);
  });
  return { articles, withoutExtraction, withExtraction, rerun };
}
