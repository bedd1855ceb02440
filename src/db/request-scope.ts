import type { PoolClient } from 'pg';
import { DataSource, EntityManager, type QueryRunner, type ReplicationMode } from 'typeorm';
import type { Viewer } from '../common/viewer';

/** The role requests run as (made by the ClaimRowLevelSecurity migration): row-level security applies to it. */
export const REQUEST_ROLE = 'verbatim_request';

/**
 * The database as one viewer may see it: the data source of a request's Context.
 *
 * A connection it checks out of the pool runs as the role `verbatim_request`, with the viewer's
 * organisation in `verbatim.organization_id`, so PostgreSQL's row-level security hides other
 * organisations' private claims from every statement on it, in transactions or not, even one
 * that forgets the visibility condition. It is the pooled data source seen through a
 * per-request view (same pool, same metadata): making one costs an EntityManager, not a
 * connection.
 */
export function scopedDataSource(db: DataSource, viewer: Viewer): DataSource {
  if (!scopedDataSources.has(db)) throw new Error('This data source was not made by createDataSource: its connections have no scope');
  const scope = viewerScope(viewer);
  const scoped = Object.create(db) as DataSource;
  Object.defineProperties(scoped, {
    createQueryRunner: { value: (mode?: ReplicationMode) => inScope(plainQueryRunner(scoped, mode), scope) },
    manager: { value: new EntityManager(scoped) },
  });
  return scoped;
}

/**
 * The plain data source behind a request's scoped one: its statements run as the login role,
 * which row-level security does not restrict. Only for the writes whose meaning covers rows
 * the viewer cannot see (so far one: mergeActors, which must move every claim about the merged
 * actor, private ones included, or leave them pointing at an actor that is gone). Never read
 * anything from it for the viewer. docs/security.md lists its uses.
 */
export function allOrganizationsDataSource(scoped: DataSource): DataSource {
  const plain: unknown = Object.getPrototypeOf(scoped);
  return plain instanceof DataSource && scopedDataSources.has(plain) ? plain : scoped;
}

/**
 * The pooled data source behind any view of it made here (scoped, any-scope or plain): what
 * per-database state, such as the API key cache, is kept by.
 */
export function underlyingDataSource(db: DataSource): DataSource {
  let current = db;
  while (!scopedDataSources.has(current)) {
    const next: unknown = Object.getPrototypeOf(current);
    if (!(next instanceof DataSource)) return db;
    current = next;
  }
  return current;
}

/**
 * The data source for the few statements whose answer is the same in every scope: the API key
 * lookup and its `last_used_at` touch (`api_key` has no row-level security, and the request role
 * may read and update it). Its checkouts use a pooled connection in whatever scope it is in, so
 * identifying the viewer does not switch the connection the request's own statements take next
 * out of the viewer's scope and back (two extra statements a request, measured in
 * docs/benchmarks.md). Nothing else may use it.
 */
export function anyScopeDataSource(db: DataSource): DataSource {
  if (!scopedDataSources.has(db)) throw new Error('This data source was not made by createDataSource: its connections have no scope');
  const indifferent = Object.create(db) as DataSource;
  Object.defineProperties(indifferent, {
    createQueryRunner: { value: (mode?: ReplicationMode) => plainQueryRunner(indifferent, mode) },
    manager: { value: new EntityManager(indifferent) },
  });
  return indifferent;
}

/**
 * Makes every checkout of the plain data source (migrations, key lookups, the CLI, health
 * checks) run unscoped, as the login role. Called once, by createDataSource.
 */
export function scopeConnections(db: DataSource): void {
  Object.defineProperty(db, 'createQueryRunner', { value: (mode?: ReplicationMode) => inScope(plainQueryRunner(db, mode), UNSCOPED) });
  scopedDataSources.add(db);
}

const scopedDataSources = new WeakSet<DataSource>();

function plainQueryRunner(db: DataSource, mode: ReplicationMode | undefined): QueryRunner {
  return DataSource.prototype.createQueryRunner.call(db, mode);
}

/** What a connection should be set to: the SQL that sets it, which also names it. */
type Scope = string;

const UNSCOPED: Scope = 'RESET ROLE; RESET verbatim.organization_id';

function viewerScope(viewer: Viewer): Scope {
  const organizationId = viewer.organizationId ?? '';
  // Inlined, so role and setting go in one round trip (one implicit transaction); ids are digits only.
  if (!/^\d*$/.test(organizationId)) throw new Error(`Not an organisation id: ${organizationId}`);
  return `SET ROLE ${REQUEST_ROLE}; SET verbatim.organization_id = '${organizationId}'`;
}

/**
 * The scope each pooled connection is in. A connection keeps its scope when it goes back to
 * the pool; the next checkout changes it only if it needs another one, so a busy viewer pays
 * nothing per statement. Every checkout goes through inScope (the data source's
 * createQueryRunner is the only way TypeORM takes a connection after start-up), so none runs
 * in a scope it did not ask for. A new connection has no entry: it is unscoped.
 */
const scopeOfConnection = new WeakMap<PoolClient, Scope>();

/** What is used of TypeORM's PostgresQueryRunner, including its private way to hand a connection back with an error. */
interface PostgresRunner {
  isReleased: boolean;
  connect(): Promise<PoolClient>;
  release(): Promise<void>;
  releasePostgresConnection(error?: Error): Promise<void>;
}

/** Puts the runner's connection in `scope` when it is checked out. */
function inScope(runner: QueryRunner, scope: Scope): QueryRunner {
  const postgres = runner as unknown as PostgresRunner;
  const connect = postgres.connect.bind(postgres);
  const release = postgres.release.bind(postgres);
  let scoping: Promise<PoolClient> | undefined;
  let broken: Error | undefined;
  // query() calls connect() before every statement: only the first one sets the scope.
  postgres.connect = () =>
    (scoping ??= connect().then(async (connection) => {
      if ((scopeOfConnection.get(connection) ?? UNSCOPED) === scope) return connection;
      scopeOfConnection.delete(connection);
      try {
        await connection.query(scope);
      } catch (error) {
        broken = error as Error;
        throw error;
      }
      scopeOfConnection.set(connection, scope);
      return connection;
    }));
  // A connection whose scope could not be set is in an unknown state: pg-pool destroys a
  // connection released with an error, so it is never used again.
  postgres.release = () => (broken === undefined ? release() : postgres.releasePostgresConnection(broken));
  return runner;
}
