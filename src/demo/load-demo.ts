import { ingestArticle } from '../articles/article.service';
import { Article } from '../articles/article.entity';
import type { Context } from '../context';
import { SourceKind } from '../sources/source.entity';
import { extractArticles } from '../extraction/extract-batch.service';
import { demoArticles } from './demo-articles';
import { loadDemoActors } from './load-demo-actors';
import { loadDemoClaims } from './load-demo-claims';

/**
 * Loads the demo articles (and their claims) when the database has no article yet, and the demo
 * actors and events when it has no actor yet (so a database made before actors existed gains
 * them); then extraction proposes mentions and claims beside the manual ones. Returns what it loaded.
 */
export async function loadDemoData(
  ctx: Context,
): Promise<{ articles: number; actors: number; events: number; claims: number; proposals: number }> {
  let articles = 0;
  if ((await ctx.db.getRepository(Article).count()) === 0) {
    for (const demo of demoArticles) {
      await ingestArticle(ctx, {
        ...demo,
        source: { ...demo.source, kind: SourceKind[demo.source.kind] },
        publishedAt: new Date(demo.publishedAt),
      });
    }
    articles = demoArticles.length;
  }
  const actorsAndEvents = await loadDemoActors(ctx);
  const claims = articles > 0 ? await loadDemoClaims(ctx) : 0;
  const proposals = articles > 0 ? (await extractArticles(ctx, {}, () => undefined)).claims : 0;
  return { articles, ...actorsAndEvents, claims, proposals };
}
