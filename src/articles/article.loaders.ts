import type { DataSource } from 'typeorm';
import { byIdLoader, childCountLoader, childPageLoader, type Peers } from '../common/loaders';
import { Article } from './article.entity';
import { Sentence } from './sentence.entity';

export function createArticleLoaders(db: DataSource, peers: Peers) {
  const articles = db.getRepository(Article);
  const sentences = db.getRepository(Sentence);
  return {
    articleById: byIdLoader(peers, articles),
    articlePageBySourceId: childPageLoader(peers, articles, 'id', { parent: 'child.source_id' }),
    articleCountBySourceId: childCountLoader(articles, { parent: 'child.source_id' }),
    sentenceById: byIdLoader(peers, sentences),
    sentencePageByArticleId: childPageLoader(peers, sentences, 'index', { parent: 'child.article_id' }),
  };
}
