import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Per-request SQL statement count, for `VERBATIM_EXPOSE_SQL_COUNT` (DESIGN.md). */
interface SqlCount {
  statements: number;
}

const requestCount = new AsyncLocalStorage<SqlCount>();

export function countSqlStatements<T>(run: () => T): T {
  return requestCount.run({ statements: 0 }, run);
}

export function sqlStatementsSoFar(): number | undefined {
  return requestCount.getStore()?.statements;
}

/** TypeORM logger that counts statements for the current request and reports failures. */
export class CountingLogger implements TypeOrmLogger {
  constructor(
    private readonly onError: (message: string, query: string) => void = () => undefined,
    /** Sees every statement with its parameters (scripts/explain.ts replays them under EXPLAIN). */
    private readonly onQuery?: (query: string, parameters: unknown[] | undefined) => void,
  ) {}

  logQuery(query: string, parameters?: unknown[]): void {
    const count = requestCount.getStore();
    if (count !== undefined) count.statements += 1;
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
