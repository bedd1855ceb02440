/**
 * `npm run bench:compare -- [--scale small|medium|large] [--quick] [--seconds n] [--passes n]
 * [--connections n] [--database-url URL] [--no-docs]`: Verbatim against PostGraphile 4 and the
 * SQL floor, in one run on one database (issue 10).
 *
 * 1. Seeds the scale's bench database if it is not seeded yet (bench/seed.ts), adds PostGraphile's
 *    search and count functions (bench/peer/peer-functions.sql), installs the peer
 *    (`npm ci --prefix bench/peer`) if it is missing.
 * 2. Starts Verbatim (`src/main.ts`, production settings, rate limits off) and PostGraphile as
 *    child processes, each with bench/count-queries.cjs preloaded (statements and CPU).
 * 3. Checks that both answer each operation (A–F, and Z: a request that reads no data) identically (or stops).
 * 4. Per pass, per operation: loads Verbatim, PostGraphile and the floor in turn (the order
 *    alternates between passes), `--seconds` each after a 1 s warm-up; medians over passes.
 * 5. A write mix on Verbatim (ingestArticle and addClaim, alternating), then removes what it wrote.
 * 6. Writes bench/results/compare-<scale>.json and the table into docs/benchmarks.md.
 *
 * Bounded: at medium, defaults (3 passes × 5 s) take about 7 minutes; --quick (1 pass × 3 s) about 2.
 * Loopback only. Not part of `npm test`.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { Client } from 'pg';
import { toGlobalId } from '../src/common/global-id';
import {
  builtVerbatim,
  loadFloor,
  loadServer,
  measuredServerEnv,
  runSql,
  postGraphql,
  startServer,
  type Measurement,
  type ServerProcess,
} from './load';
import { operations, type Operation } from './operations';
import { BENCH_EDITOR_KEY, BENCH_READER_KEY, SCALES, benchDatabaseUrl, seedBenchDatabase, type Scale } from './seed';
import { renderMarkdown, writeDocs, type Report } from './report';

const ROOT = path.resolve(__dirname, '..');
const PEER = path.join(ROOT, 'bench', 'peer');
const CONTENDERS = ['verbatim', 'postgraphile', 'floor'] as const;
type Contender = (typeof CONTENDERS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'medium' },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      passes: { type: 'string' },
      connections: { type: 'string', default: '16' },
      'database-url': { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
      only: { type: 'string', desc: 'operations to run, e.g. "B,C"' },
    },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const settings = {
    scale,
    seconds: Number(values.seconds ?? (values.quick ? 3 : 5)),
    passes: Number(values.passes ?? (values.quick ? 1 : 3)),
    connections: Number(values.connections),
    warmupSeconds: 1,
  };
  const databaseUrl = benchDatabaseUrl(scale, values['database-url']);
  const started = new Date();
  log(`seeding ${databaseUrl} (scale ${scale}) if needed`);
  log(await seedBenchDatabase(databaseUrl, scale));
  await runSql(databaseUrl, readFileSync(path.join(PEER, 'peer-functions.sql'), 'utf8'));
  if (!existsSync(path.join(PEER, 'node_modules', 'postgraphile'))) {
    log('installing PostGraphile into bench/peer (npm ci --prefix bench/peer)');
    execFileSync('npm', ['ci', '--prefix', PEER, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  const articleId = String(Math.ceil(SCALES[scale].articles / 2));
  const ops = operations(articleId).filter((op) => values.only === undefined || values.only.split(',').includes(op.key));

  const servers = await startContenders(databaseUrl);
  try {
    for (const op of ops) await verifySameAnswers(servers, op);
    log('answers verified identical');
    const samples = new Map<string, Measurement[]>();
    for (let pass = 0; pass < settings.passes; pass += 1) {
      for (const op of ops) {
        const order = pass % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse();
        for (const contender of order) {
          const m = await measure(contender, op, servers, databaseUrl, settings);
          const key = `${op.key}:${contender}`;
          samples.set(key, [...(samples.get(key) ?? []), m]);
          log(`pass ${pass + 1} ${op.key} ${contender}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99.toFixed(1)} ms, ${m.errors} errors`);
        }
      }
    }
    const writes = await writeMix(servers.verbatim, databaseUrl, articleId, settings);
    log(`write mix: ${writes.rps.toFixed(0)} req/s, p99 ${writes.p99.toFixed(1)} ms, ${writes.errors} errors`);
    const report: Report = {
      started: started.toISOString(),
      finishedSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      settings,
      machine: await machine(databaseUrl),
      command: `npm run bench:compare -- ${process.argv.slice(2).join(' ')}`.trim(),
      operations: ops.map((op) => ({
        key: op.key,
        title: op.title,
        results: Object.fromEntries(CONTENDERS.map((c) => [c, median(samples.get(`${op.key}:${c}`) ?? [])])) as Record<
          Contender,
          Measurement
        >,
      })),
      writes,
    };
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    const jsonPath = path.join(ROOT, 'bench', 'results', `compare-${scale}.json`);
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    const markdown = renderMarkdown(report);
    process.stdout.write(markdown + '\n');
    if (!values['no-docs']) writeDocs(path.join(ROOT, 'docs', 'benchmarks.md'), scale, markdown);
    log(`wrote ${path.relative(ROOT, jsonPath)}${values['no-docs'] ? '' : ' and docs/benchmarks.md'}`);
  } finally {
    await servers.verbatim.stop();
    await servers.postgraphile.stop();
  }
}

interface Servers {
  verbatim: ServerProcess;
  postgraphile: ServerProcess;
}

async function startContenders(databaseUrl: string): Promise<Servers> {
  const verbatim = await startServer({
    name: 'Verbatim',
    cwd: ROOT,
    nodeArgs: [...(process.env.BENCH_VERBATIM_NODE_ARGS ?? '').split(' ').filter(Boolean), builtVerbatim(ROOT)],
    env: measuredServerEnv(databaseUrl),
    readyPath: '/readyz',
  });
  const postgraphile = await startServer({
    name: 'PostGraphile',
    cwd: PEER,
    nodeArgs: ['server.js'],
    env: { DATABASE_URL: databaseUrl },
    readyPath: '/graphql',
  });
  return { verbatim, postgraphile };
}

const readerHeaders = { authorization: `Bearer ${BENCH_READER_KEY}` };

async function verifySameAnswers(servers: Servers, op: Operation): Promise<void> {
  const ours = await postGraphql(servers.verbatim.url, op.verbatim, readerHeaders);
  const theirs = await postGraphql(servers.postgraphile.url, op.postgraphile);
  if (ours.errors !== undefined || theirs.errors !== undefined) {
    throw new Error(`${op.key}: errors: ${JSON.stringify({ verbatim: ours.errors, postgraphile: theirs.errors })}`);
  }
  const a = op.same.verbatim(ours.data);
  const b = op.same.postgraphile(theirs.data);
  if (!isDeepStrictEqual(a, b)) throw new Error(`${op.key}: answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  if (JSON.stringify(a).length < 10) throw new Error(`${op.key}: the answer is empty: ${JSON.stringify(a)}`);
}

async function measure(
  contender: Contender,
  op: Operation,
  servers: Servers,
  databaseUrl: string,
  settings: { seconds: number; warmupSeconds: number; connections: number },
): Promise<Measurement> {
  if (contender === 'floor') return loadFloor(databaseUrl, op.sql, { ...settings, poolSize: 10 });
  const server = servers[contender];
  const body = JSON.stringify(contender === 'verbatim' ? op.verbatim : op.postgraphile);
  return loadServer(server, [{ body }], { ...settings, headers: contender === 'verbatim' ? readerHeaders : {} });
}

/** ingestArticle and addClaim in turn, 4 connections, as an EDITOR; then deletes the rows it added. */
async function writeMix(
  server: ServerProcess,
  databaseUrl: string,
  articleId: string,
  settings: { seconds: number; warmupSeconds: number },
): Promise<Measurement> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const marks = await highWaterMarks(client);
    const sentence = (
      await client.query<{ start: number; end: number }>(`SELECT start, "end" FROM sentence WHERE article_id = $1 ORDER BY index LIMIT 1`, [
        articleId,
      ])
    ).rows[0];
    let n = 0;
    const ingest = {
      setupRequest: (request: autocannon.Request): autocannon.Request => {
        n += 1;
        const body = `Courts in Basra issued arrest warrants after the protest. Write mix article ${n} of run ${process.pid}.\nAt least ${n % 9} people were wounded, a medical source said.`;
        return {
          ...request,
          body: JSON.stringify({
            query: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { created article { id } } }`,
            variables: {
              input: {
                source: { name: 'Bench writes', domain: 'bench-writes.example' },
                url: `https://bench-writes.example/${process.pid}/${n}`,
                title: `Write mix ${n}`,
                language: 'en',
                body,
              },
            },
          }),
        };
      },
    };
    const addClaim = {
      body: JSON.stringify({
        query: `mutation($input: AddClaimInput!) { addClaim(input: $input) { id } }`,
        variables: {
          input: {
            articleId: toGlobalId('Article', articleId),
            kind: 'REPORT',
            text: 'Write mix claim',
            evidence: [{ start: sentence.start, end: sentence.end }],
          },
        },
      }),
    };
    try {
      return await loadServer(server, [ingest, addClaim], {
        seconds: settings.seconds,
        warmupSeconds: 0,
        connections: 4,
        headers: { authorization: `Bearer ${BENCH_EDITOR_KEY}` },
      });
    } finally {
      // Requests under way when the load stopped may still commit: let them, then remove all.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await removeWrites(client, marks);
    }
  } finally {
    await client.end();
  }
}

