import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { missingWrites, runLoad, summarize } from './load-generator';

/** Issue 6: mixed reads and writes, concurrency 32, 60 s, on loopback: no errors, nothing lost. */
const DURATION_MS = 60_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ VERBATIM_DB_POOL_SIZE: '10', VERBATIM_EXPOSE_SQL_COUNT: 'false' });
});
afterAll(async () => {
  await app.close();
});

it(
  'serves a minute of mixed load at concurrency 32 without an error, and keeps every acknowledged write',
  async () => {
    const editorKey = await insertApiKey(app.db, Role.EDITOR, 'Load partner');
    const result = await runLoad({ url: app.url, editorKey, concurrency: 32, durationMs: DURATION_MS });
    const missing = await missingWrites((sql, params) => app.db.query(sql, params), result.acknowledged);
    process.stdout.write(`${summarize('load run', result)}\nmissing after the run: ${JSON.stringify(missing)}\n`);
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.acknowledged.articleUrls.length).toBeGreaterThan(100);
    expect(result.acknowledged.claimIds.length).toBeGreaterThan(100);
    expect(missing).toEqual({ articles: 0, claims: 0 });
  },
  DURATION_MS + 60_000,
);
