import { Article } from '../articles/article.entity';
import { Visibility } from '../claims/claim.entity';
import type { Context } from '../context';
import { loadGazetteer, runExtraction, type ExtractionSummary } from './extraction.service';

export interface BatchSelection {
  /** One article's row id, or every article. */
  articleId?: string;
  /** Only articles ingested at or after this time. */
  since?: Date;
}

const BATCH = 50;

/**
 * Extraction over many articles with bounded memory: article ids are read a batch at a time in
 * id order (keyset), each article is extracted in a transaction of its own, and the gazetteer is
 * loaded once. Returns the totals; `onArticle` hears of each article as it is done.
 */
export async function extractArticles(
  ctx: Context,
  selection: BatchSelection,
  onArticle: (articleId: string, summary: ExtractionSummary) => void,
): Promise<ExtractionSummary & { articles: number }> {
  const gazetteer = await loadGazetteer(ctx.db.manager);
  const totals = { articles: 0, mentions: 0, claims: 0, withdrawn: 0, kept: 0 };
  let after = '0';
  for (;;) {
    const query = ctx.db
      .getRepository(Article)
      .createQueryBuilder('article')
      .select('article.id', 'id')
      .where('article.id > :after', { after });
    if (selection.articleId !== undefined) query.andWhere('article.id = :id', { id: selection.articleId });
    if (selection.since !== undefined) query.andWhere('article.ingested_at >= :since', { since: selection.since });
    const ids = (await query.orderBy('article.id', 'ASC').limit(BATCH).getRawMany<{ id: string }>()).map((row) => String(row.id));
    if (ids.length === 0) break;
    for (const id of ids) {
      const summary = await ctx.db.transaction(async (manager) => {
        const article = await manager.getRepository(Article).findOneByOrFail({ id });
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`extract:${id}`]);
        return runExtraction(ctx, manager, article, { visibility: Visibility.PUBLIC, gazetteer });
      });
      totals.articles += 1;
      totals.mentions += summary.mentions;
      totals.claims += summary.claims;
      totals.withdrawn += summary.withdrawn;
      totals.kept += summary.kept;
      onArticle(id, summary);
    }
    after = ids[ids.length - 1];
  }
  return totals;
}

export async function countArticles(ctx: Context, selection: BatchSelection): Promise<number> {
  const query = ctx.db.getRepository(Article).createQueryBuilder('article');
  if (selection.articleId !== undefined) query.andWhere('article.id = :id', { id: selection.articleId });
  if (selection.since !== undefined) query.andWhere('article.ingested_at >= :since', { since: selection.since });
  return query.getCount();
}
