import type { ConnectionArgs } from '../common/connection';
import { ALL_FIELDS, type FieldSelection } from '../common/field-selection';
import { childPageWindow } from '../common/loaders';
import type { Context } from '../context';
import type { Article } from './article.entity';
import { SentenceConnection } from './article.types';

export async function sentencesOfArticle(
  ctx: Context,
  article: Article,
  args: ConnectionArgs,
  fields: FieldSelection = ALL_FIELDS,
): Promise<SentenceConnection> {
  const page = await ctx.loaders.sentencePageByArticleId.load({ parentId: article.id, window: childPageWindow(args), fields });
  return new SentenceConnection(page, () => Promise.resolve(article.sentenceCount));
}
