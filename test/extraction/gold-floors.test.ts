import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateExtraction, type GoldSet } from '../../src/extraction/evaluate-extraction';

const gold = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'fixtures', 'extraction-gold', 'gold.json'), 'utf8')) as GoldSet;

describe('extraction on the gold set', () => {
  it('is large enough to mean something', () => {
    expect(gold.articles.length).toBeGreaterThanOrEqual(10);
    expect(gold.articles.flatMap((a) => a.claims).length).toBeGreaterThanOrEqual(80);
    expect(gold.articles.flatMap((a) => a.mentions).length).toBeGreaterThanOrEqual(120);
    expect(gold.articles.flatMap((a) => a.times).length).toBeGreaterThanOrEqual(20);
  });

  it('holds the floors: claims P >= 0.9 and R >= 0.75, mentions R >= 0.9', () => {
    const result = evaluateExtraction(gold);
    expect(result.claims.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.claims.recall).toBeGreaterThanOrEqual(0.75);
    expect(result.mentions.recall).toBeGreaterThanOrEqual(0.9);
  });
});
