/**
 * The pieces of bench:compare that drive load and read a server's cost: child servers with
 * a stats port (bench/count-queries.cjs), autocannon runs, and the SQL floor's own loop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { freePort } from '../src/common/free-port';

export interface Measurement {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Round trips to PostgreSQL per request (null for the floor: one by construction). */
  statements: number | null;
  /** Node CPU of the server process per request (the floor: of the load process). */
  cpuMs: number | null;
  rssMiB: number | null;
}

/**
 * The environment every benchmark gives the Verbatim it measures: production mode, quiet logs,
 * no demo data, and no rate limits (the bench measures the server, not the limiter: autocannon
 * sends thousands of requests a minute).
 */
export function measuredServerEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    VERBATIM_DEMO_DATA: 'false',
    VERBATIM_RATE_LIMIT_PER_MINUTE: '0',
    VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
  };
}

/**
 * The server as `npm start` runs it: compiles the checkout at `root` (`tsc -p tsconfig.build.json`,
 * into its dist/, without the viewer's assets, which the measured routes do not serve) and gives
 * the script to run. tsx's on-the-fly compilation is not what users run.
 */
export function builtVerbatim(root: string): string {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed in ${root}`);
  return 'dist/src/main.js';
}

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  statsFile: string;
  stop(): Promise<void>;
}

/** Starts `node [nodeArgs] script` in `cwd` with the statement counter preloaded; resolves once `readyPath` answers. */
export async function startServer(options: {
  name: string;
  cwd: string;
  nodeArgs: string[];
  env: Record<string, string>;
  readyPath: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const statsFile = path.join(os.tmpdir(), `verbatim-bench-${process.pid}-${port}.json`);
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'count-queries.cjs'), ...options.nodeArgs], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), BENCH_STATS_FILE: statsFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited: ${stderr}`);
    try {
      const response = await fetch(base + options.readyPath, options.readyPath === '/graphql' ? readyProbe : undefined);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${options.name} did not become ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name: options.name,
    url: `${base}/graphql`,
    child,
    statsFile,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const readyProbe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };

interface Stats {
  queries: number;
  cpuMicros: number;
  rss: number;
}

/** Asks the server (SIGUSR2) for its counters and waits for the file it writes. */
async function statsOf(server: ServerProcess): Promise<Stats> {
  const previous = readStats(server.statsFile)?.seq ?? 0;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 200; i += 1) {
    const stats = readStats(server.statsFile);
    if (stats !== null && stats.seq > previous) return stats;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${server.name} did not write its statistics`);
}

function readStats(file: string): (Stats & { seq: number }) | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stats & { seq: number };
  } catch {
    return null;
  }
}

function rssMiBOf(pid: number | undefined): number {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kib / 1024;
}

export async function postGraphql(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/** A short warm-up, then `seconds` of autocannon load on one request (or a rotation of them). */
export async function loadServer(
  server: ServerProcess,
  requests: autocannon.Request[],
  options: { seconds: number; warmupSeconds: number; connections: number; headers: Record<string, string> },
): Promise<Measurement> {
  const run = (seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: server.url,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          requests: requests.map((r) => ({ method: 'POST', ...r })),
          connections: options.connections,
          duration: seconds,
        },
        (error: Error | null, result) => (error ? reject(error) : resolve(result)),
      );
    });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const before = await statsOf(server);
  let rss = rssMiBOf(server.child.pid);
  const sampler = setInterval(() => (rss = Math.max(rss, rssMiBOf(server.child.pid))), 250);
  const result = await run(options.seconds).finally(() => clearInterval(sampler));
  const after = await statsOf(server);
  const total = result.requests.total;
  return {
    requests: total,
    rps: total / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    // The stats request itself is one round trip to neither server's database.
    statements: total > 0 ? (after.queries - before.queries) / total : null,
    cpuMs: total > 0 ? (after.cpuMicros - before.cpuMicros) / 1000 / total : null,
    rssMiB: Math.max(rss, after.rss / 2 ** 20),
  };
}

/** The SQL floor: `connections` loops sending one statement each through a pg pool of `poolSize`. */
export async function loadFloor(
  databaseUrl: string,
  sql: { text: string; values?: unknown[] },
  options: { seconds: number; warmupSeconds: number; connections: number; poolSize: number },
): Promise<Measurement> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.poolSize });
  try {
    const loop = async (until: number, latencies: number[] | null) => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await pool.query(sql.text, sql.values);
        latencies?.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    };
    const warmUntil = Date.now() + options.warmupSeconds * 1000;
    await Promise.all(Array.from({ length: options.connections }, () => loop(warmUntil, null)));
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const until = Date.now() + options.seconds * 1000;
    await Promise.all(Array.from({ length: options.connections }, () => loop(until, latencies)));
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return {
      requests: latencies.length,
      rps: latencies.length / options.seconds,
      p50: at(0.5),
      p99: at(0.99),
      errors: 0,
      statements: 1,
      cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
      rssMiB: null,
    };
  } finally {
    await pool.end();
  }
}

/** One statement on its own connection (CREATE/DROP DATABASE, the peer's SQL functions). */
export async function runSql(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
