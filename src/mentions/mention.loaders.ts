import type { DataSource } from 'typeorm';
import { childListLoader, type Peers } from '../common/loaders';
import { Mention } from './mention.entity';

export function createMentionLoaders(db: DataSource, peers: Peers) {
  const mentions = db.getRepository(Mention);
  return {
    mentionsBySentenceId: childListLoader(peers, mentions, 'start', { parent: 'child.sentence_id' }),
    mentionsByArticleId: childListLoader(peers, mentions, 'start', {
      parent: 'sentence.article_id',
      join: (query) => query.innerJoin('sentence', 'sentence', 'sentence.id = child.sentence_id'),
    }),
  };
}
