/**
 * `npm run bench:scaling`: the figures behind docs/scaling.md, on a database that already holds a
 * corpus (`npm run verbatim -- corpus generate`):
 *
 *   1. bytes per article, sentence, evidence span and mention (tables with their indexes and
 *      TOAST, pg_total_relation_size), to size a corpus of 10M+ articles;
 *   2. throughput of one API process and of VERBATIM_WORKERS processes (Node cluster) on this
 *      machine: autocannon over loopback against the real server (`src/main.ts`) for a few
 *      read queries.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/verbatim_dev npm run bench:scaling
 *
 * Settings: SCALING_WORKERS ("1,2": the process counts to compare), SCALING_SECONDS per query
 * (10), SCALING_CONNECTIONS (16). Bounded: about (2 + seconds) × queries × worker counts, plus
 * start-ups. Timings depend on the machine: compare runs on one machine, never assert them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freePort } from '../src/common/free-port';

const databaseUrl = process.env.DATABASE_URL;
const workerCounts = (process.env.SCALING_WORKERS ?? '1,2').split(',').map(Number);
const seconds = Number(process.env.SCALING_SECONDS ?? 10);
const connections = Number(process.env.SCALING_CONNECTIONS ?? 16);

const QUERIES: { name: string; query: string }[] = [
  { name: 'first 20 articles with source name', query: `{ articles(first: 20) { nodes { id title source { name } } } }` },
  {
    name: '10 articles → 10 sentences → claims',
    query: `{ articles(first: 10) { nodes { id sentences(first: 10) { nodes { id text claims { id text } } } } } }`,
  },
  { name: 'full-text search, 20 hits', query: `{ searchSentences(query: "wounded protest", first: 20) { nodes { id highlight } } }` },
];

async function main(): Promise<void> {
  if (databaseUrl === undefined) throw new Error('Set DATABASE_URL to a database holding a corpus (npm run verbatim -- corpus generate)');
  const started = new Date();
  const sizes = await tableSizes(databaseUrl);
  const lines = [
    `Verbatim scaling figures, ${started.toISOString()}`,
    machine(await serverVersion(databaseUrl)),
    '',
    ...sizeReport(sizes),
    '',
  ];
  lines.push(`Throughput: ${connections} connections, ${seconds} s per query after a 2 s warm-up, loopback.`, '');
  lines.push('| query | ' + workerCounts.map((n) => `${n} process${n > 1 ? 'es' : ''}: req/s (p50 / p99 ms)`).join(' | ') + ' |');
  lines.push('|---|' + workerCounts.map(() => '---:').join('|') + '|');
  const results = new Map<string, string[]>();
  for (const workers of workerCounts) {
    const port = await freePort();
    const server = startServer(databaseUrl, port, workers);
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/readyz`, server);
      for (const { name, query } of QUERIES) {
        const result = await load(`http://127.0.0.1:${port}/graphql`, query);
        results.set(name, [...(results.get(name) ?? []), result]);
        process.stderr.write(`${workers} process(es): ${name}: ${result}\n`);
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  }
  for (const { name } of QUERIES) lines.push(`| ${name} | ${(results.get(name) ?? []).join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

async function tableSizes(url: string): Promise<TableSize[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE');
    const { rows } = await client.query<{ table: string; rows: string; bytes: string }>(
      `SELECT t AS table, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', t), false, true, '')))[1]::text AS rows,
              pg_total_relation_size(t)::text AS bytes
         FROM unnest(ARRAY['article', 'sentence', 'claim', 'evidence', 'mention', 'claim_subject']) AS t`,
    );
    return rows.map((row) => ({ table: row.table, rows: Number(row.rows), bytes: Number(row.bytes) }));
  } finally {
    await client.end();
  }
}

function sizeReport(sizes: TableSize[]): string[] {
  const articles = sizes.find((s) => s.table === 'article')?.rows ?? 0;
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  return [
    `Sizes (pg_total_relation_size: table, indexes, TOAST), ${articles.toLocaleString('en')} articles:`,
    '',
    '| table | rows | rows per article | MiB | bytes per row | bytes per article |',
    '|---|---:|---:|---:|---:|---:|',
    ...sizes.map(
      (s) =>
        `| ${s.table} | ${s.rows.toLocaleString('en')} | ${(s.rows / articles).toFixed(2)} | ${mib(s.bytes)} | ` +
        `${s.rows === 0 ? '–' : Math.round(s.bytes / s.rows)} | ${Math.round(s.bytes / articles).toLocaleString('en')} |`,
    ),
  ];
}

function startServer(url: string, port: number, workers: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      VERBATIM_WORKERS: String(workers),
      LOG_LEVEL: 'warn',
      VERBATIM_DEMO_DATA: 'false',
      VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
      VERBATIM_MAX_QUERY_COST: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Answers once every worker is listening: /readyz from 4 connections in a row. */
async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  let ready = 0;
  for (let i = 0; i < 1200 && ready < 4; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      ready = (await fetch(url, { headers: { connection: 'close' } })).ok ? ready + 1 : 0;
    } catch {
      ready = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (ready < 4) throw new Error('the server did not become ready in 2 minutes');
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the last workers finish starting
}

async function load(url: string, query: string): Promise<string> {
  const check = (await (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  ).json()) as { errors?: unknown };
  if (check.errors !== undefined) throw new Error(JSON.stringify(check.errors));
  const run = (duration: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), connections, duration },
        (error: Error | null, result) => (error ? reject(error) : resolve(result)),
      );
    });
  await run(2);
  const result = await run(seconds);
  const errors = result.errors + result.non2xx + result.timeouts;
  return `${Math.round(result.requests.total / seconds)} (${result.latency.p50} / ${result.latency.p99})${errors > 0 ? `, ${errors} errors` : ''}`;
}

function machine(postgres: string): string {
  return `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${postgres}.`;
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
