import { loadConfig } from '../src/config';

/** The message loadConfig throws for `env`, or null when it accepts it. */
function refusal(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('loadConfig', () => {
  it('reports every bad variable together, one line each', () => {
    const message = refusal({
      PORT: 'eighty',
      VERBATIM_ANONYMOUS_READ: 'maybe',
      LOG_LEVEL: 'loud',
      VERBATIM_RATE_LIMIT_PER_MINUTE: '-1',
      VERBATIM_MAX_QUERY_DEPTH: '0',
      VERBATIM_BOOTSTRAP_ADMIN_KEY: 'short',
      DATABASE_REPLICA_URLS: 'http://replica.example/db',
    });
    expect(message).not.toBeNull();
    const lines = message!.split('\n').slice(1);
    expect(lines.map((line) => line.trim().split(':')[0]).sort()).toEqual(
      [
        'DATABASE_REPLICA_URLS',
        'LOG_LEVEL',
        'PORT',
        'VERBATIM_ANONYMOUS_READ',
        'VERBATIM_BOOTSTRAP_ADMIN_KEY',
        'VERBATIM_MAX_QUERY_DEPTH',
        'VERBATIM_RATE_LIMIT_PER_MINUTE',
      ].sort(),
    );
    expect(message).toMatch(/^Invalid configuration \(7\):/);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a port that is not a number', { PORT: '80a' }, /^ {2}PORT: /m],
    [
      'a fractional rate limit',
      { VERBATIM_RATE_LIMIT_PER_MINUTE: '1.5' },
      /VERBATIM_RATE_LIMIT_PER_MINUTE: must be a whole number, 0 or more/,
    ],
    ['a negative statement timeout', { VERBATIM_STATEMENT_TIMEOUT_MS: '-5' }, /VERBATIM_STATEMENT_TIMEOUT_MS: must be a whole number/],
    ['a pool of no connections', { VERBATIM_DB_POOL_SIZE: '0' }, /VERBATIM_DB_POOL_SIZE: must be a whole number, 1 or more/],
    ['a cost limit in words', { VERBATIM_MAX_QUERY_COST: 'lots' }, /VERBATIM_MAX_QUERY_COST: must be a whole number, 1 or more/],
    ['a boolean that is not one', { VERBATIM_EXPOSE_SQL_COUNT: 'yes please' }, /VERBATIM_EXPOSE_SQL_COUNT/],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    ['a short bootstrap key', { VERBATIM_BOOTSTRAP_ADMIN_KEY: 'x'.repeat(31) }, /at least 32 characters/],
    [
      'the bootstrap key published in the docs',
      { VERBATIM_BOOTSTRAP_ADMIN_KEY: 'change-me-to-a-long-random-secret' },
      /example value published/,
    ],
    [
      'a replica that is not a postgres URL',
      { DATABASE_URL: 'postgres://db/v', DATABASE_REPLICA_URLS: 'mysql://r/v' },
      /item 1 is not a postgres/,
    ],
    [
      'the same replica twice',
      { DATABASE_URL: 'postgres://db/v', DATABASE_REPLICA_URLS: 'postgres://r/v,postgres://r/v' },
      /item 2 repeats/,
    ],
    ['replicas without a primary', { DATABASE_REPLICA_URLS: 'postgres://r/v' }, /needs DATABASE_URL/],
    ['a database URL that is not a URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL: is invalid/],
  ])('refuses %s', (_name, env, message) => {
    expect(refusal(env)).toMatch(message);
  });

  it('never shows the value of a variable that may hold a secret', () => {
    const secrets = {
      DATABASE_URL: 'postgres://user:s3cr3t-pw@',
      VERBATIM_BOOTSTRAP_ADMIN_KEY: 'tiny-s3cr3t',
      REDIS_URL: 's3cr3t without a scheme',
    };
    const message = refusal(secrets);
    expect(message?.split('\n')).toHaveLength(4);
    expect(message).not.toMatch(/s3cr3t/);
  });

  it('accepts the defaults and returns a frozen config', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      anonymousRead: true,
      statementTimeoutMs: 15_000,
      maxQueryDepth: 12,
      rateLimitPerMinute: 1200,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(loadConfig({ VERBATIM_RATE_LIMIT_PER_MINUTE: '0', VERBATIM_STATEMENT_TIMEOUT_MS: ' 250 ' })).toMatchObject({
      rateLimitPerMinute: 0,
      statementTimeoutMs: 250,
    });
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['off by default', {}, false],
    ['on with an exporter named', { OTEL_TRACES_EXPORTER: 'console' }, true],
    ['on with an OTLP endpoint (the exporter defaults to otlp)', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }, true],
    ['on with a traces endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4318/v1/traces' }, true],
    [
      'off with exporter none, endpoint or not',
      { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' },
      false,
    ],
    ['off with OTEL_SDK_DISABLED', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, false],
  ])('tracing: %s', (_name, env, enabled) => {
    expect(loadConfig(env).tracing).toEqual({ enabled, serviceName: 'verbatim' });
  });

  it('refuses an OTLP endpoint that is not a URL and a protocol OpenTelemetry does not know', () => {
    expect(refusal({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost 4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' })).toMatch(
      /OTEL_EXPORTER_OTLP_ENDPOINT[\s\S]*OTEL_EXPORTER_OTLP_PROTOCOL|OTEL_EXPORTER_OTLP_PROTOCOL[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
