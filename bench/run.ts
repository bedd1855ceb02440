/**
 * `npm run bench`: latency and throughput of the representative queries over loopback HTTP, on
 * a deterministic synthetic corpus, plus ingest throughput and the server's memory.
 *
 *   BENCH_ARTICLES=2000 npm run bench                  # embedded PostgreSQL in a temp dir
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *                                                      # a fresh database on that server, dropped after
 *
 * Settings: BENCH_ARTICLES (2000), BENCH_SEED (42), BENCH_SECONDS per query (10),
 * BENCH_CONNECTIONS (10). The server runs as a child process (`src/main.ts`), so the load
 * generator does not share its event loop; its RSS is read from /proc. Prints a markdown report.
 * Timings depend on the machine: compare runs on the same one, never assert them in tests.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { addSyntheticArticle } from '../src/cli/corpus-command';
import { ensureOperatorOrganization } from '../src/http/auth';
import { loadConfig } from '../src/config';
import { createSystemContext } from '../src/context';
import { createDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/global-id-key';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';
import { REPRESENTATIVE_QUERIES } from '../scripts/representative-queries';
import { seedGraph } from '../scripts/seed-graph';
import { measureExtraction, type ExtractionThroughput } from './extraction-throughput';
import { freePort } from '../src/common/free-port';
import { runSql } from './load';

const settings = {
  articles: Number(process.env.BENCH_ARTICLES ?? 2000),
  seed: Number(process.env.BENCH_SEED ?? 42),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  databaseUrl: process.env.DATABASE_URL,
};

interface Row {
  name: string;
  statements: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

async function main(): Promise<void> {
  const started = new Date();
  const database = await openBenchDatabase();
  let server: ChildProcess | undefined;
  try {
    const ingest = await generateCorpus(database.url);
    const port = await freePort();
    server = startServerProcess(database.url, port);
    const url = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(`http://127.0.0.1:${port}/readyz`, server);
    const rssAtStart = rssMiB(server);
    const rows: Row[] = [];
    let rssPeak = rssAtStart;
    for (const item of REPRESENTATIVE_QUERIES) {
      rows.push(await measure(url, item.name, item.query, await variablesFor(url, item)));
      rssPeak = Math.max(rssPeak, rssMiB(server));
      process.stderr.write(`measured: ${item.name}\n`);
    }
    process.stdout.write(
      report({ started, ingest, rows, rssAtStart, rssPeak, rssEnd: rssMiB(server), postgres: await postgresVersion(database.url) }),
    );
  } finally {
    server?.kill('SIGTERM');
    if (server !== undefined) await new Promise((resolve) => server?.once('exit', resolve));
    await database.close();
  }
}

/** A fresh database: on DATABASE_URL's server (dropped afterwards), else an embedded cluster in a temp dir. */
async function openBenchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  if (settings.databaseUrl !== undefined) {
    const name = `verbatim_bench_${randomBytes(4).toString('hex')}`;
    await runSql(settings.databaseUrl, `CREATE DATABASE ${name}`);
    const url = new URL(settings.databaseUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), close: () => runSql(settings.databaseUrl as string, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-bench-'));
  await fs.chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must get in
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), databaseName: 'verbatim_bench' });
  return {
    url: embedded.url,
    async close() {
      await embedded.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Migrates and ingests the synthetic corpus through the real services (as `verbatim corpus generate`). */
async function generateCorpus(
  url: string,
): Promise<{ articles: number; seconds: number; perSecond: number; extraction: ExtractionThroughput }> {
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const db = createDataSource({ url });
  await db.initialize();
  try {
    await migrateDatabase(db);
    const ctx = createSystemContext(db, config, await ensureOperatorOrganization(db), 'bench');
    const begin = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < settings.articles; index = next++) await addSyntheticArticle(ctx, settings.seed, index, 1);
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
    await seedGraph(db, Math.max(100, Math.round(settings.articles / 10)), Math.max(500, Math.round(settings.articles / 2)));
    // After the actors exist, so the gazetteer has names to find.
    const extraction = await measureExtraction(ctx, settings.seed, Math.min(200, settings.articles));
    process.stderr.write(`extraction: ${JSON.stringify(extraction)}\n`);
    await db.query('ANALYZE');
    return { articles: settings.articles, seconds, perSecond: settings.articles / seconds, extraction };
  } finally {
    await db.destroy();
  }
}

function startServerProcess(url: string, port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      VERBATIM_EXPOSE_SQL_COUNT: 'true',
      VERBATIM_DEMO_DATA: 'false',
      // The bench measures the server, not the rate limiter (autocannon sends thousands a minute).
      VERBATIM_RATE_LIMIT_PER_MINUTE: '0',
      VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready in 60 s');
}

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, { pageInfo?: { endCursor: string } }>;
    errors?: unknown;
    extensions?: { sqlStatements?: number };
  };
}

