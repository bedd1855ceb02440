import { syntheticArticle } from '../src/demo/synthetic-corpus';

/**
 * Writes a synthetic NDJSON corpus for bulk ingest: `tsx bench/ndjson-corpus.ts <lines> [seed]
 * [bad-every]` prints <lines> IngestArticleInput lines; with bad-every N, every Nth line is
 * refused for a different reason in turn (not JSON, no title, a bad url). Used by the bulk-ingest
 * test and benchmark.
 */
const [lines = '1000', seed = '1', badEvery = '0'] = process.argv.slice(2);

const BAD_LINES = [
  () => '{"title": "cut off',
  (index: number) => JSON.stringify({ ...syntheticArticle(Number(seed), index), title: undefined }),
  (index: number) => JSON.stringify({ ...syntheticArticle(Number(seed), index), url: 'not a url' }),
];

function ndjsonCorpusLine(index: number): string {
  const every = Number(badEvery);
  if (every > 0 && index % every === every - 1) return BAD_LINES[Math.floor(index / every) % BAD_LINES.length](index);
  return JSON.stringify(syntheticArticle(Number(seed), index));
}

let index = 0;
function writeSome(): void {
  while (index < Number(lines)) {
    const ok = process.stdout.write(`${ndjsonCorpusLine(index)}\n`);
    index += 1;
    if (!ok) return void process.stdout.once('drain', writeSome);
  }
}
writeSome();
