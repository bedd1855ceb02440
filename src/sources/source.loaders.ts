import type { DataSource } from 'typeorm';
import { byIdLoader } from '../common/loaders';
import { Source } from './source.entity';

export function createSourceLoaders(db: DataSource) {
  return {
    sourceById: byIdLoader(db.getRepository(Source)),
  };
}
