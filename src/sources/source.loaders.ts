import type { DataSource } from 'typeorm';
import { byIdLoader, type Peers } from '../common/loaders';
import { Source } from './source.entity';

export function createSourceLoaders(db: DataSource, peers: Peers) {
  return {
    sourceById: byIdLoader(peers, db.getRepository(Source)),
  };
}
