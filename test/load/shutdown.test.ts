import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_KEY } from '../helpers/test-app';
import { freePort } from '../../src/common/free-port';

/**
 * `npm start` as a real process (src/main.ts, its own embedded PostgreSQL): SIGTERM while
 * writes are under way drains them (each request that got an answer got a 200), stops the
 * embedded server cleanly (exit 0, no postmaster.pid left), and the next start on the same data
 * finds every acknowledged write.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const BODY = 'The council met on Monday. Lt. Col. Hadi Rahim said the road was 3.5 km long. He left at noon.';

let dir: string;
let port: number;
let url: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-shutdown-'));
  await fs.chmod(dir, 0o755);
  port = await freePort();
  url = `http://localhost:${port}/graphql`;
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function startApp(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  // tsx as a loader inside one node process, as `node dist/src/main.js` runs in production: the tsx
  // command would SIGKILL a child that does not acknowledge SIGTERM within 30 ms, i.e. a busy one.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      VERBATIM_DATA_DIR: path.join(dir, 'data'),
      PORT: String(port),
      VERBATIM_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      VERBATIM_DEMO_DATA: 'false',
      VERBATIM_SHUTDOWN_GRACE_MS: '10000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Verbatim GraphQL API:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before it was ready`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

async function ingest(articleUrl: string, body = BODY): Promise<{ status: number } | 'no answer'> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({
        query: `mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { created } }`,
        variables: { i: { source: { name: 'Shutdown Wire', domain: 'shutdown.example' }, url: articleUrl, title: 'Shutdown', body } },
      }),
    });
    const json = (await response.json()) as { errors?: unknown };
    return { status: json.errors === undefined ? response.status : 599 };
  } catch {
    return 'no answer'; // refused or reset: the server had stopped taking requests
  }
}

it('drains writes under way on SIGTERM, exits cleanly, and the next start finds every acknowledged write', async () => {
  const first = startApp();
  await first.ready;
  const acknowledged: string[] = [];
  const answered: number[] = [];
  let stop = false;
  let counter = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (!stop) {
      const articleUrl = `https://shutdown.example/${(counter += 1)}`;
      const outcome = await ingest(articleUrl);
      if (outcome === 'no answer') continue;
      answered.push(outcome.status);
      if (outcome.status === 200) acknowledged.push(articleUrl);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  // A slow write (a long body to segment) in flight when SIGTERM arrives must still finish.
  const slow = ingest('https://shutdown.example/slow', `${BODY} `.repeat(6000));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const signalled = Date.now();
  first.child.kill('SIGTERM');
  const exitCode = await first.exited;
  const stoppedInMs = Date.now() - signalled;
  stop = true;
  await Promise.all(workers);
  const slowOutcome = await slow;
  if (slowOutcome !== 'no answer' && slowOutcome.status === 200) acknowledged.push('https://shutdown.example/slow');

  const second = startApp();
  await second.ready;
  const missing: string[] = [];
  for (let i = 0; i < acknowledged.length; i += 50) {
    const chunk = acknowledged.slice(i, i + 50);
    const query = `{ ${chunk.map((articleUrl, j) => `a${j}: article(url: ${JSON.stringify(articleUrl)}) { id }`).join(' ')} }`;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const { data } = (await response.json()) as { data: Record<string, { id: string } | null> };
    chunk.forEach((articleUrl, j) => data[`a${j}`] === null && missing.push(articleUrl));
  }
  second.child.kill('SIGTERM');
  const secondExit = await second.exited;

  process.stdout.write(
    `== shutdown run\nanswered ${answered.length} writes before and during SIGTERM (${answered.filter((s) => s !== 200).length} not 200), ` +
      `acknowledged ${acknowledged.length}; slow write in flight: ${JSON.stringify(slowOutcome)}; ` +
      `exit ${exitCode} after ${stoppedInMs} ms; after restart missing ${missing.length}; second exit ${secondExit}\n`,
  );
  expect(exitCode).toBe(0);
  expect(answered.filter((status) => status !== 200)).toEqual([]);
  expect(slowOutcome).toEqual({ status: 200 });
  expect(acknowledged.length).toBeGreaterThan(20);
  expect(missing).toEqual([]);
  expect(secondExit).toBe(0);
  expect(existsSync(path.join(dir, 'data', 'pg', 'postmaster.pid'))).toBe(false); // PostgreSQL stopped cleanly
}, 120_000);
