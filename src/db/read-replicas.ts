import type { Pool, PoolClient } from 'pg';

export interface ReplicaOptions {
  /** A replica whose data is older than this is skipped. */
  maxLagMs: number;
  /** How often every replica (and the primary's WAL position) is checked. */
  checkIntervalMs: number;
  /** Told when a replica goes down or comes back (a log line). */
  onChange?: (replica: Replica) => void;
}

/** One streaming replica as last seen by the checks. */
export interface Replica {
  /** "replica 1", "replica 2" in DATABASE_REPLICA_URLS order: logs and metrics never show a URL (it may hold a password). */
  name: string;
  pool: Pool;
  /** Answered the last check as a server in recovery that replays WAL. */
  up: boolean;
  /** pg_last_wal_replay_lsn() at the last check. */
  replayLsn: bigint;
  /** How old its data was at the last check: Infinity when unknown. */
  stalenessMs: number;
}

/** Where a connection was checked out: `primary` or a replica's name. */
export type Server = string;

/** A connection and the function that hands it back (with an error: it is destroyed), as TypeORM's driver takes them. */
export type Checkout = [PoolClient, (error?: Error) => void];

/**
 * The primary and its streaming replicas: which replicas may serve a read, and where each
 * writer's last write ended in the WAL (read-your-writes).
 *
 * Staleness is measured against the primary's own clock of WAL positions: every check samples
 * `pg_current_wal_lsn()` on the primary, then each replica's `pg_last_wal_replay_lsn()`. A
 * replica that has replayed past the sample taken at time t holds everything committed before
 * t, so its data is at most `now - t` old. An idle primary gives staleness 0 (nothing is
 * missing), where `now() - pg_last_xact_replay_timestamp()` would grow without bound.
 */
export class ReplicaSet {
  readonly replicas: Replica[];
  /** Checkouts per server since start (`GET /metrics`, tests). */
  readonly checkouts = new Map<Server, number>();
  private samples: { at: number; lsn: bigint }[] = [];
  /** Per writer (API key prefix): the primary's WAL position after its last write, and when that was. */
  private writes = new Map<string, { lsn: bigint; at: number }>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private next = 0;

  constructor(
    readonly primary: Pool,
    pools: readonly Pool[],
    private readonly options: ReplicaOptions,
  ) {
    this.replicas = pools.map((pool, index) => ({ name: `replica ${index + 1}`, pool, up: false, replayLsn: 0n, stalenessMs: Infinity }));
  }

  /** First check (so reads use replicas from the start), then one every interval. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One round of checks; a round still under way is joined, not doubled. */
  check(): Promise<void> {
    return (this.checking ??= this.checkAll().finally(() => (this.checking = undefined)));
  }

  /**
   * A replica fit to serve a read: up, no staler than the bound, and (for a writer) past its
   * last write. Undefined: read from the primary. Replicas take turns.
   */
  pick(writer: string | null): Replica | undefined {
    const written = writer === null ? undefined : this.lastWrite(writer);
    const fit = this.replicas.filter(
      (replica) => replica.up && replica.stalenessMs <= this.options.maxLagMs && (written === undefined || replica.replayLsn >= written),
    );
    if (fit.length === 0) return undefined;
    this.next = (this.next + 1) % fit.length;
    return fit[this.next];
  }

  /** A replica that refused a connection or lost one: no reads until a check finds it well again. */
  markDown(replica: Replica): void {
    if (!replica.up) return;
    replica.up = false;
    this.options.onChange?.(replica);
  }

  /** After a write by `writer` committed: its reads stay on the primary until a replica has replayed this far. */
  async rememberWrite(writer: string): Promise<void> {
    // Primary unreachable (the write most likely failed too): no replica is fit for the writer until the entry expires.
    const lsn = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn').then(
      ({ rows }) => parseLsn(rows[0].lsn),
      () => UNREACHABLE_LSN,
    );
    const now = Date.now();
    this.writes.set(writer, { lsn, at: now });
    if (this.writes.size > 10_000) this.forgetOldWrites(now);
  }

  async connect(server: Replica | undefined): Promise<Checkout> {
    const client = await (server?.pool ?? this.primary).connect();
    const name = server?.name ?? 'primary';
    this.checkouts.set(name, (this.checkouts.get(name) ?? 0) + 1);
    return [client, (error) => client.release(error)];
  }

  /**
   * A write older than the lag bound (plus a check interval for the age of the last check)
   * is on every replica that is fit to read from: it needs no entry any more.
   */
  private lastWrite(writer: string): bigint | undefined {
    const write = this.writes.get(writer);
    if (write === undefined) return undefined;
    if (Date.now() - write.at <= this.options.maxLagMs + 2 * this.options.checkIntervalMs) return write.lsn;
    this.writes.delete(writer);
    return undefined;
  }

  private forgetOldWrites(now: number): void {
    for (const [writer, write] of this.writes) {
      if (now - write.at > this.options.maxLagMs + 2 * this.options.checkIntervalMs) this.writes.delete(writer);
    }
  }

  private async checkAll(): Promise<void> {
    const at = Date.now();
    try {
      const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      this.samples.push({ at, lsn: parseLsn(rows[0].lsn) });
    } catch {
      // The primary is away: staleness cannot be told until it is back; the last samples stand.
    }
    // Enough samples to tell staleness up to the bound, and one older.
    const horizon = at - this.options.maxLagMs - 2 * this.options.checkIntervalMs;
    while (this.samples.length > 1 && this.samples[1].at < horizon) this.samples.shift();
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica)));
  }

  private async checkReplica(replica: Replica): Promise<void> {
    const wasUp = replica.up;
    try {
      const { rows } = await replica.pool.query<{ recovery: boolean; lsn: string | null }>(
        'SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS lsn',
      );
      const { recovery, lsn } = rows[0];
      // Not in recovery: promoted, or not a replica at all; it no longer follows this primary.
      replica.up = recovery && lsn !== null;
      if (lsn !== null) {
        replica.replayLsn = parseLsn(lsn);
        replica.stalenessMs = this.stalenessOf(replica.replayLsn);
      }
    } catch {
      replica.up = false;
    }
    if (replica.up !== wasUp) this.options.onChange?.(replica);
  }

  /** Age of the newest primary sample the replica has replayed past; Infinity when it is behind them all. */
  private stalenessOf(replayLsn: bigint): number {
    const latest = this.samples.at(-1);
    if (latest === undefined) return Infinity;
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].lsn <= replayLsn) return latest.at - this.samples[i].at;
    }
    return Infinity;
  }
}

const UNREACHABLE_LSN = 2n ** 64n;

/** "16/B374D848" → a number that compares like WAL positions do. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined) throw new Error(`Not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}
