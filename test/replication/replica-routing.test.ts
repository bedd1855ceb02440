import { replicaSetOf } from '../../src/db/read-routing';
import type { ReplicaSet } from '../../src/db/read-replicas';
import { claimFixture } from '../helpers/claims';
import { articleInput } from '../helpers/factories';
import { createPartnerKey, type CreatedKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { startStreamingPair, type StreamingPair } from './streaming-pair';

// Two PostgreSQL servers (a primary and its streaming replica) and an API over both: about 30 s.
jest.setTimeout(120_000);

const MAX_LAG_MS = 3_000;
const COUNT = `{ articles { totalCount } }`;
const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id title sentences { totalCount } } } }`;

let pair: StreamingPair;
let app: TestApp;
let replicas: ReplicaSet;
let writer: CreatedKey;
let reader: CreatedKey;

beforeAll(async () => {
  pair = await startStreamingPair();
  app = await startTestApp(
    { VERBATIM_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), VERBATIM_REPLICA_CHECK_MS: '100' },
    { replicated: { primary: pair.primary.url('postgres'), replicas: [pair.replica.url('postgres')] } },
  );
  replicas = replicaSetOf(app.db)!;
  writer = await createPartnerKey(app, 'Writers', 'EDITOR');
  reader = await createPartnerKey(app, 'Readers', 'EDITOR');
  await settled();
});
afterAll(async () => {
  await app?.close();
  await pair?.close();
});

/** The replica has replayed everything so far and the app has seen it do so. */
async function settled(): Promise<void> {
  await pair.caughtUp();
  await replicas.check();
  expect(replicas.replicas[0]).toMatchObject({ up: true, stalenessMs: 0 });
}

/** Runs `request` and tells which servers its connections came from. */
async function servedBy<T>(request: () => Promise<T>): Promise<{ result: T; replica: number; primary: number }> {
  const before = new Map(replicas.checkouts);
  const result = await request();
  const delta = (server: string): number => (replicas.checkouts.get(server) ?? 0) - (before.get(server) ?? 0);
  return { result, replica: delta('replica 1'), primary: delta('primary') };
}

async function articleCount(key: string | null): Promise<{ count: number; replica: number; primary: number }> {
  const { result, replica, primary } = await servedBy(() => app.gql<{ articles: { totalCount: number } }>(COUNT, {}, { key }));
  expect(result.errors).toBeUndefined();
  return { count: result.data!.articles.totalCount, replica, primary };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 20_000; !condition();) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('reads on a streaming replica, writes on the primary', () => {
  it('sends a query to the replica and a mutation, with its payload, to the primary', async () => {
    const [{ recovery }] = await pair.replica.sql<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery');
    expect(recovery).toBe(true);
    expect(await articleCount(null)).toMatchObject({ count: 0, primary: 0 });
    expect((await articleCount(reader.key)).replica).toBeGreaterThan(0);

    const ingest = await servedBy(() => app.gql(INGEST, { input: articleInput() }, { key: writer.key }));
    expect(ingest.result.errors).toBeUndefined();
    expect(ingest).toMatchObject({ replica: 0 });
    expect(ingest.primary).toBeGreaterThan(0);
  });

  it('applies the request scope (row-level security) on the replica', async () => {
    const fixture = await claimFixture(app);
    const added = await fixture.add(
      { visibility: 'ORGANIZATION', text: 'Only the writers see this.', evidence: [{ exact: 'in Amarah' }] },
      writer.key,
    );
    expect(added.errors).toBeUndefined();
    await settled();
    const count = (key: string) => servedBy(() => app.gql<{ claims: { totalCount: number } }>(`{ claims { totalCount } }`, {}, { key }));
    const own = await count(writer.key);
    const other = await count(reader.key);
    expect(own).toMatchObject({ primary: 0, result: { data: { claims: { totalCount: 1 } } } });
    expect(other).toMatchObject({ primary: 0, result: { data: { claims: { totalCount: 0 } } } });
    expect(own.replica).toBeGreaterThan(0);
  });

  it('lets a key read its own writes while the replica lags, and skips a replica that lags beyond the bound', async () => {
    await settled();
    const before = (await articleCount(reader.key)).count;
    await pair.replica.sql('SELECT pg_wal_replay_pause()');
    try {
      const ingest = await app.gql<{ ingestArticle: { article: { title: string; sentences: { totalCount: number } } } }>(
        INGEST,
        { input: articleInput({ title: 'Written while the replica is paused' }) },
        { key: writer.key },
      );
      // The payload is read in the same request, from the primary.
      expect(ingest.data?.ingestArticle.article).toMatchObject({
        title: 'Written while the replica is paused',
        sentences: { totalCount: 3 },
      });

      // The writer sees its write (from the primary); another key reads the replica, which is behind but within the bound.
      expect(await articleCount(writer.key)).toMatchObject({ count: before + 1, replica: 0 });
      expect(await articleCount(reader.key)).toMatchObject({ count: before, primary: 0 });

      // Past the bound the replica is skipped: everyone reads the primary.
      await until(() => replicas.replicas[0].stalenessMs > MAX_LAG_MS, 'the replica lags beyond the bound');
      expect(await articleCount(reader.key)).toMatchObject({ count: before + 1, replica: 0 });
      expect(await articleCount(null)).toMatchObject({ count: before + 1, replica: 0 });
    } finally {
      await pair.replica.sql('SELECT pg_wal_replay_resume()');
    }
    await settled();
    expect(await articleCount(reader.key)).toMatchObject({ count: before + 1, primary: 0 });
    expect(await articleCount(writer.key)).toMatchObject({ count: before + 1, primary: 0 });
  });

  it('keeps answering reads while the replica restarts, then uses it again', async () => {
    await settled();
    const expected = (await articleCount(null)).count;
    const failures: unknown[] = [];
    let answered = 0;
    let running = true;
    const reading = async (key: string | null): Promise<void> => {
      while (running) {
        const response = await app.gql<{ articles: { totalCount: number } }>(COUNT, {}, { key });
        if (response.status !== 200 || response.errors !== undefined || response.data?.articles.totalCount !== expected)
          failures.push(response);
        answered += 1;
      }
    };
    const readers = [reading(null), reading(reader.key), reading(null), reading(writer.key)];
    try {
      await until(() => answered > 20, 'reads are under way');
      await pair.replica.stop();
      const primaryBefore = replicas.checkouts.get('primary') ?? 0;
      const whileDown = answered;
      await until(() => answered > whileDown + 20, 'reads go on with the replica down');
      expect(replicas.replicas[0].up).toBe(false);
      expect(replicas.checkouts.get('primary') ?? 0).toBeGreaterThan(primaryBefore + 20);
      await pair.replica.start();
      await until(() => replicas.replicas[0].up && replicas.replicas[0].stalenessMs === 0, 'the replica is back');
      const replicaBefore = replicas.checkouts.get('replica 1') ?? 0;
      const afterRestart = answered;
      await until(() => answered > afterRestart + 20, 'reads go on after the restart');
      expect(replicas.checkouts.get('replica 1') ?? 0).toBeGreaterThan(replicaBefore);
    } finally {
      running = false;
      await Promise.all(readers);
    }
    expect(failures).toEqual([]);
  });
});
