import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ADMIN_KEY, adminQuery } from '../helpers/test-app';
import { freePort } from '../../src/common/free-port';

/**
 * OpenTelemetry tracing as a real process: off unless its standard variables ask for it (and then
 * nothing of OpenTelemetry is even loaded); on, an ingest over HTTP gives http, pg and graphql spans
 * that carry neither the API key nor the texts sent.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** This process's environment without any OTEL_* variable a developer may have set. */
function envWithoutOpenTelemetry(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

async function loadedModules(extra: Record<string, string>): Promise<{ opentelemetryModules: number; serverLoaded: boolean }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/opentelemetry-modules-child.ts'], {
    cwd: ROOT,
    env: envWithoutOpenTelemetry(extra),
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { opentelemetryModules: number; serverLoaded: boolean };
}

it('is off by default: the server loads no OpenTelemetry SDK or instrumentation (with OTEL_TRACES_EXPORTER=console it does)', async () => {
  const [off, none, on] = await Promise.all([
    loadedModules({}),
    loadedModules({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }),
    loadedModules({ OTEL_TRACES_EXPORTER: 'console' }),
  ]);
  expect(off).toEqual({ opentelemetryModules: 0, serverLoaded: true });
  expect(none).toEqual({ opentelemetryModules: 0, serverLoaded: true });
  expect(on.serverLoaded).toBe(true);
  expect(on.opentelemetryModules).toBeGreaterThan(0);
}, 120_000);

it('with OTEL_TRACES_EXPORTER=console, requests give http, graphql and pg spans without the key, the texts sent or the values in a GET URL, and SIGTERM flushes them', async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined) throw new Error('DATABASE_URL is not set');
  const databaseName = `verbatim_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${databaseName}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const port = await freePort();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: envWithoutOpenTelemetry({
        DATABASE_URL: databaseUrl.toString(),
        PORT: String(port),
        VERBATIM_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        VERBATIM_DEMO_DATA: 'false',
        OTEL_TRACES_EXPORTER: 'console',
        OTEL_SERVICE_NAME: 'verbatim-trace-test',
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => output.includes('Verbatim GraphQL API:') && resolve());
      void exited.then((code) => reject(new Error(`the app exited (${code}) before it was ready`)));
    });
    const startupOutput = output.length;

    const title = 'TITLE-SENT-AS-A-VARIABLE-7f3a';
    const body = 'The council met on Monday. BODY-SENT-AS-A-VARIABLE-91c2 was said at noon.';
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({
        query: 'mutation Ingest($i: IngestArticleInput!) { ingestArticle(input: $i) { created } }',
        variables: { i: { source: { name: 'Trace Wire', domain: 'trace.example' }, url: 'https://trace.example/1', title, body } },
      }),
    });
    expect(await response.json()).toEqual({ data: { ingestArticle: { created: true } } });

    // A GET carries the document and its variables in the URL; an inline literal is in the document.
    const getQuery = 'query Lookup($name: String!) { __type(name: $name) { name } t: __type(name: "INLINE-LITERAL-5d1e") { name } }';
    const getUrl = new URL(`http://localhost:${port}/graphql`);
    getUrl.searchParams.set('query', getQuery);
    getUrl.searchParams.set('variables', JSON.stringify({ name: 'GET-VARIABLE-0b9e' }));
    const getResponse = await fetch(getUrl, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true', authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(await getResponse.json()).toEqual({ data: { __type: null, t: null } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const spans = output.slice(startupOutput);
    expect(spans).toContain("name: 'POST /graphql'");
    expect(spans).toContain("'http.route': '/graphql'");
    expect(spans).toContain("name: 'mutation Ingest'");
    expect(spans).toMatch(/name: 'pg\.query:INSERT /);
    expect(spans).toContain("'service.name': 'verbatim-trace-test'");
    expect(spans).toContain("name: 'query Lookup'");
    expect(spans).toContain("'http.request.method': 'GET'");
    for (const secret of [ADMIN_KEY, title, 'BODY-SENT-AS-A-VARIABLE', 'Trace Wire', 'GET-VARIABLE', 'INLINE-LITERAL'])
      expect(output).not.toContain(secret);
  } finally {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
}, 120_000);
