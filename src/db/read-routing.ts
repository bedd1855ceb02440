import { Pool, type PoolClient } from 'pg';
import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import type { Viewer } from '../common/viewer';
import { isDatabaseUnavailable } from '../common/database-errors';
import { ReplicaSet, type Checkout, type Replica, type ReplicaOptions } from './read-replicas';

/**
 * Read-only requests on streaming replicas, everything else on the primary (docs/scaling.md).
 *
 * TypeORM's `replication` option makes one pool per replica but picks one at random for each
 * SELECT outside a transaction, knows nothing of lag, and sends raw SQL and every statement of
 * a mutation's payload to the primary. Here a request decides once, at its first statement:
 * a request marked read-only (a GraphQL query, an export) takes one fit replica for all its
 * statements (one replica's view, never a mix), unless its API key wrote recently and no replica
 * has replayed that far; every other request, and the plain data source (migrations, key
 * lookups, the CLI), uses the primary. The request scope (role and organisation, row-level
 * security) is set on a replica's connection like on the primary's: physical replicas have the
 * same roles and policies.
 */

/** What is used of TypeORM's PostgresDriver. */
interface PostgresDriver {
  master: Pool;
  slaves: Pool[];
  options: { replication?: { slaves: unknown[] } };
  createPool(options: { poolSize?: number; extra?: object }, credentials: { url?: string }): Promise<Pool>;
  createQueryRunner(mode: ReplicationMode): QueryRunner;
  obtainMasterConnection(): Promise<Checkout>;
  obtainSlaveConnection(): Promise<Checkout>;
}

interface PostgresRunner {
  databaseConnection?: PoolClient;
  isTransactionActive: boolean;
  query(...args: unknown[]): Promise<unknown>;
}

const replicaSets = new WeakMap<DataSource, ReplicaSet>();

/** The replicas of a data source made with replica URLs (tests, metrics); undefined without. */
export function replicaSetOf(db: DataSource): ReplicaSet | undefined {
  return replicaSets.get(db) ?? replicaSets.get(Object.getPrototypeOf(db) as DataSource);
}

/**
 * Called by createDataSource when replicas are configured. A replica that is down when the
 * process starts does not stop it (TypeORM would fail on its test connection): its pool is made
 * without one and the checks find it when it answers.
 */
export function attachReplicas(db: DataSource, options: ReplicaOptions): void {
  const driver = db.driver as unknown as PostgresDriver;
  const createPool = driver.createPool.bind(driver);
  driver.createPool = async (poolOptions, credentials) => {
    if (!(driver.options.replication?.slaves ?? []).includes(credentials)) return createPool(poolOptions, credentials);
    const pool = new Pool({ connectionString: credentials.url, max: poolOptions.poolSize, ...poolOptions.extra });
    pool.on('error', () => undefined); // an idle connection lost (replica restarting): the pool drops it; the checks notice
    return pool;
  };
  const initialize = db.initialize.bind(db);
  const destroy = db.destroy.bind(db);
  Object.defineProperties(db, {
    initialize: {
      value: async () => {
        await initialize();
        const replicas = new ReplicaSet(driver.master, driver.slaves, options);
        replicaSets.set(db, replicas);
        await replicas.start();
        return db;
      },
    },
    destroy: {
      value: async () => {
        replicaSets.get(db)?.stop();
        await destroy();
      },
    },
  });
}

/** Per request: read-only or not, and where its statements went. */
export interface ReadRoute {
  /** Set by the GraphQL plugin for query operations and by the export route; before the first statement. */
  readOnly: boolean;
}

const routes = new WeakMap<DataSource, ReadRoute>();

/**
 * The request's data source (already in the viewer's scope) with its statements routed: a view
 * of the driver whose connections come from the request's choice of server. Without replicas,
 * `scoped` itself.
 */
export function routeReads(scoped: DataSource, viewer: Viewer): DataSource {
  const replicas = replicaSetOf(scoped);
  if (replicas === undefined) return scoped;
  const route: ReadRoute = { readOnly: false };
  let choice: Promise<Replica | undefined> | undefined;
  let fallenBack = false;
  const obtain = async (): Promise<Checkout> => {
    if (!route.readOnly || fallenBack) return replicas.connect(undefined);
    const replica = await (choice ??= replicas.pick(viewer.keyPrefix));
    if (replica === undefined) return replicas.connect(undefined);
    try {
      const checkout = await replicas.connect(replica);
      replicaConnections.set(checkout[0], replica);
      return checkout;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      replicas.markDown(replica);
      fallenBack = true;
      return replicas.connect(undefined);
    }
  };
  const driver = scoped.driver as unknown as PostgresDriver;
  const view = Object.create(driver) as PostgresDriver;
  Object.defineProperties(view, {
    obtainMasterConnection: { value: obtain },
    obtainSlaveConnection: { value: obtain },
    createQueryRunner: {
      value: (mode: ReplicationMode) => {
        const runner = (Object.getPrototypeOf(driver) as PostgresDriver).createQueryRunner.call(view, mode);
        retryOnPrimary(
          runner,
          () => {
            fallenBack = true;
            return scoped.createQueryRunner(mode);
          },
          replicas,
        );
        return runner;
      },
    },
  });
  Object.defineProperty(scoped, 'driver', { value: view });
  routes.set(scoped, route);
  return scoped;
}

/** Marks the request whose data source this is as read-only (its statements may go to a replica). No-op without replicas. */
export function readOnlyRequest(db: DataSource): void {
  const route = routes.get(db);
  if (route !== undefined) route.readOnly = true;
}

const replicaConnections = new WeakMap<PoolClient, Replica>();

/**
 * A statement that fails because its replica went away (restart, crash) runs again on the
 * primary, on a fresh connection in the same scope, so reads go on while a replica restarts.
 * Only outside a transaction: one statement of a read-only request is safe to run twice.
 */
function retryOnPrimary(runner: QueryRunner, fresh: () => QueryRunner, replicas: ReplicaSet): void {
  const postgres = runner as unknown as PostgresRunner;
  const query = postgres.query.bind(postgres);
  postgres.query = async (...args: unknown[]) => {
    try {
      return await query(...args);
    } catch (error) {
      const connection = postgres.databaseConnection;
      const replica = connection === undefined ? undefined : replicaConnections.get(connection);
      if (replica === undefined || postgres.isTransactionActive || !isDatabaseUnavailable(error)) throw error;
      replicas.markDown(replica);
      const other = fresh() as unknown as PostgresRunner & QueryRunner;
      try {
        return await other.query(...args);
      } finally {
        await other.release();
      }
    }
  };
}
