import { pageWindow, type ConnectionArgs } from '../common/pagination';
import type { Context } from '../context';
import type { Article } from './article.entity';
import { SentenceConnection } from './article.types';

export async function sentencesOfArticle(ctx: Context, article: Article, args: ConnectionArgs): Promise<SentenceConnection> {
  const page = await ctx.loaders.sentencePageByArticleId.load({ parentId: article.id, window: pageWindow(args) });
  return new SentenceConnection(page, () => Promise.resolve(article.sentenceCount));
}
