import { Gazetteer } from '../../src/extraction/gazetteer';
import { extractArticle, type ArticleExtraction } from '../../src/extraction/extract-article';
import { segmentSentences } from '../../src/nlp/segment-sentences';
import { readPageFurniture } from '../../src/nlp/sentence-roles';
import { normalizeBody } from '../../src/provenance/text';

/** The actors of the seed reports, as a curator would have entered them (names are their ids). */
export const SEED_ACTORS = new Gazetteer(
  [
    { name: 'Qais al-Khazali', kind: 'PERSON', aliases: ['قيس الخزعلي'] },
    { name: "Asa'ib Ahl al-Haq", kind: 'ARMED_GROUP', aliases: ['AAH', 'عصائب أهل الحق'] },
    { name: 'Muqtada al-Sadr', kind: 'PERSON', aliases: ['Moqtada al-Sadr'] },
    { name: 'Patriotic Shiite Movement', kind: 'POLITICAL_PARTY', aliases: ['Sadrist Movement'] },
    { name: 'Saraya al-Salam', kind: 'ARMED_GROUP', aliases: ['Peace Brigades'] },
    { name: 'Ali Khamenei', kind: 'PERSON', aliases: [] },
  ].map((actor) => ({ ...actor, id: actor.name })),
);

/** Segments, reads the furniture and extracts, as ingestion does. */
export function extractBody(raw: string, publishedAt: Date | null, gazetteer = SEED_ACTORS) {
  const body = normalizeBody(raw);
  const spans = segmentSentences(body);
  const furniture = readPageFurniture(body, spans);
  const sentences = spans.map((span, i) => ({ ...span, role: furniture.roles[i] }));
  const published = publishedAt ?? (furniture.datelineDate === null ? null : new Date(`${furniture.datelineDate}T00:00:00Z`));
  const extraction: ArticleExtraction = extractArticle({ sentences, publishedAt: published }, gazetteer);
  return { body, sentences, furniture, extraction };
}
