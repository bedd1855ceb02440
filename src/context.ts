import type { DataSource } from 'typeorm';
import { createArticleLoaders } from './articles/article.loaders';
import type { Config } from './config';
import type { Viewer } from './common/viewer';
import { createOrganizationLoaders } from './organizations/organization.loaders';
import { createSourceLoaders } from './sources/source.loaders';

/** Everything a request may use; services take it first. */
export interface Context {
  requestId: string;
  viewer: Viewer;
  loaders: Loaders;
  db: DataSource;
  config: Config;
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Per-request DataLoaders, all built here so batching and caching never cross requests. */
export function createLoaders(db: DataSource) {
  return {
    ...createSourceLoaders(db),
    ...createArticleLoaders(db),
    ...createOrganizationLoaders(db),
  };
}
