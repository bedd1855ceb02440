import type { DataSource } from 'typeorm';
import { byIdLoader, childCountLoader, childPageLoader } from '../common/loaders';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

export function createArticleLoaders(db: DataSource) {
  const articles = db.getRepository(Article);
  const sentences = db.getRepository(Sentence);
  return {
    articleById: byIdLoader(articles),
    articlePageBySourceId: childPageLoader(articles, 'sourceId', 'id'),
    articleCountBySourceId: childCountLoader(articles, 'sourceId'),
    sentenceById: byIdLoader(sentences),
    sentencePageByArticleId: childPageLoader(sentences, 'articleId', 'index'),
  };
}
