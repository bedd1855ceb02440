import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createActorLoaders } from './actors/actor.loaders';
import { createArticleLoaders } from './articles/article.loaders';
import { createClaimLoaders } from './claims/claim.loaders';
import type { Config } from './config';
import type { Viewer } from './common/viewer';
import { createEventLoaders } from './events/event.loaders';
import { createMentionLoaders } from './mentions/mention.loaders';
import { createOrganizationLoaders } from './organizations/organization.loaders';
import { Role } from './organizations/role';
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
    ...createClaimLoaders(db, viewer),
    ...createOrganizationLoaders(db),
  };
}

/**
 * The operator acting outside HTTP (demo loading, the CLI): an ADMIN of the operator
 * organisation, recorded in the audit log under `keyPrefix`.
 */
export function createSystemContext(db: DataSource, config: Config, operatorOrganizationId: string, keyPrefix: string): Context {
  const viewer: Viewer = { organizationId: operatorOrganizationId, role: Role.ADMIN, keyPrefix };
  return { requestId: `${keyPrefix}-${randomUUID()}`, viewer, loaders: createLoaders(db, viewer), db, config };
}
