import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { ANONYMOUS, type Viewer } from '../../src/common/viewer';
import { scopedDataSource } from '../../src/db/request-scope';
import { Role } from '../../src/common/role';
import { startTestApp } from '../helpers/test-app';

/**
 * What the request scope of row-level security costs (docs/security.md): one statement per
 * checkout through the bare pool and through scoped data sources, when the pooled connection is
 * already in the viewer's scope and when every checkout must change it; and what making a
 * request's scoped data source costs. `npx tsx test/load/measure-request-scope.ts`
 * (DATABASE_URL: a PostgreSQL server; the run makes and drops a database of its own).
 */
async function main(): Promise<void> {
  const app = await startTestApp();
  const partner: Viewer = { organizationId: '1', role: Role.READER, keyPrefix: null };
  const [anonymous, organisation] = [scopedDataSource(app.db, ANONYMOUS), scopedDataSource(app.db, partner)];
  const sql = `SELECT id, text FROM claim WHERE article_id = 1 LIMIT 20`;
  let turn = 0;
  const runs: Array<[string, () => Promise<unknown>]> = [
    ['bare pool', () => app.db.query(sql)],
    ['scoped, connection already in scope', () => anonymous.query(sql)],
    ['scoped, viewer changes every checkout', () => (turn++ % 2 ? anonymous : organisation).query(sql)],
    ['scoped and bare in turn', () => (turn++ % 2 ? anonymous : app.db).query(sql)],
    ['making a scoped data source (no statement)', async () => scopedDataSource(app.db, partner)],
  ];
  const samples = new Map<string, number[]>();
  const rounds = 1000;
  for (let repeat = 0; repeat < 5; repeat++) {
    for (const [label, run] of runs) {
      for (let i = 0; i < 100; i++) await run(); // warm up
      const start = performance.now();
      for (let i = 0; i < rounds; i++) await run();
      samples.set(label, [...(samples.get(label) ?? []), ((performance.now() - start) / rounds) * 1000]);
    }
  }
  for (const [label, times] of samples) {
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    process.stdout.write(`${label.padEnd(44)} ${median.toFixed(1).padStart(6)} µs (median of ${times.length} runs of ${rounds})\n`);
  }
  await app.close();
}

void main();
