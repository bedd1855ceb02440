import { randomBytes } from 'node:crypto';
import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

const QUERY = JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' });
const LIMITS = {
  VERBATIM_RATE_LIMIT_PER_MINUTE: '5',
  VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '3',
  // The tests name client addresses in X-Forwarded-For; the requests themselves stay on loopback.
  VERBATIM_TRUST_PROXY: 'loopback',
};

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  body: { errors?: Array<{ extensions?: { code?: string; retryAfter?: number } }> };
}

async function ask(app: TestApp, options: { key?: string; address?: string; path?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.address !== undefined) headers['x-forwarded-for'] = options.address;
  const response = options.path
    ? await fetch(app.url.replace('/graphql', options.path), { headers })
    : await fetch(app.url, { method: 'POST', headers, body: QUERY });
  const text = await response.text();
  const body = (response.headers.get('content-type')?.includes('application/json') ? JSON.parse(text) : {}) as Answer['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code, body };
}

async function askTimes(app: TestApp, times: number, options: Parameters<typeof ask>[1]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await ask(app, options));
  return answers;
}

const randomAddress = (): string => `10.${[...randomBytes(3)].join('.')}`;

function expectLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.code).toBe('RATE_LIMITED');
  const seconds = Number(answer.retryAfter);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
  expect(answer.body.errors?.[0].extensions?.retryAfter).toBe(seconds);
}

describe('rate limits, counted in memory', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(LIMITS);
  });
  afterAll(async () => {
    await app.close();
  });

  it('let a key make its limit of requests a minute, then answer 429 RATE_LIMITED with Retry-After', async () => {
    const key = await insertApiKey(app.db, Role.READER);
    const answers = await askTimes(app, 6, { key });
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expectLimited(answers[5]);
    // Another key, from the same address, has its own count.
    expect((await ask(app, { key: await insertApiKey(app.db, Role.READER) })).status).toBe(200);
  });

  it('count requests without a key per address, with the lower anonymous limit', async () => {
    const address = randomAddress();
    const answers = await askTimes(app, 4, { address });
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expectLimited(answers[3]);
    expect((await ask(app, { address: randomAddress() })).status).toBe(200);
  });

  it('count refused keys against the address, so guessing keys is limited too', async () => {
    const address = randomAddress();
    const answers = await askTimes(app, 4, { address, key: `vbt_${randomBytes(32).toString('base64url')}` });
    expect(answers.slice(0, 3).map((a) => [a.status, a.code])).toEqual(Array(3).fill([401, 'UNAUTHENTICATED']));
    expectLimited(answers[3]);
  });

  it('limit the NDJSON export as well', async () => {
    const address = randomAddress();
    const answers = await askTimes(app, 4, { address, path: '/export/claims.jsonld' });
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expectLimited(answers[3]);
  });

  it('do not limit the bootstrap admin key, nor health checks', async () => {
    const answers = await askTimes(app, 12, { key: ADMIN_KEY });
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    const health = await Promise.all(Array.from({ length: 10 }, () => fetch(app.url.replace('/graphql', '/healthz'))));
    expect(new Set(health.map((response) => response.status))).toEqual(new Set([200]));
  });
});

describe('rate limits with REDIS_URL pointing at a Redis that does not answer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('keep serving, and keep limiting, counting in memory', async () => {
    const key = await insertApiKey(app.db, Role.READER);
    const answers = await askTimes(app, 6, { key });
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expectLimited(answers[5]);
  });
});

const redisUrl = process.env.VERBATIM_TEST_REDIS_URL;
// Skipped, not failed, where no Redis answers (see test/global-setup.ts).
const describeWithRedis = redisUrl !== undefined ? describe : describe.skip;

describeWithRedis('rate limits shared through Redis', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp({ ...LIMITS, REDIS_URL: redisUrl as string });
    // A second API process on the same database and the same Redis.
    second = await startTestApp({ ...LIMITS, REDIS_URL: redisUrl as string }, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('are one limit for a key across two API processes', async () => {
    const key = await insertApiKey(first.db, Role.EDITOR);
    const answers = [
      ...(await askTimes(first, 3, { key })),
      ...(await askTimes(second, 2, { key })),
      await ask(first, { key }),
      await ask(second, { key }),
    ];
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expectLimited(answers[5]);
    expectLimited(answers[6]);
  });

  it('are one limit for an address across two API processes', async () => {
    const address = randomAddress();
    const answers = [...(await askTimes(first, 2, { address })), ...(await askTimes(second, 2, { address }))];
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expectLimited(answers[3]);
  });
});
