import { performance } from 'node:perf_hooks';
import { rowIdOf } from '../helpers/global-ids';

/**
 * A bounded loopback load: `concurrency` workers send a mix of reads and writes to one API for
 * `durationMs`, and record every write the API acknowledged, so the caller can check that each
 * one is in the database afterwards. With `retryRetryable`, a worker behaves as a well-written
 * client during an outage: it retries answers marked `retryable` (HTTP 503) with a backoff, and
 * only what still fails after `retryForMs` counts as an error.
 */
export interface LoadOptions {
  url: string;
  editorKey: string;
  concurrency: number;
  durationMs: number;
  retryRetryable?: boolean;
  retryForMs?: number;
}

export interface LoadResult {
  requests: number;
  byOperation: Record<string, number>;
  errors: number;
  errorSamples: string[];
  /** Answers marked retryable (each retried until it passed or retryForMs ran out). */
  retryableAnswers: number;
  latenciesMs: number[];
  acknowledged: { articleUrls: string[]; claimIds: string[] };
  elapsedMs: number;
}

const READS: Array<[string, string]> = [
  [
    'articles',
    `{ articles(first: 10) { totalCount nodes { id title sentences(first: 5) { nodes { text claims { id } } } claims(first: 5) { totalCount nodes { id } } } } }`,
  ],
  ['claims', `{ claims(first: 20) { totalCount nodes { id text status evidence { exact sentence { index } } } } }`],
  ['search', `{ searchSentences(query: "council", first: 10) { totalCount nodes { text article { title } } } }`],
];

const BODY = 'The council met on Monday. Lt. Col. Hadi Rahim said the road was 3.5 km long. He left at noon.';

class Answer {
  constructor(
    readonly ok: boolean,
    readonly retryable: boolean,
    readonly detail: string,
    readonly data?: Record<string, unknown>,
  ) {}
}

async function post(url: string, key: string | null, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    // Refused or dropped connection: the request did not get an answer, so nothing was acknowledged.
    return new Answer(false, true, `network: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string; retryable?: boolean } }> };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return new Answer(false, false, `HTTP ${response.status}: ${text.slice(0, 120)}`);
  }
  if (response.status === 200 && json.errors === undefined) return new Answer(true, false, '', json.data);
  const retryable = response.status === 503 && (json.errors ?? []).every((error) => error.extensions?.retryable === true);
  return new Answer(false, retryable, `HTTP ${response.status}: ${JSON.stringify(json.errors?.[0] ?? {}).slice(0, 160)}`);
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    requests: 0,
    byOperation: {},
    errors: 0,
    errorSamples: [],
    retryableAnswers: 0,
    latenciesMs: [],
    acknowledged: { articleUrls: [], claimIds: [] },
    elapsedMs: 0,
  };
  const articles: string[] = [];
  const claims: string[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  let counter = 0;

  const send = async (operation: string, key: string | null, query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const first = performance.now();
    let answer = await post(options.url, key, query, variables);
    for (let wait = 100; !answer.ok && answer.retryable && options.retryRetryable; wait = Math.min(wait * 2, 1000)) {
      result.retryableAnswers += 1;
      if (performance.now() - first > (options.retryForMs ?? 30_000)) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
      answer = await post(options.url, key, query, variables);
    }
    result.requests += 1;
    result.byOperation[operation] = (result.byOperation[operation] ?? 0) + 1;
    result.latenciesMs.push(performance.now() - first);
    if (!answer.ok) {
      result.errors += 1;
      if (result.errorSamples.length < 10) result.errorSamples.push(`${operation}: ${answer.detail}`);
    }
    return answer;
  };

  const step = async (): Promise<void> => {
    const roll = Math.random();
    if (roll < 0.15 || articles.length === 0) {
      const url = `https://load.example/${process.pid}/${Date.now()}-${(counter += 1)}`;
      const input = {
        source: { name: 'Load Wire', domain: 'load.example', kind: 'NEWS_OUTLET' },
        url,
        title: `Load ${counter}`,
        body: BODY,
      };
      const answer = await send(
        'ingestArticle',
        options.editorKey,
        `mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { article { id } } }`,
        { i: input },
      );
      if (answer.ok) {
        result.acknowledged.articleUrls.push(url);
        articles.push((answer.data as { ingestArticle: { article: { id: string } } }).ingestArticle.article.id);
      }
    } else if (roll < 0.27) {
      const articleId = articles[Math.floor(Math.random() * articles.length)];
      const visibility = Math.random() < 0.3 ? 'ORGANIZATION' : 'PUBLIC';
      const input = { articleId, kind: 'REPORT', text: `Load claim ${(counter += 1)}`, visibility, evidence: [{ start: 0, end: 11 }] };
      const answer = await send('addClaim', options.editorKey, `mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`, { i: input });
      if (answer.ok) {
        const id = (answer.data as { addClaim: { id: string } }).addClaim.id;
        result.acknowledged.claimIds.push(id);
        claims.push(id);
      }
    } else if (roll < 0.3 && claims.length > 0) {
      const id = claims[Math.floor(Math.random() * claims.length)];
      await send('reviewClaim', options.editorKey, `mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED, note: "load") { id } }`, {
        id,
      });
    } else if (roll < 0.4 && claims.length > 0) {
      const id = claims[Math.floor(Math.random() * claims.length)];
      await send('node', options.editorKey, `query($id: ID!) { node(id: $id) { id ... on Claim { text annotation } } }`, { id });
    } else {
      const [name, query] = READS[Math.floor(Math.random() * READS.length)];
      await send(name, Math.random() < 0.5 ? null : options.editorKey, query);
    }
  };

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) await step();
    }),
  );
  result.elapsedMs = performance.now() - started;
  return result;
}

/** One line per figure, for the CI log. */
export function summarize(title: string, result: LoadResult): string {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const percentile = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  const seconds = result.elapsedMs / 1000;
  return [
    `== ${title}`,
    `requests ${result.requests} in ${seconds.toFixed(1)} s (${(result.requests / seconds).toFixed(0)}/s), errors ${result.errors}, retryable answers retried ${result.retryableAnswers}`,
    `latency ms p50 ${percentile(50).toFixed(1)}, p95 ${percentile(95).toFixed(1)}, p99 ${percentile(99).toFixed(1)}, max ${percentile(100).toFixed(1)}`,
    `by operation ${Object.entries(result.byOperation)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}`,
    `acknowledged writes: ${result.acknowledged.articleUrls.length} articles, ${result.acknowledged.claimIds.length} claims`,
    ...result.errorSamples.map((sample) => `error: ${sample}`),
  ].join('\n');
}

/** Acknowledged writes that are not in the database (asked as the login role, which sees every row). */
export async function missingWrites(
  query: (sql: string, params: unknown[]) => Promise<Array<{ n: number }>>,
  acknowledged: LoadResult['acknowledged'],
): Promise<{ articles: number; claims: number }> {
  const claimRowIds = acknowledged.claimIds.map(rowIdOf);
  const [articles] = await query(`SELECT count(DISTINCT url)::int AS n FROM article WHERE url = ANY($1)`, [acknowledged.articleUrls]);
  const [claims] = await query(`SELECT count(*)::int AS n FROM claim WHERE id = ANY($1::bigint[])`, [claimRowIds]);
  return { articles: acknowledged.articleUrls.length - articles.n, claims: claimRowIds.length - claims.n };
}
