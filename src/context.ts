import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createActorLoaders } from './actors/actor.loaders';
import { createArticleLoaders } from './articles/article.loaders';
import { createClaimLoaders } from './claims/claim.loaders';
import type { Config } from './config';
import type { Viewer } from './common/viewer';
import { createEventLoaders } from './events/event.loaders';
import { createMentionLoaders } from './mentions/mention.loaders';
import { routeReads } from './db/read-routing';
import { scopedDataSource } from './db/request-scope';
import { createOrganizationLoaders } from './organizations/organization.loaders';
import { Role } from './common/role';
import { createSourceLoaders } from './sources/source.loaders';

/** Everything a request may use; services take it first. */
/** A rate-limit bucket: an API key's or a client address's (src/http/rate-limit.ts). */
export type Bucket = { kind: 'key' | 'address'; id: string };

export interface Context {
  requestId: string;
  viewer: Viewer;
  loaders: Loaders;
  /** The database in the viewer's scope: row-level security applies to every statement (src/db/request-scope.ts). */
  db: DataSource;
  config: Config;
  /** HTTP requests only: whose rate limit the request counts against (each mutation counts; src/http/rate-limit.ts). */
  rateBucket?: Bucket | null;
}

/** The one way a Context is made: its data source and loaders are in the viewer's scope. */
export function createContext(db: DataSource, config: Config, viewer: Viewer, requestId: string): Context {
  // With replicas: read-only requests (marked by readOnlyRequest) read from one (src/db/read-routing.ts).
  const scoped = routeReads(scopedDataSource(db, viewer), viewer);
  return { requestId, viewer, loaders: createLoaders(scoped, viewer), db: scoped, config };
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
  return createContext(db, config, viewer, `${keyPrefix}-${randomUUID()}`);
}
