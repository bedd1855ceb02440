import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureOperatorOrganization } from '../../src/http/auth';
import { syntheticArticle } from '../../src/demo/synthetic-corpus';
import { insertActor } from '../helpers/factories';
import { runVerbatim, type CliRun } from '../helpers/cli';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let operatorId: string;
beforeAll(async () => {
  app = await startTestApp();
  operatorId = await ensureOperatorOrganization(app.db);
});
afterAll(async () => {
  await app.close();
});

function verbatim(...argv: string[]): Promise<CliRun> {
  return runVerbatim(app, operatorId, argv);
}

describe('verbatim ingest', () => {
  it('ingests a directory of text files, idempotently, and reports files it refuses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-ingest-'));
    await writeFile(path.join(dir, 'a.txt'), 'First report\nThe council met on Monday. Dr. Ali spoke.');
    await writeFile(path.join(dir, 'b.txt'), 'Second report\nThe road reopened at 5 p.m. on Friday.');
    await writeFile(path.join(dir, 'c.txt'), 'Broken\u0000file');
    const first = await verbatim('ingest', dir, '--source', 'Local Archive', '--kind', 'ngo', '--language', 'en');
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(2);
    expect(first.out[0]).toMatch(/\t3 sentences\tcreated\t.*a\.txt$/);
    expect(first.err.join('\n')).toMatch(/refused .*c\.txt: The body contains a NUL character/);
    expect(first.err.at(-1)).toBe('2 created, 0 already present, 1 refused');
    const again = await verbatim('ingest', path.join(dir, 'a.txt'), '--source', 'Local Archive');
    expect(again.err.at(-1)).toBe('0 created, 1 already present, 0 refused');
    const [source] = await app.db.query<Array<{ kind: string }>>(`SELECT kind FROM source WHERE name = 'Local Archive'`);
    expect(source.kind).toBe('NGO');
  });

  it('refuses a bad command line before opening the database', async () => {
    expect((await verbatim('ingest', '/tmp')).err[0]).toMatch(/--source/);
    expect((await verbatim('ingest', '/tmp', '--source', 'X', '--kind', 'BLOG')).err[0]).toMatch(/--kind is one of/);
  });
});

describe('verbatim corpus generate and export claims', () => {
  it('generates a deterministic corpus with claims, then exports them as Web Annotations', async () => {
    expect(JSON.stringify(syntheticArticle(7, 3))).toBe(JSON.stringify(syntheticArticle(7, 3)));
    const generated = await verbatim('corpus', 'generate', '--articles', '6', '--seed', '7', '--claims', '2', '--concurrency', '3');
    expect(generated.code).toBe(0);
    expect(generated.err.at(-1)).toMatch(/^6 articles created \(0 already present\)/);
    const again = await verbatim('corpus', 'generate', '--articles', '6', '--seed', '7');
    expect(again.err.at(-1)).toMatch(/^0 articles created \(6 already present\)/);

    const exported = await verbatim('export', 'claims', '--kind', 'statement');
    expect(exported.code).toBe(0);
    const annotations = exported.out.map((line) => JSON.parse(line) as { body: { 'verbatim:kind': string }; target: unknown[] });
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.every((a) => a.body['verbatim:kind'] === 'STATEMENT' && a.target.length === 1)).toBe(true);
    expect(exported.err.at(-1)).toBe(`${annotations.length} claims exported as W3C Web Annotations (NDJSON)`);
    expect((await verbatim('corpus', 'generate', '--articles', '0')).err[0]).toMatch(/--articles/);
  });
});

describe('verbatim extract', () => {
  it('extracts every article in batches, idempotently, and sums it up', async () => {
    await insertActor(app.db, 'Hadi al-Amiri');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-extract-'));
    await writeFile(
      path.join(dir, 'x.txt'),
      'Badr statement\nHadi al-Amiri said on Friday that the talks had failed. He blamed the envoys for the delay.',
    );
    expect((await verbatim('ingest', dir, '--source', 'Extract Archive')).code).toBe(0);
    const first = await verbatim('extract', '--all', '--since', '2000-01-01');
    expect(first.code).toBe(0);
    expect(first.err.at(-1)).toMatch(
      /^\d+ articles: \d+ mentions, \d+ claims proposed \(0 already there, 0 withdrawn\) in [\d.]+ s, [\d.]+ articles\/s$/,
    );
    const [{ count }] = await app.db.query<Array<{ count: string }>>(
      `SELECT count(*) FROM claim WHERE extraction_method = 'RULE' AND claimant_id = (SELECT id FROM actor WHERE name = 'Hadi al-Amiri')`,
    );
    expect(Number(count)).toBe(2);
    const rule = async () =>
      (await app.db.query<Array<{ count: string }>>(`SELECT count(*) FROM claim WHERE extraction_method = 'RULE'`))[0].count;
    const before = await rule();
    const again = await verbatim('extract', '--all');
    expect(again.err.at(-1)).toMatch(/\(\d+ already there, 0 withdrawn\)/);
    expect(await rule()).toBe(before);
    expect((await verbatim('extract')).err[0]).toMatch(/--all/);
    expect((await verbatim('extract', '--all', '--since', 'soon')).err[0]).toMatch(/--since/);
  });
});
