/**
 * Whether an error means PostgreSQL cannot be reached or is going away (restarting, shut down,
 * out of connections) rather than that a statement was wrong: the same request may succeed
 * moments later, so clients are told to retry (docs/security.md, "Faults").
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, ({ name, code, message }) => {
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    // TypeORM hands a runner's connection back when the connection reports an error; the
    // transaction's next statement (or its ROLLBACK) then finds the runner (or its connection) released.
    if (name === 'QueryRunnerAlreadyReleasedError' || name === 'QueryRunnerProviderAlreadyReleasedError') return true;
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
  });
}

/** PostgreSQL SQLSTATEs (class 08 is added above) and Node.js network error codes. */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: the server is shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** What pg and pg-pool say when a connection cannot be had or was lost. */
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i;

/**
 * Whether PostgreSQL cut a statement for running longer than `statement_timeout`
 * (VERBATIM_STATEMENT_TIMEOUT_MS): SQLSTATE 57014 with its own message (57014 alone is any cancel).
 */
export function isStatementTimeout(error: unknown): boolean {
  return someCause(error, ({ code, message }) => code === '57014' && typeof message === 'string' && message.includes('statement timeout'));
}

/**
 * Whether `test` holds for the error or anything it wraps: TypeORM wraps the driver's error,
 * GraphQL the resolver's (or a value from another realm that is not instanceof Error), Node's
 * net an AggregateError's.
 */
function someCause(error: unknown, test: (candidate: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const candidate = current as Record<string, unknown>;
    if (test(candidate)) return true;
    const { driverError, cause, originalError, thrownValue, errors } = candidate;
    pending.push(driverError, cause, originalError, thrownValue, ...(Array.isArray(errors) ? (errors as unknown[]) : []));
  }
  return false;
}
