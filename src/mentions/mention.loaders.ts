import type { DataSource } from 'typeorm';
import { childListLoader } from '../common/loaders';
import { Mention } from './mention.entity';

export function createMentionLoaders(db: DataSource) {
  const mentions = db.getRepository(Mention);
  return {
    mentionsBySentenceId: childListLoader(mentions, 'start', { parent: 'child.sentence_id' }),
    mentionsByArticleId: childListLoader(mentions, 'start', {
      parent: 'sentence.article_id',
      join: (query) => query.innerJoin('sentence', 'sentence', 'sentence.id = child.sentence_id'),
    }),
  };
}
