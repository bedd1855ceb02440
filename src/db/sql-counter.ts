import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner, Logger as TypeOrmLogger } from 'typeorm';

/** Per-request SQL statement count. */
interface SqlCount {
  statements: number;
}

/** For `VERBATIM_EXPOSE_SQL_COUNT` (DESIGN.md): every statement of the request's async context, whichever data source ran it. */
const requestCount = new AsyncLocalStorage<SqlCount>();

export function countSqlStatements<T>(run: () => T): T {
  return requestCount.run({ statements: 0 }, run);
}

export function sqlStatementsSoFar(): number | undefined {
  return requestCount.getStore()?.statements;
}

/**
 * For the request log and metrics, always on: statements run through one request's data source
 * (its Context's `db`). A query runner knows the data source that made it (`runner.manager.dataSource`),
 * so counting costs a WeakMap lookup per statement, not an AsyncLocalStorage around every request
 * (which hooks every promise: STACK-NOTES 17).
 */
const tallies = new WeakMap<DataSource, SqlCount>();

/** Starts counting the statements run through `db` (a request's scoped data source); read `.statements` at the end. */
export function tallySqlStatements(db: DataSource): { readonly statements: number } {
  let tally = tallies.get(db);
  if (tally === undefined) {
    tally = { statements: 0 };
    tallies.set(db, tally);
  }
  return tally;
}

/** TypeORM logger that counts statements for the current request and reports failures. */
export class CountingLogger implements TypeOrmLogger {
  constructor(
    private readonly onError: (message: string, query: string) => void = () => undefined,
    /** Sees every statement with its parameters (scripts/explain.ts replays them under EXPLAIN). */
    private readonly onQuery?: (query: string, parameters: unknown[] | undefined) => void,
  ) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const count = requestCount.getStore();
    if (count !== undefined) count.statements += 1;
    // `manager` is unset only while TypeORM builds a runner (its own statements come later).
    const owner = (queryRunner?.manager as { dataSource?: DataSource } | undefined)?.dataSource;
    if (owner !== undefined) {
      const tally = tallies.get(owner);
      if (tally !== undefined) tally.statements += 1;
    }
    this.onQuery?.(query, parameters);
  }

  logQueryError(error: string | Error, query: string): void {
    this.onError(typeof error === 'string' ? error : error.message, query);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
