import { ingestArticle } from '../articles/article.service';
import { Article } from '../articles/article.entity';
import type { Context } from '../context';
import { SourceKind } from '../sources/source.entity';
import { demoArticles } from './demo-articles';
import { loadDemoActors } from './load-demo-actors';

/**
 * Loads the demo articles when the database has no article yet, and the demo actors and events
 * when it has no actor yet (so a database made before actors existed gains them); returns counts.
 */
export async function loadDemoData(ctx: Context): Promise<{ articles: number; actors: number; events: number }> {
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
  return { articles, ...(await loadDemoActors(ctx)) };
}
