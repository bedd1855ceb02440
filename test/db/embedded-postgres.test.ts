import { Client } from 'pg';

// Runs against whatever DATABASE_URL points at: the embedded server from globalSetup, or CI's.
describe('test database', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('answers a query', async () => {
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('stores text as UTF-8', async () => {
    const { rows } = await client.query<{ encoding: string; length: number }>(
      "SELECT current_setting('server_encoding') AS encoding, length('café') AS length",
    );
    expect(rows[0]).toEqual({ encoding: 'UTF8', length: 4 });
  });

  it('has the pg_trgm extension', async () => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const { rows } = await client.query<{ similar: boolean }>("SELECT 'verbatim' % 'verbatum' AS similar");
    expect(rows[0]?.similar).toBe(true);
  });
});
