import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticArticle } from '../../src/demo/synthetic-corpus';
import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Bulk NDJSON ingest (src/ingest/): `verbatim ingest FILE.ndjson` killed with SIGKILL midway
 * and run again stores every good line exactly once and writes the refused ones, with their
 * errors, to the rejects file; `POST /ingest` answers a line per line.
 */
jest.setTimeout(1_500_000);

// 10,000 lines (the size); BULK_INGEST_LINES makes a quicker run on a busy machine.
const LINES = Number(process.env.BULK_INGEST_LINES ?? 10_000);
const BAD_EVERY = Math.max(3, Math.floor(LINES / 20)); // 20 refused lines, three reasons in turn

let app: TestApp;
let dir: string;

function corpusLine(index: number): string {
  const article = syntheticArticle(42, index);
  if (index % BAD_EVERY !== BAD_EVERY - 1) return JSON.stringify(article);
  const bad = Math.floor(index / BAD_EVERY) % 3;
  if (bad === 0) return '{"title": "cut off';
  if (bad === 1) return JSON.stringify({ ...article, title: undefined });
  return JSON.stringify({ ...article, url: 'not a url' });
}

function runCli(args: string[]): { done: Promise<{ code: number | null; signal: string | null; stderr: string }>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../src/cli/verbatim.ts'), ...args], {
    env: { ...process.env, DATABASE_URL: app.config.databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr }))),
    kill: () => child.kill('SIGKILL'),
  };
}

async function articleCount(): Promise<number> {
  const [{ n }] = await app.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM article');
  return n;
}

beforeAll(async () => {
  app = await startTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-bulk-'));
});

afterAll(async () => {
  await app?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('an NDJSON ingest (10,000 lines) killed midway resumes: nothing duplicated, rejects written', async () => {
  const file = path.join(dir, 'corpus.ndjson');
  await writeFile(file, Array.from({ length: LINES }, (_, i) => corpusLine(i)).join('\n') + '\n');

  const first = runCli(['ingest', file, '--concurrency', '4']);
  // Killed once a fair part is stored, with transactions in flight.
  for (let n = 0; n < LINES / 5; n = await articleCount()) {
    const exited = await Promise.race([first.done.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 200))]);
    if (exited) throw new Error(`the first run ended before it could be killed: ${(await first.done).stderr}`);
  }
  first.kill();
  expect((await first.done).signal).toBe('SIGKILL');
  const storedBeforeRerun = await articleCount();
  const good = LINES - LINES / BAD_EVERY;
  expect(storedBeforeRerun).toBeLessThan(good);

  const second = await runCli(['ingest', file]).done;
  expect(second.code).toBe(0);
  expect(await articleCount()).toBe(good);
  const [{ urls, hashes }] = await app.db.query<Array<{ urls: number; hashes: number }>>(
    'SELECT count(DISTINCT url)::int AS urls, count(DISTINCT content_hash)::int AS hashes FROM article',
  );
  expect(urls).toBe(good);
  expect(hashes).toBe(good);
  const summary = new RegExp(`(\\d+) created, (\\d+) skipped \\(already present\\), ${LINES / BAD_EVERY} refused`);
  const [, created, skipped] = summary.exec(second.stderr) ?? [];
  expect(Number(skipped)).toBeGreaterThanOrEqual(storedBeforeRerun);
  expect(Number(created) + Number(skipped)).toBe(good);

  const rejects = (await readFile(`${file}.rejects.ndjson`, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { line: number; error: { code: string; field?: string }; input: string });
  expect(rejects.map((r) => r.line)).toEqual(Array.from({ length: LINES / BAD_EVERY }, (_, i) => (i + 1) * BAD_EVERY));
  expect(rejects.every((r) => r.error.code === 'BAD_USER_INPUT')).toBe(true);
  expect(new Set(rejects.map((r) => r.error.field))).toEqual(new Set(['line', 'input.title', 'input.url']));
  expect(rejects[0].input).toBe(corpusLine(BAD_EVERY - 1));
});

describe('POST /ingest', () => {
  const post = (body: string, key: string | null = ADMIN_KEY, type = 'application/x-ndjson') =>
    fetch(app.url.replace('/graphql', '/ingest'), {
      method: 'POST',
      headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body,
    });

  it('streams one result line per input line', async () => {
    const fresh = { ...syntheticArticle(7, 1), url: 'https://bulk.example/a' };
    const body = [
      JSON.stringify(fresh),
      JSON.stringify(fresh),
      'not json',
      '',
      JSON.stringify({ ...fresh, body: 'Another body.' }),
      JSON.stringify({ ...fresh, url: 'https://bulk.example/b', body: 'x\u0000y' }),
      JSON.stringify({ ...fresh, url: 'https://bulk.example/c', source: { name: 'S', kind: 'BLOG' } }),
    ].join('\n');
    const response = await post(body);
    expect(response.status).toBe(200);
    const results = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; status: string; articleId?: string; error?: { code: string; field?: string } });
    expect(results.map((r) => [r.line, r.status, r.error?.code, r.error?.field])).toEqual([
      [1, 'created', undefined, undefined],
      [2, 'skipped', undefined, undefined],
      [3, 'refused', 'BAD_USER_INPUT', 'line'],
      [5, 'refused', 'CONFLICT', 'input.url'],
      [6, 'refused', 'BAD_USER_INPUT', 'input.body'],
      [7, 'refused', 'BAD_USER_INPUT', 'input.source.kind'],
    ]);
    expect(results[0].articleId).toBe(results[1].articleId);
  });

  it('needs an EDITOR key and an NDJSON body', async () => {
    const reader = await insertApiKey(app.db, Role.READER);
    expect((await post('{}', null)).status).toBe(401);
    expect((await post('{}', reader)).status).toBe(403);
    expect((await post('{}', ADMIN_KEY, 'application/json')).status).toBe(400);
  });

  it('keeps to its budgets: lines past the line budget are refused, a body past the byte budget is cut', async () => {
    const small = await startTestApp({ VERBATIM_INGEST_MAX_LINES: '2', VERBATIM_INGEST_MAX_BYTES: '100000' });
    try {
      const lines = [1, 2, 3].map((i) => JSON.stringify({ ...syntheticArticle(9, i), url: `https://budget.example/${i}` }));
      const send = (body: string) =>
        fetch(small.url.replace('/graphql', '/ingest'), {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${ADMIN_KEY}` },
          body,
        }).then((r) => r.text());
      const answered = (await send(lines.join('\n')))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { status: string });
      expect(answered.map((r) => r.status)).toEqual(['created', 'created', 'refused']);
      const tooBig = (await send('x'.repeat(200_000))).trim().split('\n').at(-1) as string;
      expect(JSON.parse(tooBig)).toMatchObject({ status: 'refused', error: { code: 'BAD_USER_INPUT', field: 'body' } });
    } finally {
      await small.close();
    }
  });
});
