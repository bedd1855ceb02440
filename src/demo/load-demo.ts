import { ingestArticle } from '../articles/article.service';
import { Article } from '../articles/article.entity';
import type { Context } from '../context';
import { SourceKind } from '../sources/source.entity';
import { demoArticles } from './demo-articles';
import { loadDemoClaims } from './load-demo-claims';

/** Loads the demo articles and their claims when the database has no article yet; returns how many articles. */
export async function loadDemoData(ctx: Context): Promise<number> {
  if ((await ctx.db.getRepository(Article).count()) > 0) return 0;
  for (const demo of demoArticles) {
    await ingestArticle(ctx, {
      ...demo,
      source: { ...demo.source, kind: SourceKind[demo.source.kind] },
      publishedAt: new Date(demo.publishedAt),
    });
  }
  await loadDemoClaims(ctx);
  return demoArticles.length;
}
