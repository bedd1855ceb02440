import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/db/global-id-key';
import { Role } from '../../src/common/role';
import { startServer, type RunningServer } from '../../src/server';
import { insertApiKey } from '../helpers/factories';
import { ADMIN_KEY } from '../helpers/test-app';
import { missingWrites, runLoad, summarize } from './load-generator';
import { controlledPostgres, type ControlledPostgres } from './postgres-control';

/**
 * Issue 6's fault run: PostgreSQL is stopped (fast shutdown) in the middle of the load and
 * started again five seconds later, on the same data. While it is away, requests fail fast with
 * retryable 503s and /readyz says 503; clients that retry those lose nothing; when it is back,
 * the same API process serves again, and every acknowledged write is there.
 */
const LOAD_MS = 40_000;
const OUTAGE_AT_MS = 10_000;
const OUTAGE_MS = 5_000;

let postgres: ControlledPostgres;
let db: DataSource;
let server: RunningServer;

beforeAll(async () => {
  postgres = await controlledPostgres();
  const config = {
    ...loadConfig({
      DATABASE_URL: postgres.url,
      VERBATIM_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      VERBATIM_RATE_LIMIT_PER_MINUTE: '0',
      VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
      VERBATIM_DB_CONNECT_TIMEOUT_MS: '1000',
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent',
    }),
    port: 0,
  };
  db = createDataSource({ url: postgres.url, poolSize: 10, connectTimeoutMs: config.dbConnectTimeoutMs });
  await db.initialize();
  await migrateDatabase(db);
  server = await startServer({ config, db, logger: createLogger(config) });
});
afterAll(async () => {
  await server?.stop();
  await db?.destroy();
  await postgres?.destroy();
});

const readyz = async (): Promise<number> => (await fetch(server.url.replace('/graphql', '/readyz'))).status;

it(
  'rides out PostgreSQL stopping and starting again mid-load: fast retryable failures, then service, nothing lost',
  async () => {
    const editorKey = await insertApiKey(db, Role.EDITOR, 'Fault partner');
    const load = runLoad({ url: server.url, editorKey, concurrency: 32, durationMs: LOAD_MS, retryRetryable: true, retryForMs: 30_000 });

    await new Promise((resolve) => setTimeout(resolve, OUTAGE_AT_MS));
    await postgres.stop();
    const outage = { readyz: await readyz(), probeStatus: 0, probeMs: 0, retryable: false };
    const probeStart = performance.now();
    const probe = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ claims(first: 1) { totalCount } }' }),
    });
    outage.probeMs = performance.now() - probeStart;
    outage.probeStatus = probe.status;
    outage.retryable =
      ((await probe.json()) as { errors?: Array<{ extensions?: { retryable?: boolean } }> }).errors?.[0]?.extensions?.retryable === true;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await postgres.start();

    const result = await load;
    const after = await readyz();
    const missing = await missingWrites((sql, params) => db.query(sql, params), result.acknowledged);
    process.stdout.write(
      `${summarize('fault run (PostgreSQL stopped for 5 s mid-load)', result)}\n` +
        `during the outage: /readyz ${outage.readyz}, a read answered ${outage.probeStatus} in ${outage.probeMs.toFixed(0)} ms (retryable: ${outage.retryable})\n` +
        `after: /readyz ${after}; missing acknowledged writes: ${JSON.stringify(missing)}\n`,
    );

    expect(outage).toMatchObject({ readyz: 503, probeStatus: 503, retryable: true });
    expect(outage.probeMs).toBeLessThan(3000);
    expect(result.retryableAnswers).toBeGreaterThan(0); // the outage was seen, and ridden out
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(after).toBe(200);
    expect(missing).toEqual({ articles: 0, claims: 0 });
  },
  LOAD_MS + 90_000,
);
