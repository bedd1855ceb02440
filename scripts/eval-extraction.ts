import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateExtraction, type GoldSet, type Score } from '../src/extraction/evaluate-extraction';

/** `npm run eval:extraction [-- --errors]`: precision, recall and F1 of the rules on the gold set. */
const gold = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'test', 'fixtures', 'extraction-gold', 'gold.json'), 'utf8')) as GoldSet;
const result = evaluateExtraction(gold);
const row = (name: string, s: Score) =>
  `${name.padEnd(9)} ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}   ${String(s.truePositives).padStart(4)} ${String(s.predicted).padStart(9)} ${String(s.gold).padStart(5)}`;
console.log(`gold set: ${gold.articles.length} articles`);
console.log('          P      R      F1      TP predicted  gold');
console.log(row('mentions', result.mentions));
console.log(row('claims', result.claims));
console.log(row('kinds', result.kinds));
console.log(row('dates', result.dates));
if (process.argv.includes('--errors')) {
  for (const miss of result.misses) console.log(`${miss.article} ${miss.what} ${miss.error}: ${miss.detail}`);
}
