import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/common/free-port';

/**
 * src/db/embedded-postgres.ts's own logic, each start in a child process as the app runs it:
 * cluster and database creation, port choice, restarts on an existing cluster, and recovery
 * from what a killed earlier process leaves behind (an orphaned server, a stale postmaster.pid).
 */
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const children: ChildProcess[] = [];
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-embedded-'));
  await fs.chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must get in
});
afterAll(async () => {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => stop(child)));
  await fs.rm(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url?: string;
  port?: number;
  pid?: number;
  error?: string;
}

/** Starts the module in a child process and waits for its one line (started, or why not). */
function start(dataDir: string, databaseName: string, port?: number): Promise<Started> {
  // `node --import tsx`, not the tsx command: that would run the module in a grandchild, which a kill of this child would leave running.
  const args = ['--import', 'tsx', 'test/helpers/embedded-postgres-child.ts', dataDir, databaseName];
  const child = spawn(process.execPath, port === undefined ? args : [...args, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve({ child, ...(JSON.parse(out.split('\n')[0]) as Omit<Started, 'child'>) });
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before a line: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** Whether `pid` runs. A zombie does not: where PID 1 does not reap orphans (some CI sandboxes), a stopped orphan stays one. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); // "pid (name) state ..."
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill()
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('startEmbeddedPostgres', () => {
  const dataDir = () => path.join(dir, 'pg');
  const NAME = 'verbatim odd-name'; // a name that needs quoting

  it('creates the cluster and the database (UTF-8), listening on a free port of 127.0.0.1 only', async () => {
    const first = await start(dataDir(), NAME);
    expect(first.error).toBeUndefined();
    const url = new URL(first.url!);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBe(first.port);
    expect(first.port).not.toBe(5432);
    const [row] = await query<{ db: string; encoding: string; listen: string }>(
      first.url!,
      `SELECT current_database() AS db, current_setting('server_encoding') AS encoding, current_setting('listen_addresses') AS listen`,
    );
    expect(row).toEqual({ db: NAME, encoding: 'UTF8', listen: '127.0.0.1' });
    await query(first.url!, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
    expect(await stop(first.child)).toBe(0);
    await waitUntilGone(first.pid!);
  });

  it('starts again on the existing cluster and database, on the port it is asked for', async () => {
    const port = await freePort();
    const again = await start(dataDir(), NAME, port);
    expect(again.error).toBeUndefined();
    expect(again.port).toBe(port);
    expect(await query(again.url!, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
    expect(await stop(again.child)).toBe(0);
    await waitUntilGone(again.pid!);
  });

  it('refuses a data directory whose server belongs to a process that still runs', async () => {
    const owner = await start(dataDir(), NAME);
    const intruder = await start(dataDir(), NAME);
    expect(intruder.error).toMatch(new RegExp(`in use by PostgreSQL \\(pid ${owner.pid}\\) of another running process`));
    expect(alive(owner.pid!)).toBe(true);
    expect(await query(owner.url!, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
    expect(await stop(owner.child)).toBe(0);
    await waitUntilGone(owner.pid!);
  });

  it('stops the server a killed process left running, then starts', async () => {
    const killed = await start(dataDir(), NAME);
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.once('exit', resolve));
    expect(alive(killed.pid!)).toBe(true); // the orphan still holds the data directory
    const next = await start(dataDir(), NAME);
    expect(next.error).toBeUndefined();
    expect(next.pid).not.toBe(killed.pid);
    expect(alive(killed.pid!)).toBe(false);
    expect(await query(next.url!, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
    expect(await stop(next.child)).toBe(0);
    await waitUntilGone(next.pid!);
  });

  it.each([
    ['an unrelated running process', () => process.pid],
    ['no process at all', () => 2 ** 22 + 1],
  ])('starts over a stale postmaster.pid naming %s', async (_name, pid) => {
    await fs.writeFile(path.join(dataDir(), 'postmaster.pid'), `${pid()}\n${dataDir()}\n`);
    const started = await start(dataDir(), NAME);
    expect(started.error).toBeUndefined();
    expect(await query(started.url!, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
    expect(alive(process.pid)).toBe(true);
    expect(await stop(started.child)).toBe(0);
    await waitUntilGone(started.pid!);
  });
});
