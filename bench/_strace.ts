import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { loadGlobalIdKey } from '../src/db/global-id-key';
import { SERVER_NODE_OPTIONS, loadServer, measuredServerEnv, startServer } from './load';
import { operations } from './operations';
import { BENCH_READER_KEY, benchDatabaseUrl } from './seed';
async function main() {
  const url = benchDatabaseUrl('medium');
  const c = new Client({ connectionString: url }); await c.connect(); await loadGlobalIdKey(c); await c.end();
  const op = operations('10000').find((o) => o.key === process.argv[2])!;
  const v = await startServer({ name: 'V', cwd: path.resolve(__dirname, '..'), nodeArgs: ['dist/src/main.js'], env: measuredServerEnv(url), readyPath: '/readyz' });
  const p = await startServer({ name: 'P', cwd: path.resolve(__dirname, 'peer'), nodeArgs: ['server.js'], env: { NODE_OPTIONS: SERVER_NODE_OPTIONS, DATABASE_URL: url }, readyPath: '/graphql' });
  for (const [name, s, body, headers] of [['verbatim', v, op.verbatim, { authorization: `Bearer ${BENCH_READER_KEY}` }], ['postgraphile', p, op.postgraphile, {}]] as const) {
    await loadServer(s, [{ body: JSON.stringify(body) }], { seconds: 2, warmupSeconds: 0, connections: 16, headers });
    const out = `/tmp/strace-${name}.txt`;
    const st = spawn('strace', ['-c', '-f', '-o', out, '-p', String(s.child.pid)], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    const m = await loadServer(s, [{ body: JSON.stringify(body) }], { seconds: 4, warmupSeconds: 0, connections: 16, headers });
    st.kill('SIGINT');
    await new Promise((r) => st.on('exit', r));
    console.log(name, m.requests, 'requests');
    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => /writev|write|read|epoll|sendto|recvfrom/.test(l));
    for (const l of lines) { const f = l.trim().split(/\s+/); console.log('  ', f[f.length - 1], 'calls', f[3], 'per req', (Number(f[3]) / m.requests).toFixed(2), 'usecs/call', f[2]); }
  }
  await v.stop(); await p.stop();
}
main();
