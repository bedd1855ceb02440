/**
 * `npm run bench:profile -- --op B [--scale small] [--seconds 10] [--connections 16] [--database-url URL]`: runs
 * Verbatim with the CPU profiler on during the measured seconds, loads one operation of bench:compare, stops the server and
 * prints where its CPU went: self time by package (node_modules/<name>), by our own source files
 * (src/...), by Node internals, GC and idle. The .cpuprofile stays in bench/results/profiles/ to
 * open in Chrome DevTools or speedscope.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadGlobalIdKey } from '../src/db/global-id-key';
import { builtVerbatim, loadServer, measuredServerEnv, postGraphql, startServer } from './load';
import { operations } from './operations';
import { BENCH_READER_KEY, SCALES, benchDatabaseUrl, type Scale } from './seed';

const ROOT = path.resolve(__dirname, '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      op: { type: 'string', default: 'B' },
      scale: { type: 'string', default: 'small' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      top: { type: 'string', default: '25' },
      'database-url': { type: 'string' },
    },
  });
  const scale = values.scale as Scale;
  const databaseUrl = benchDatabaseUrl(scale, values['database-url']);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await loadGlobalIdKey(client).finally(() => client.end());
  const op = operations(String(Math.ceil(SCALES[scale].articles / 2))).find((o) => o.key === values.op);
  if (op === undefined) throw new Error(`--op must be one of A–F or Z`);
  const dir = path.join(ROOT, 'bench', 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `verbatim-${op.key}-${Date.now()}.cpuprofile`);
  const server = await startServer({
    name: 'Verbatim',
    cwd: ROOT,
    // The profiler runs during the measured seconds only (bench/count-queries.cjs).
    nodeArgs: [builtVerbatim(ROOT)],
    env: { ...measuredServerEnv(databaseUrl), BENCH_PROFILE: file },
    readyPath: '/readyz',
  });
  const headers = { authorization: `Bearer ${BENCH_READER_KEY}` };
  let m;
  try {
    const check = await postGraphql(server.url, op.verbatim, headers);
    if (check.errors !== undefined) throw new Error(JSON.stringify(check.errors));
    m = await loadServer(server, [{ body: JSON.stringify(op.verbatim) }], {
      seconds: Number(values.seconds),
      warmupSeconds: 2,
      connections: Number(values.connections),
      headers,
    });
    for (let i = 0; i < 100 && !existsSync(file); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await server.stop();
  }
  for (let i = 0; i < 100 && !existsSync(file); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  process.stdout.write(
    `${op.key} ${op.title}: ${m.requests} requests, ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, ${m.cpuMs?.toFixed(2)} CPU ms/request, ` +
      `${m.statements?.toFixed(1)} statements/request\nprofile: ${path.relative(ROOT, file)}\n\n`,
  );
  process.stdout.write(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, m.requests, Number(values.top)));
}

/** Self time by where the code lives, in ms per request over the whole profile (start-up included). */
export function summarize(profile: CpuProfile, requests: number, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id) as ProfileNode;
    const group = groupOf(node.callFrame);
    groups.set(group, (groups.get(group) ?? 0) + micros);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const busy = [...groups].filter(([g]) => g !== '(idle)').reduce((sum, [, v]) => sum + v, 0);
  const lines = [
    `busy ${(busy / 1000).toFixed(0)} ms in all; per request (${requests}):`,
    '',
    '| where | ms/request | share |',
    '|---|---:|---:|',
  ];
  for (const [group, micros] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(
      `| ${group} | ${(micros / 1000 / requests).toFixed(3)} | ${group === '(idle)' ? '' : ((100 * micros) / busy).toFixed(1) + '%'} |`,
    );
  }
  lines.push('', '| function (self) | ms/request |', '|---|---:|');
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`| ${name.replace(/\|/g, '\\|')} | ${(micros / 1000 / requests).toFixed(3)} |`);
  }
  return lines.join('\n') + '\n';
}

function groupOf(frame: { functionName: string; url: string }): string {
  if (frame.url === '') {
    if (frame.functionName === '(garbage collector)') return '(gc)';
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') return `(${frame.functionName.replace(/[()]/g, '')})`;
    return '(native)';
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (modules !== null) return modules[1];
  if (frame.url.startsWith('node:')) return `node:${frame.url.slice(5).split('/')[0]}`;
  const src = /\/(src\/.*)$/.exec(frame.url);
  return src !== null ? src[1] : frame.url;
}

function shortUrl(url: string): string {
  const modules = /node_modules\/(.*)$/.exec(url);
  if (modules !== null) return modules[1];
  const src = /\/(src\/.*)$/.exec(url);
  return src !== null ? src[1] : url;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
