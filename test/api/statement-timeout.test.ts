import { Client } from 'pg';
import { captureLogs, type CapturedLogs } from '../helpers/captured-logs';
import { startTestApp, ADMIN_KEY, type TestApp } from '../helpers/test-app';

/**
 * VERBATIM_STATEMENT_TIMEOUT_MS cuts a statement that runs too long. A statement is made slow
 * without timing anything: another session holds a lock on the table it reads, so it waits
 * until PostgreSQL cuts it.
 */
let app: TestApp;
let logs: CapturedLogs;
let locker: Client;

beforeAll(async () => {
  logs = captureLogs();
  // Long enough for every migration statement on a busy machine; the lock wait below is cut at it.
  app = await startTestApp({ VERBATIM_STATEMENT_TIMEOUT_MS: '2000' }, { logger: logs.logger });
  locker = new Client({ connectionString: app.config.databaseUrl });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await app.close();
});

/** Runs `ask` while another session holds an exclusive lock on `table`. */
async function whileLocked<T>(table: string, ask: () => Promise<T>): Promise<T> {
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  try {
    return await ask();
  } finally {
    await locker.query('ROLLBACK');
  }
}

interface TimedAnswer {
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function post(requestId?: string): Promise<{ status: number; requestId: string | null; json: TimedAnswer }> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}`, ...(requestId && { 'x-request-id': requestId }) },
    body: JSON.stringify({ query: '{ sources(first: 1) { nodes { name } } }' }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), json: (await response.json()) as TimedAnswer };
}

describe('the statement timeout', () => {
  it('cuts a statement that runs too long; the client gets a masked error saying so, and the server still serves', async () => {
    const cut = await whileLocked('source', () => post());
    expect(cut.json.errors).toHaveLength(1);
    expect(cut.json.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'STATEMENT_TIMEOUT' },
    });
    expect(JSON.stringify(cut.json)).not.toMatch(/canceling|statement timeout|SELECT|FROM/);
    const after = await post();
    expect(after.json.errors).toBeUndefined();
  });

  it('logs the fault under the request id the client sent, and under a generated one sent back otherwise', async () => {
    const sent = await whileLocked('source', () => post('timeout-probe.42'));
    expect(sent.requestId).toBe('timeout-probe.42');
    const unnamed = await whileLocked('source', () => post());
    expect(unnamed.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const requestId of ['timeout-probe.42', unnamed.requestId]) {
      const lines = logs.lines.filter((line) => line.requestId === requestId);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      // The log has what the client does not: the database's own words.
      expect(JSON.stringify(lines)).toMatch(/statement timeout/);
    }
  });
});
