import { insertArticleRows } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('migrations', () => {
  it('match the entities: after all migrations, the schema builder has nothing left to do', async () => {
    const pending = await app.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('index every foreign key (its first column leads an index)', async () => {
    const unindexed = await app.db.query<Array<{ constraint: string }>>(`
      SELECT c.conname AS constraint FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('put invariants in the database: a sentence whose text does not fit its span is refused by ck_sentence_span', async () => {
    // A real article, so only the check can refuse the row (not the foreign key).
    const { articleId } = await insertArticleRows(app.db, 'Twelve chars');
    const insert = app.db.query(`INSERT INTO sentence (article_id, index, start, "end", text) VALUES ($1, 1, 0, 3, 'four')`, [articleId]);
    await expect(insert).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_sentence_span' } });
    // The same row with a span that fits is stored: the refusal above was the span, nothing else.
    await app.db.query(`INSERT INTO sentence (article_id, index, start, "end", text) VALUES ($1, 1, 0, 4, 'four')`, [articleId]);
  });
});
