import { segmentSentences } from '../nlp/segment-sentences';
import { readPageFurniture } from '../nlp/sentence-roles';
import { extractArticle, type ArticleExtraction } from './extract-article';
import { Gazetteer, type GazetteerActor } from './gazetteer';

/** The gold set's shape (test/fixtures/extraction-gold/README.md). */
export interface GoldSet {
  actors: Array<Omit<GazetteerActor, 'id'>>;
  articles: GoldArticle[];
}

export interface GoldArticle {
  id: string;
  publishedAt: string;
  body: string;
  claims: Array<[sentence: string, claimant: string | null, kind: string]>;
  mentions: Array<[text: string, actor: string | null]>;
  times: Array<[text: string, date: string | null, precision: string]>;
}

export interface Score {
  truePositives: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  article: string;
  what: 'claim' | 'mention' | 'time' | 'kind';
  error: 'missed' | 'spurious' | 'wrong kind';
  detail: string;
}

export interface Evaluation {
  mentions: Score;
  claims: Score;
  kinds: Score;
  dates: Score;
  misses: Miss[];
}

function score(truePositives: number, predicted: number, gold: number): Score {
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = gold === 0 ? 1 : truePositives / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, predicted, gold, precision, recall, f1 };
}

/** Runs the rules over every gold article (actors' names are their ids) and scores them. */
export function evaluateExtraction(gold: GoldSet): Evaluation {
  const gazetteer = new Gazetteer(gold.actors.map((actor) => ({ ...actor, id: actor.name })));
  const counts = { mentions: [0, 0, 0], claims: [0, 0, 0], kinds: [0, 0, 0], dates: [0, 0, 0] };
  const misses: Miss[] = [];
  for (const article of gold.articles) {
    const body = article.body.normalize('NFC');
    const sentences = segmentSentences(body);
    const { roles } = readPageFurniture(body, sentences);
    const run: ArticleExtraction = extractArticle(
      { sentences: sentences.map((s, i) => ({ ...s, role: roles[i] })), publishedAt: new Date(article.publishedAt) },
      gazetteer,
    );
    const add = (key: keyof typeof counts, tp: number, predicted: number, goldCount: number) => {
      counts[key][0] += tp;
      counts[key][1] += predicted;
      counts[key][2] += goldCount;
    };

    // Mentions: the same text naming the same actor (or none), as a multiset.
    const predictedMentions = run.mentions.map((m) => `${m.text}\u0000${m.actorId ?? ''}`);
    const goldMentions = article.mentions.map(([text, actor]) => `${text.normalize('NFC')}\u0000${actor ?? ''}`);
    const mentionTp = multisetMatch(goldMentions, predictedMentions, article.id, 'mention', misses);
    add('mentions', mentionTp, predictedMentions.length, goldMentions.length);

    // Claims: evidence in the gold sentence, and the gold claimant.
    const sentenceOf = (piece: string) => sentences.findIndex((s) => s.text.includes(piece.normalize('NFC')));
    const open = run.claims.map((claim) => ({ claim, used: false }));
    let claimTp = 0;
    let kindTp = 0;
    for (const [piece, claimant, kind] of article.claims) {
      const index = sentenceOf(piece);
      if (index === -1) throw new Error(`Gold claim sentence not found in ${article.id}: ${piece}`);
      const match = open.find((p) => !p.used && p.claim.sentenceIndex === index && p.claim.claimantId === claimant);
      if (match === undefined) {
        misses.push({ article: article.id, what: 'claim', error: 'missed', detail: `${claimant ?? '(unnamed)'} — ${piece}` });
        continue;
      }
      match.used = true;
      claimTp += 1;
      if (match.claim.kind === kind) kindTp += 1;
      else misses.push({ article: article.id, what: 'kind', error: 'wrong kind', detail: `${piece}: ${match.claim.kind} for ${kind}` });
    }
    for (const p of open.filter((candidate) => !candidate.used)) {
      misses.push({ article: article.id, what: 'claim', error: 'spurious', detail: `${p.claim.claimantId ?? '(unnamed)'} — ${p.claim.exact.slice(0, 70)}` });
    }
    add('claims', claimTp, run.claims.length, article.claims.length);
    add('kinds', kindTp, run.claims.length, article.claims.length);

    // Dates: the same text resolved to the same date and precision.
    const predictedTimes = run.timeExpressions.flat().map((t) => `${t.text}\u0000${t.date ?? ''}\u0000${t.precision}`);
    const goldTimes = article.times.map(([text, date, precision]) => `${text}\u0000${date ?? ''}\u0000${precision}`);
    add('dates', multisetMatch(goldTimes, predictedTimes, article.id, 'time', misses), predictedTimes.length, goldTimes.length);
  }
  const [mentions, claims, kinds, dates] = (['mentions', 'claims', 'kinds', 'dates'] as const).map((key) =>
    score(counts[key][0], counts[key][1], counts[key][2]),
  );
  return { mentions, claims, kinds, dates, misses };
}

function multisetMatch(gold: string[], predicted: string[], article: string, what: 'mention' | 'time', misses: Miss[]): number {
  const remaining = [...predicted];
  let tp = 0;
  for (const item of gold) {
    const at = remaining.indexOf(item);
    if (at === -1) misses.push({ article, what, error: 'missed', detail: item.replaceAll('\u0000', ' | ') });
    else {
      remaining.splice(at, 1);
      tp += 1;
    }
  }
  for (const item of remaining) misses.push({ article, what, error: 'spurious', detail: item.replaceAll('\u0000', ' | ') });
  return tp;
}
