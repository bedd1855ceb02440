import type { DataSource } from 'typeorm';
import { byIdLoader, childCountLoader, childPageLoader } from '../common/loaders';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

export function createArticleLoaders(db: DataSource) {
  const articles = db.getRepository(Article);
  const sentences = db.getRepository(Sentence);
  return {
    articleById: byIdLoader(articles),
    articlePageBySourceId: childPageLoader(articles, 'id', { parent: 'child.source_id' }),
    articleCountBySourceId: childCountLoader(articles, { parent: 'child.source_id' }),
    sentenceById: byIdLoader(sentences),
    sentencePageByArticleId: childPageLoader(sentences, 'index', { parent: 'child.article_id' }),
  };
}
