import type { DataSource } from 'typeorm';
import { createActorLoaders } from './actors/actor.loaders';
import { createArticleLoaders } from './articles/article.loaders';
import type { Config } from './config';
import type { Viewer } from './common/viewer';
import { createEventLoaders } from './events/event.loaders';
import { createMentionLoaders } from './mentions/mention.loaders';
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

/**
 * Per-request DataLoaders, all built here so batching and caching never cross requests. Loaders
 * that read claims (or rows resting on claims) apply the viewer's visibility.
 */
export function createLoaders(db: DataSource, viewer: Viewer) {
  return {
    ...createSourceLoaders(db),
    ...createArticleLoaders(db),
    ...createActorLoaders(db, viewer),
    ...createEventLoaders(db),
    ...createMentionLoaders(db),
  };
}
