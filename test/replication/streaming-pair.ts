import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { embeddedPostgresBinDir } from '../../src/db/embedded-postgres';
import { freePort } from '../../src/common/free-port';

const run = promisify(execFile);

/** One local PostgreSQL server of the pair, started and stopped with pg_ctl. */
export interface LocalServer {
  port: number;
  /** A URL for `database` on it (as the superuser `postgres`, trust authentication on 127.0.0.1). */
  url(database: string): string;
  sql<T = Record<string, unknown>>(text: string, database?: string): Promise<T[]>;
  start(): Promise<void>;
  /** Fast shutdown: sessions are ended, like a restart for maintenance. */
  stop(): Promise<void>;
}

export interface StreamingPair {
  primary: LocalServer;
  replica: LocalServer;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A primary and a hot-standby streaming replica of it, as two PostgreSQL servers from the
 * embedded-postgres package on loopback ports. The package has no pg_basebackup, so the base
 * backup is taken the way pg_basebackup takes one: pg_backup_start(), a copy of the data
 * directory without its WAL, pg_backup_stop()'s backup_label, then standby.signal and
 * primary_conninfo (what `pg_basebackup -R` writes) and a replication slot so the primary keeps
 * the WAL the replica has not streamed yet. As root, the servers run as the `postgres` user.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const bin = await embeddedPostgresBinDir();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'verbatim-replication-'));
  await fs.chmod(root, 0o755); // mkdtemp makes it 0700: the postgres user must get in
  const ids = process.getuid?.() === 0 ? await postgresUserIds() : undefined;
  if (ids) await fs.chown(root, ids.uid, ids.gid); // the servers' log files go here
  const as = ids ?? {};
  const started: LocalServer[] = [];
  try {
    const primaryDir = path.join(root, 'primary');
    const replicaDir = path.join(root, 'replica');
    for (const dir of [primaryDir, replicaDir]) {
      await fs.mkdir(dir, { mode: 0o700 });
      if (ids) await fs.chown(dir, ids.uid, ids.gid);
    }
    await run(
      path.join(bin, 'initdb'),
      [
        '-D',
        primaryDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-N',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      as,
    );
    const primary = localServer(bin, primaryDir, await freePort(), root, as);
    await fs.appendFile(
      path.join(primaryDir, 'postgresql.conf'),
      // Throwaway servers: no fsync. The replica's feedback every 100 ms keeps the test's waits short.
      `\nlisten_addresses = '127.0.0.1'\nport = ${primary.port}\nunix_socket_directories = ''\nfsync = off\nmax_wal_senders = 4\nwal_receiver_status_interval = 100ms\n`,
    );
    await primary.start();
    started.push(primary);
    await primary.sql(`SELECT pg_create_physical_replication_slot('verbatim_replica', true)`, 'postgres');

    const replica = localServer(bin, replicaDir, await freePort(), root, as);
    const backup = new Client({ connectionString: primary.url('postgres') });
    await backup.connect();
    try {
      await backup.query(`SELECT pg_backup_start('verbatim replica', true)`);
      await run('cp', ['-a', `${primaryDir}/.`, replicaDir], as);
      const { rows } = await backup.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)');
      await writeAs(path.join(replicaDir, 'backup_label'), rows[0].labelfile, ids);
    } finally {
      await backup.end();
    }
    // What pg_basebackup leaves out: the primary's pid file, WAL and slots.
    for (const name of ['postmaster.pid', 'postmaster.opts', 'pg_replslot/verbatim_replica']) {
      await fs.rm(path.join(replicaDir, name), { recursive: true, force: true });
    }
    for (const name of await fs.readdir(path.join(replicaDir, 'pg_wal'))) {
      if (/^[0-9A-F]{24}/.test(name)) await fs.rm(path.join(replicaDir, 'pg_wal', name), { force: true });
    }
    await writeAs(path.join(replicaDir, 'standby.signal'), '', ids);
    await fs.appendFile(
      path.join(replicaDir, 'postgresql.conf'),
      `\nport = ${replica.port}\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=verbatim_replica'\n` +
        `primary_slot_name = 'verbatim_replica'\nhot_standby = on\n`,
    );
    await replica.start();
    started.push(replica);

    const caughtUp = async (): Promise<void> => {
      const [{ lsn }] = await primary.sql<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn', 'postgres');
      for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
        const [{ done }] = await replica.sql<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`, 'postgres');
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('The replica did not catch up within 20 s');
    };
    return {
      primary,
      replica,
      caughtUp,
      async close() {
        await Promise.allSettled([replica.stop(), primary.stop()]);
        await fs.rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    await fs.rm(root, { recursive: true, force: true });
    throw error;
  }
}

function localServer(bin: string, dataDir: string, port: number, root: string, as: { uid?: number; gid?: number }): LocalServer {
  const pgCtl = (args: string[]): Promise<unknown> => run(path.join(bin, 'pg_ctl'), ['-D', dataDir, ...args], as);
  const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async sql<T>(text: string, database = 'postgres') {
      const client = new Client({ connectionString: url(database) });
      await client.connect();
      try {
        return (await client.query(text)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async start() {
      await pgCtl(['-l', path.join(root, `${path.basename(dataDir)}.log`), '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
    },
    async stop() {
      await pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => undefined); // already stopped
    },
  };
}

async function writeAs(file: string, text: string, ids: { uid: number; gid: number } | undefined): Promise<void> {
  await fs.writeFile(file, text, { mode: 0o600 });
  if (ids) await fs.chown(file, ids.uid, ids.gid);
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string): Promise<number> => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}