const WRITTEN = ['claim', 'article', 'audit_log', 'source'] as const;

async function highWaterMarks(client: Client): Promise<Record<string, number>> {
  const marks: Record<string, number> = {};
  for (const table of WRITTEN)
    marks[table] = Number((await client.query<{ id: string }>(`SELECT coalesce(max(id), 0) AS id FROM ${table}`)).rows[0].id);
  return marks;
}

/** The write mix leaves the database as seeded: later runs measure the same rows. */
async function removeWrites(client: Client, marks: Record<string, number>): Promise<void> {
  await client.query('BEGIN');
  await client.query(`DELETE FROM claim WHERE id > $1`, [marks.claim]); // evidence, subjects, revisions cascade
  await client.query(`DELETE FROM article WHERE id > $1`, [marks.article]); // sentences cascade
  await client.query(`DELETE FROM audit_log WHERE id > $1`, [marks.audit_log]);
  await client.query(`DELETE FROM source WHERE id > $1 AND NOT EXISTS (SELECT 1 FROM article WHERE article.source_id = source.id)`, [
    marks.source,
  ]);
  await client.query('COMMIT');
}

function median(samples: Measurement[]): Measurement {
  const mid = <T>(values: T[]) => values[Math.floor(values.length / 2)];
  const by = (field: keyof Measurement) => mid(samples.map((s) => s[field] as number).sort((a, b) => a - b));
  return {
    requests: by('requests'),
    rps: by('rps'),
    p50: by('p50'),
    p99: by('p99'),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    statements: samples[0]?.statements === null ? null : by('statements'),
    cpuMs: samples[0]?.cpuMs === null ? null : by('cpuMs'),
    rssMiB: samples[0]?.rssMiB === null ? null : Math.max(...samples.map((s) => s.rssMiB ?? 0)),
  };
}

async function machine(databaseUrl: string): Promise<Report['machine']> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    return {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: version,
      load: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
  } finally {
    await client.end();
  }
}

function log(line: string): void {
  process.stderr.write(`[bench:compare] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
