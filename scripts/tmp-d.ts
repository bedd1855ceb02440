import { readFileSync } from 'node:fs';
import { Gazetteer } from '../src/extraction/gazetteer';
import { extractArticle } from '../src/extraction/extract-article';
import { segmentSentences } from '../src/nlp/segment-sentences';
import { readPageFurniture } from '../src/nlp/sentence-roles';
const gold = JSON.parse(readFileSync('test/fixtures/extraction-gold/gold.json', 'utf8'));
const g = new Gazetteer(gold.actors.map((a: any) => ({ ...a, id: a.name })));
for (const a of gold.articles.filter((x: any) => process.argv.slice(2).includes(x.id))) {
  const s = segmentSentences(a.body);
  const { roles } = readPageFurniture(a.body, s);
  const r = extractArticle({ sentences: s.map((x, i) => ({ ...x, role: roles[i] })), publishedAt: new Date(a.publishedAt) }, g);
  s.forEach((x, i) => console.log(i, roles[i], x.text.slice(0, 60)));
  for (const c of r.claims) console.log(c.sentenceIndex, c.kind, c.claimantId, c.speakerText, '|', c.exact.slice(0, 60));
}
