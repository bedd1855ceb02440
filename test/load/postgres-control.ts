import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/common/free-port';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A dedicated PostgreSQL for one test, stopped and started again on the same data and port. */
export interface ControlledPostgres {
  url: string;
  start(): Promise<void>;
  /** Fast shutdown, as `pg_ctl stop -m fast`: sessions are ended, committed rows stay. */
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

export async function controlledPostgres(): Promise<ControlledPostgres> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-fault-'));
  await fs.chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must get in
  const port = await freePort();
  let child: ChildProcess | undefined;
  let url = '';
  const start = async (): Promise<void> => {
    const started = spawn(process.execPath, [TSX, 'test/load/postgres-process.ts', path.join(dir, 'pg'), String(port)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = started;
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const ready = /ready (\S+)/.exec(output);
        if (ready) resolve(ready[1]);
      });
      started.once('exit', (code) => reject(new Error(`PostgreSQL process exited (${code}) before it was ready`)));
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    get url() {
      return url;
    },
    start,
    stop,
    async destroy() {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
