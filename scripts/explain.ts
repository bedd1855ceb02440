/**
 * Query plans of the representative API queries, on the database at DATABASE_URL (e.g. a corpus
 * made with `verbatim corpus generate --articles 10000`):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/verbatim_bench npx tsx scripts/explain.ts
 *
 * Migrates, adds a deterministic graph of actors and events when the database has none (the
 * corpus command makes articles and claims only), starts the real server in-process, sends each
 * query over HTTP, records the SQL it runs (with parameters) and replays each statement under
 * EXPLAIN (ANALYZE, BUFFERS). Prints, per statement, its time, the indexes used and any
 * sequential scan of a large table, as markdown.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createLogger } from '../src/common/logger';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/global-id-key';
import { startServer } from '../src/server';
import { REPRESENTATIVE_QUERIES as QUERIES } from './representative-queries';
import { seedGraph } from './seed-graph';

interface Captured {
  sql: string;
  parameters: unknown[];
}

/** Tables big enough that a sequential scan of them on a page read is a missing index. */
const LARGE_TABLES = ['article', 'sentence', 'claim', 'evidence', 'event', 'actor', 'claim_subject', 'claim_event', 'event_participant'];

async function main(): Promise<void> {
  const config = { ...loadConfig(), port: 0, exposeSqlCount: true, maxQueryCost: 10_000_000 };
  if (config.databaseUrl === undefined) throw new Error('Set DATABASE_URL to the database to explain (see the comment at the top)');
  let capture: Captured[] | null = null;
  const db = createDataSource({
    url: config.databaseUrl,
    onQuery: (sql, parameters) => capture?.push({ sql, parameters: parameters ?? [] }),
  });
  await db.initialize();
  await migrateDatabase(db);
  await seedGraph(db);
  await db.query('ANALYZE');
  const server = await startServer({ config, db, logger: createLogger({ ...config, logLevel: 'silent' }) });
  const counts = await tableSizes(db);
  const lines = [
    `Corpus: ${Object.entries(counts)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ')}. PostgreSQL ${(await db.query<Array<{ server_version: string }>>('SHOW server_version'))[0].server_version}.`,
    '',
  ];
  try {
    for (const item of QUERIES) {
      let variables = item.variables ?? {};
      if (item.pageTwo !== undefined) {
        const first = await post(server.url, item.query, variables);
        variables = {
          ...variables,
          after: (first.data as Record<string, { pageInfo: { endCursor: string } }>)[item.pageTwo].pageInfo.endCursor,
        };
      }
      capture = [];
      const response = await post(server.url, item.query, variables);
      const statements = capture;
      capture = null;
      if (response.errors !== undefined) throw new Error(`${item.name}: ${JSON.stringify(response.errors)}`);
      lines.push(`### ${item.name}`, '', '```graphql', item.query, '```', '');
      for (const statement of statements) lines.push(...(await explain(db, statement)));
      lines.push('');
    }
  } finally {
    await server.stop();
    await db.destroy();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function post(url: string, query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

async function explain(db: DataSource, statement: Captured): Promise<string[]> {
  const rows = await db.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`,
    statement.parameters,
  );
  const plan = rows[0]['QUERY PLAN'][0];
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  const indexes = [...new Set(nodes.filter((node) => node['Index Name'] !== undefined).map((node) => `${node['Index Name']}`))];
  const seqScans = nodes
    .filter((node) => node['Node Type'] === 'Seq Scan')
    .map((node) => `${node['Relation Name']} (${node['Actual Rows']} rows)`);
  const large = seqScans.filter((scan) => LARGE_TABLES.includes(scan.split(' ')[0]));
  const sql = statement.sql.replace(/\s+/g, ' ').slice(0, 140);
  const verdict =
    large.length > 0
      ? `**seq scan: ${large.join(', ')}**`
      : seqScans.length > 0
        ? `seq scan of small tables only: ${seqScans.join(', ')}`
        : 'no seq scan';
  return [
    `- \`${sql}${statement.sql.length > 140 ? '…' : ''}\``,
    `  - ${plan['Execution Time'].toFixed(2)} ms; top: ${plan.Plan['Node Type']}; indexes: ${indexes.join(', ') || 'none'}; ${verdict}`,
  ];
}

async function tableSizes(db: DataSource): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const table of ['article', 'sentence', 'claim', 'evidence', 'actor', 'event']) {
    sizes[table] = Number((await db.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  }
  return sizes;
}

main().catch((error: unknown) => {
  process.stderr.write(`explain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
