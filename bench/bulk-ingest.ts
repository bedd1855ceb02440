import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ingestNdjsonFile } from '../src/cli/bulk-ingest-command';
import { systemContext } from '../src/cli/cli-session';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/global-id-key';
import { syntheticArticle } from '../src/demo/synthetic-corpus';
import { ensureOperatorOrganization } from '../src/http/auth';

/**
 * `npm run bench:ingest -- [--lines 3000] [--batch 200] [--concurrency 4]`: articles a second
 * through `verbatim ingest FILE.ndjson` without extraction (the same function the command runs),
 * on a synthetic NDJSON file, into a fresh database made on DATABASE_URL's server (default: the
 * local PostgreSQL) and dropped afterwards. A second run over the same file measures the resume
 * path (every line skipped). docs/benchmarks.md records the figures.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lines: { type: 'string' }, batch: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const lines = Number(values.lines ?? 3000);
  const flags = { extract: false, batchSize: Number(values.batch ?? 200), concurrency: Number(values.concurrency ?? 4) };
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `verbatim_bench_ingest_${process.pid}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'verbatim-bench-ingest-'));
  const file = path.join(folder, 'corpus.ndjson');
  const db = createDataSource({ url: url.toString(), poolSize: 10 });
  try {
    await writeFile(file, Array.from({ length: lines }, (_, i) => `${JSON.stringify(syntheticArticle(7, i))}\n`).join(''));
    await db.initialize();
    await migrateDatabase(db);
    const ctx = systemContext(db, loadConfig({ DATABASE_URL: url.toString() }), await ensureOperatorOrganization(db));
    const io = { out: () => undefined, err: () => undefined };
    const timed = async () => {
      const begin = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const tally = await ingestNdjsonFile(ctx, io, file, flags);
      const used = process.cpuUsage(cpu);
      return { tally, seconds: Number(process.hrtime.bigint() - begin) / 1e9, cpuMs: (used.user + used.system) / 1000 };
    };
    const first = await timed();
    const again = await timed();
    const [{ sentences }] = await db.query<Array<{ sentences: number }>>('SELECT count(*)::int AS sentences FROM sentence');
    process.stdout.write(
      [
        `bulk ingest without extraction, ${lines} lines (${sentences} sentences), --batch ${flags.batchSize} --concurrency ${flags.concurrency}:`,
        `  first run: ${first.tally.created} created in ${first.seconds.toFixed(1)} s, ${(first.tally.created / first.seconds).toFixed(0)} articles/s`,
        `  Node CPU: ${(first.cpuMs / Math.max(1, first.tally.created)).toFixed(1)} ms per article (${(first.tally.created / (first.cpuMs / 1000)).toFixed(0)} articles per CPU second of this process; PostgreSQL's not counted)`,
        `  re-run (resume: every line skipped): ${again.tally.skipped} skipped in ${again.seconds.toFixed(1)} s, ${(lines / again.seconds).toFixed(0)} lines/s`,
        `  load average: ${os
          .loadavg()
          .map((load) => load.toFixed(2))
          .join(' ')} on ${os.cpus().length} cores`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.destroy().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    await admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
