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

/** Each capability's loaders: a request builds a group when it first uses one of its loaders. */
const LOADER_GROUPS = [
  createSourceLoaders,
  createArticleLoaders,
  createActorLoaders,
  createEventLoaders,
  createMentionLoaders,
  createClaimLoaders,
  createOrganizationLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (all: infer I) => void ? I : never;
export type Loaders = UnionToIntersection<ReturnType<(typeof LOADER_GROUPS)[number]>>;

/**
 * Per-request DataLoaders, all made here so batching and caching never cross requests. Loaders
 * that read claims (or rows resting on claims) apply the viewer's visibility. A request that
 * reads one article builds the article and source loaders, not all forty: each loader is a
 * getter of a prototype shared by every request that builds its group on the request's own
 * object on first use (the group's loaders then shadow the getters).
 */
export function createLoaders(db: DataSource, viewer: Viewer): Loaders {
  const loaders = Object.create(lazyLoaders(db, viewer)) as LoaderScope;
  loaders[SCOPE] = { db, viewer };
  return loaders as unknown as Loaders;
}

const SCOPE = Symbol('loader scope');
interface LoaderScope {
  [SCOPE]: { db: DataSource; viewer: Viewer };
}

let loaderPrototype: object | undefined;

/** The getters, by the loader names each group makes (learnt from the first request's groups). */
function lazyLoaders(db: DataSource, viewer: Viewer): object {
  if (loaderPrototype !== undefined) return loaderPrototype;
  const prototype = {};
  LOADER_GROUPS.forEach((makeGroup) => {
    const build = (scope: LoaderScope): Record<string, unknown> => {
      // The request's loaders are the group's peers: its loaders prime theirs with joined rows (src/common/to-one.ts).
      const group = makeGroup(scope[SCOPE].db, scope, scope[SCOPE].viewer) as Record<string, unknown>;
      for (const [name, loader] of Object.entries(group)) Object.defineProperty(scope, name, { value: loader, enumerable: true });
      return group;
    };
    for (const name of Object.keys(makeGroup(db, {}, viewer))) {
      Object.defineProperty(prototype, name, {
        get(this: LoaderScope) {
          return build(this)[name];
        },
      });
    }
  });
  loaderPrototype = prototype;
  return prototype;
}

/**
 * The operator acting outside HTTP (demo loading, the CLI): an ADMIN of the operator
 * organisation, recorded in the audit log under `keyPrefix`.
 */
export function createSystemContext(db: DataSource, config: Config, operatorOrganizationId: string, keyPrefix: string): Context {
  const viewer: Viewer = { organizationId: operatorOrganizationId, role: Role.ADMIN, keyPrefix };
  return createContext(db, config, viewer, `${keyPrefix}-${randomUUID()}`);
}