async function variablesFor(url: string, item: (typeof REPRESENTATIVE_QUERIES)[number]): Promise<Record<string, unknown>> {
  const variables = item.variables ?? {};
  if (item.pageTwo === undefined) return variables;
  const first = await post(url, item.query, variables);
  return { ...variables, after: first.data?.[item.pageTwo]?.pageInfo?.endCursor };
}

/** A short warm-up, then BENCH_SECONDS of load; latencies are every response's, percentiles exact. */
async function measure(url: string, name: string, query: string, variables: Record<string, unknown>): Promise<Row> {
  const check = await post(url, query, variables);
  if (check.errors !== undefined) throw new Error(`${name}: ${JSON.stringify(check.errors)}`);
  const body = JSON.stringify({ query, variables });
  const run = (seconds: number, latencies?: number[]) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          connections: settings.connections,
          duration: seconds,
        },
        (error: Error | null, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on('response', (_client, _status, _bytes, responseTime: number) => latencies?.push(responseTime));
    });
  await run(2);
  const latencies: number[] = [];
  const result = await run(settings.seconds, latencies);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    name,
    statements: check.extensions?.sqlStatements ?? NaN,
    requests: result.requests.total,
    rps: result.requests.total / settings.seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  } finally {
    await client.end();
  }
}

function report(r: {
  started: Date;
  ingest: { articles: number; seconds: number; perSecond: number; extraction: ExtractionThroughput };
  rows: Row[];
  rssAtStart: number;
  rssPeak: number;
  rssEnd: number;
  postgres: string;
}): string {
  const ms = (value: number) => value.toFixed(1);
  return [
    `Verbatim benchmark, ${r.started.toISOString()}: ${settings.articles} articles (seed ${settings.seed}), ` +
      `${settings.connections} connections, ${settings.seconds} s per query.`,
    `Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${r.postgres} ` +
      `(${settings.databaseUrl !== undefined ? 'DATABASE_URL server' : 'embedded'}).`,
    '',
    `Ingest (ingestArticle + 1 addClaim each, 4 concurrent, through the services): ${r.ingest.articles} articles in ${r.ingest.seconds.toFixed(1)} s, **${r.ingest.perSecond.toFixed(0)} articles/s**.`,
    `Extraction (${r.ingest.extraction.articles} fresh articles, one at a time): ingestArticle **${r.ingest.extraction.withoutExtraction.toFixed(1)} articles/s** without extraction, ` +
      `**${r.ingest.extraction.withExtraction.toFixed(1)} articles/s** with \`extract: true\`; \`verbatim extract\` re-run ${r.ingest.extraction.rerun.toFixed(1)} articles/s.`,
    `Server RSS: ${r.rssAtStart.toFixed(0)} MiB at start, ${r.rssPeak.toFixed(0)} MiB peak, ${r.rssEnd.toFixed(0)} MiB at the end.`,
    '',
    '| query | SQL statements | requests | req/s | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.rows.map(
      (row) =>
        `| ${row.name} | ${row.statements} | ${row.requests} | ${row.rps.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.errors} |`,
    ),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
