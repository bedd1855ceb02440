import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printVerbatimSchema } from '../src/schema';

describe('schema.graphql', () => {
  it('is what the code generates (run `npm run schema:print` after changing the API)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printVerbatimSchema());
  });
});
