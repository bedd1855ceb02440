/**
 * `npm run bench:ab -- --baseline DIR [--scale small] [--only B,D] [--rounds 4] [--seconds 3]
 * [--connections 16] [--database-url URL] [--current-node-args "..."] [--baseline-node-args "..."]`: this checkout's Verbatim against another checkout's
 * (DIR: a `git worktree add --detach DIR <commit>` with its own node_modules), on one bench
 * database, in one run: per round and operation both are loaded in turn (the order alternates
 * between rounds), medians over rounds. On a machine shared with other work, a before/after
 * measured at two different times compares two machines; alternating in one run does not.
 * Prints a markdown table (req/s, p50/p99, statements, CPU ms per request, RSS, and the ratio of
 * this checkout over the baseline). Loopback only; not part of `npm test`.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtVerbatim, loadServer, measuredServerEnv, postGraphql, startServer, type Measurement, type ServerProcess } from './load';
import { operations } from './operations';
import { BENCH_READER_KEY, SCALES, benchDatabaseUrl, seedBenchDatabase, type Scale } from './seed';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      scale: { type: 'string', default: 'small' },
      only: { type: 'string', default: 'A,B,C,D,E,F' },
      rounds: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      'database-url': { type: 'string' },
      // Node flags for either side, e.g. the same checkout against itself with --max-semi-space-size=64.
      'current-node-args': { type: 'string', default: '' },
      'baseline-node-args': { type: 'string', default: '' },
    },
  });
  if (values.baseline === undefined) throw new Error('--baseline DIR: the checkout to compare this one with');
  const scale = values.scale as Scale;
  const databaseUrl = benchDatabaseUrl(scale, values['database-url']);
  process.stderr.write(`[bench:ab] ${await seedBenchDatabase(databaseUrl, scale)}\n`);
  const ops = operations(String(Math.ceil(SCALES[scale].articles / 2))).filter((op) => values.only.split(',').includes(op.key));
  const settings = { seconds: Number(values.seconds), warmupSeconds: 1, connections: Number(values.connections) };
  const headers = { authorization: `Bearer ${BENCH_READER_KEY}` };
  const checkouts = { current: ROOT, baseline: path.resolve(values.baseline) };
  const servers: Record<keyof typeof checkouts, ServerProcess> = {} as never;
  try {
    for (const [name, cwd] of Object.entries(checkouts) as Array<[keyof typeof checkouts, string]>) {
      servers[name] = await startServer({
        name,
        cwd,
        nodeArgs: [...values[`${name}-node-args`].split(' ').filter(Boolean), builtVerbatim(cwd)],
        env: measuredServerEnv(databaseUrl),
        readyPath: '/readyz',
      });
    }
    const samples = new Map<string, Measurement[]>();
    const started = new Date().toISOString();
    for (let round = 0; round < Number(values.rounds); round += 1) {
      for (const op of ops) {
        const order: Array<keyof typeof checkouts> = round % 2 === 0 ? ['current', 'baseline'] : ['baseline', 'current'];
        for (const name of order) {
          const check = await postGraphql(servers[name].url, op.verbatim, headers);
          if (check.errors !== undefined) throw new Error(`${name} ${op.key}: ${JSON.stringify(check.errors)}`);
          const m = await loadServer(servers[name], [{ body: JSON.stringify(op.verbatim) }], { ...settings, headers });
          samples.set(`${op.key}:${name}`, [...(samples.get(`${op.key}:${name}`) ?? []), m]);
          process.stderr.write(
            `[bench:ab] round ${round + 1} ${op.key} ${name}: ${m.rps.toFixed(0)} req/s, ${m.cpuMs?.toFixed(2)} CPU ms\n`,
          );
        }
      }
    }
    const lines = [
      `Started ${started}; ${values.rounds} rounds × ${settings.seconds} s per checkout and operation, ${settings.connections} connections, scale ${scale}; medians. Baseline: ${checkouts.baseline}.`,
      '',
      '| op | req/s (this / baseline) | ratio | p50 ms | p99 ms | stmts/req | CPU ms/req | RSS MiB |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    ];
    for (const op of ops) {
      const current = median(samples.get(`${op.key}:current`) ?? []);
      const baseline = median(samples.get(`${op.key}:baseline`) ?? []);
      const pair = (f: (m: Measurement) => number | null, digits: number) =>
        `${f(current)?.toFixed(digits) ?? '–'} / ${f(baseline)?.toFixed(digits) ?? '–'}`;
      lines.push(
        `| ${op.key} | ${pair((m) => m.rps, 0)} | **${(current.rps / baseline.rps).toFixed(2)}** | ${pair((m) => m.p50, 1)} | ${pair(
          (m) => m.p99,
          1,
        )} | ${pair((m) => m.statements, 1)} | ${pair((m) => m.cpuMs, 2)} | ${pair((m) => m.rssMiB, 0)} |`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}

/** Per field, the median over the samples. */
function median(samples: Measurement[]): Measurement {
  const mid = (values: Array<number | null>): number | null => {
    const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
    if (known.length === 0) return null;
    const half = Math.floor(known.length / 2);
    return known.length % 2 === 1 ? known[half] : (known[half - 1] + known[half]) / 2;
  };
  const field = <K extends keyof Measurement>(key: K) => mid(samples.map((s) => s[key]));
  return {
    requests: field('requests') ?? 0,
    rps: field('rps') ?? 0,
    p50: field('p50') ?? 0,
    p99: field('p99') ?? 0,
    errors: field('errors') ?? 0,
    statements: field('statements'),
    cpuMs: field('cpuMs'),
    rssMiB: field('rssMiB'),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
