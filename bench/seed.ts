/**
 * `npm run bench:seed -- --scale small|medium|large [--database-url URL] [--force]`: a
 * deterministic benchmark database for `npm run bench:compare`.
 *
 * Creates the database if needed, migrates it with the project's migrations, then loads with
 * `COPY ... FROM STDIN` (pg-copy-streams): sources, articles (the synthetic corpus of
 * `verbatim corpus generate`, segmented by the project's own segmenter, so sentences tile the
 * body as ingest would store them), one claim per article with one evidence span (a whole
 * sentence), then actors, events and the links (scripts/seed-graph.ts). Ids are assigned in COPY
 * order on empty tables, so the same scale gives the same rows and ids. Every claim is PUBLIC:
 * PostGraphile (as the superuser) and Verbatim (as the RLS role) then see the same rows.
 *
 * Default database: postgres://postgres@127.0.0.1:5432/verbatim_bench_<scale>. An already seeded
 * database is left alone (same scale) unless --force, which drops and recreates it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { OPERATOR_ORGANIZATION, hashKey } from '../src/http/auth';
import { createDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/global-id-key';
import { syntheticArticle } from '../src/demo/synthetic-corpus';
import { segmentSentences } from '../src/nlp/segment-sentences';
import { normalizeBody, sha256Hex } from '../src/provenance/text';
import { seedGraph } from '../scripts/seed-graph';

export const SCALES = {
  small: { articles: 2_000, actors: 200, events: 1_000 },
  medium: { articles: 20_000, actors: 1_000, events: 5_000 },
  large: { articles: 100_000, actors: 5_000, events: 25_000 },
} as const;
export type Scale = keyof typeof SCALES;

/** The key bench:compare sends (a READER of the bench organisation); only ever in a bench database. */
export const BENCH_READER_KEY = 'vbench_reader_0000000000000000000000000000';
export const BENCH_EDITOR_KEY = 'vbench_editor_0000000000000000000000000000';
const SEED = 42;
const KINDS = ['STATEMENT', 'REPORT', 'ALLEGATION', 'DENIAL'];

export function benchDatabaseUrl(scale: Scale, explicit?: string): string {
  return explicit ?? `postgres://postgres@127.0.0.1:5432/verbatim_bench_${scale}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      'database-url': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const url = benchDatabaseUrl(scale, values['database-url']);
  const started = Date.now();
  const outcome = await seedBenchDatabase(url, scale, values.force);
  process.stderr.write(`${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s): ${url}\n`);
}

/** Seeds `url` at `scale` unless it already holds that scale; returns what was done. */
export async function seedBenchDatabase(url: string, scale: Scale, force = false): Promise<string> {
  const name = new URL(url).pathname.slice(1);
  await ensureDatabase(url, name, force);
  const db = createDataSource({ url, poolSize: 2 });
  await db.initialize();
  try {
    await migrateDatabase(db);
    const [{ articles }] = await db.query<Array<{ articles: number }>>(`SELECT count(*)::int AS articles FROM article`);
    if (articles === SCALES[scale].articles) return `already seeded at scale ${scale}`;
    if (articles > 0) throw new Error(`${name} holds ${articles} articles, not scale ${scale}: run with --force to recreate it`);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await loadCorpus(client, SCALES[scale].articles);
    } finally {
      await client.end();
    }
    await seedGraph(db, SCALES[scale].actors, SCALES[scale].events);
    await db.query('ANALYZE');
    const counts = await db.query<Array<Record<string, number>>>(
      `SELECT (SELECT count(*) FROM article)::int AS articles, (SELECT count(*) FROM sentence)::int AS sentences,
              (SELECT count(*) FROM claim)::int AS claims, (SELECT count(*) FROM evidence)::int AS evidence,
              (SELECT count(*) FROM actor)::int AS actors, (SELECT count(*) FROM event)::int AS events`,
    );
    return `seeded at scale ${scale}: ${JSON.stringify(counts[0])}`;
  } finally {
    await db.destroy();
  }
}

async function ensureDatabase(url: string, name: string, force: boolean): Promise<void> {
  if (!/^verbatim_bench\w*$/.test(name) && force) throw new Error(`--force drops only databases named verbatim_bench*, not ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
    if (exists && force) await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    if (!exists || force) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Organisations, keys, sources, articles, sentences, claims and evidence, by COPY. */
async function loadCorpus(client: Client, articleCount: number): Promise<void> {
  await client.query('BEGIN');
  const operator = await client.query<{ id: string }>(`INSERT INTO organization (name) VALUES ($1) RETURNING id`, [OPERATOR_ORGANIZATION]);
  const bench = await client.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Bench organisation') RETURNING id`);
  void operator;
  const organizationId = bench.rows[0].id;
  await client.query(
    `INSERT INTO api_key (organization_id, prefix, key_hash, role, label) VALUES ($1, 'vbenchrd', $2, 'READER', 'bench reader'),
     ($1, 'vbenched', $3, 'EDITOR', 'bench editor')`,
    [organizationId, hashKey(BENCH_READER_KEY), hashKey(BENCH_EDITOR_KEY)],
  );
  const sources = new Map<string, number>();
  const articles: string[] = [];
  const sentences: string[] = [];
  const claims: string[] = [];
  const evidence: string[] = [];
  let sentenceId = 0;
  for (let index = 0; index < articleCount; index += 1) {
    const input = syntheticArticle(SEED, index);
    const source = input.source as { name: string; domain: string; kind: string };
    if (!sources.has(source.domain)) sources.set(source.domain, sources.size + 1);
    const articleId = index + 1;
    const body = normalizeBody(input.body);
    const spans = segmentSentences(body);
    const publishedAt = (input.publishedAt as Date).toISOString();
    articles.push(row([sources.get(source.domain), input.url, input.title, publishedAt, 'en', body, sha256Hex(body), spans.length]));
    const firstSentenceId = sentenceId + 1;
    for (const [i, span] of spans.entries()) sentences.push(row([articleId, i, span.start, span.end, span.text]));
    sentenceId += spans.length;
    // As `verbatim corpus generate --claims 1`: one claim per article on one whole sentence.
    const k = index % spans.length;
    const span = spans[k];
    const codePoints = Array.from(body);
    claims.push(
      row([
        articleId,
        `Synthetic claim 1 of report ${index}: ${span.text}`,
        KINDS[index % KINDS.length],
        'PUBLIC',
        organizationId,
        'MANUAL',
        'bench-seed',
      ]),
    );
    const prefix = codePoints.slice(Math.max(0, span.start - 32), span.start).join('');
    const suffix = codePoints.slice(span.end, span.end + 32).join('');
    evidence.push(row([articleId, firstSentenceId + k, span.start, span.end, span.text, prefix, suffix]));
  }
  const sourceRows = [...sources.entries()].map(([domain]) => {
    const input = Array.from(
      { length: 5 },
      (_, i) => syntheticArticle(SEED, i).source as { name: string; domain: string; kind: string },
    ).find((s) => s.domain === domain) as { name: string; domain: string; kind: string };
    return row([input.name, domain, input.kind]);
  });
  await copy(client, 'source (name, domain, kind)', sourceRows);
  await copy(client, 'article (source_id, url, title, published_at, language, body, content_hash, sentence_count)', articles);
  await copy(client, 'sentence (article_id, index, start, "end", text)', sentences);
  await copy(client, 'claim (article_id, text, kind, visibility, organization_id, extraction_method, extraction_agent)', claims);
  // Evidence rows name the claim by article: claim i belongs to article i (both in COPY order).
  await copy(client, 'evidence (claim_id, sentence_id, start, "end", exact, prefix, suffix)', evidence);
  await client.query('COMMIT');
}

/** One line of COPY's text format. */
function row(values: Array<string | number | null | undefined>): string {
  return values.map((value) => (value === null || value === undefined ? '\\N' : escapeCopy(String(value)))).join('\t') + '\n';
}

function escapeCopy(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

async function copy(client: Client, target: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    const chunk = 5_000;
    let i = 0;
    const writeMore = () => {
      while (i < lines.length) {
        const ok = stream.write(lines.slice(i, i + chunk).join(''));
        i += chunk;
        if (!ok) return void stream.once('drain', writeMore);
      }
      stream.end();
    };
    writeMore();
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
