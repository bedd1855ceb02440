import type { IngestArticleInput } from '../articles/article.inputs';
import { SourceKind } from '../sources/source.entity';

/**
 * A deterministic synthetic corpus for benchmarks and query plans: the same seed gives the same
 * articles, byte for byte. Sentences are built from templates in the register of the demo
 * articles (actors, places, dates, quotations, abbreviations), so segmentation, search and
 * claims meet realistic text. Nothing here is a real report.
 */

/** mulberry32: a small, well-known seeded PRNG, enough for repeatable test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTORS = [
  'Qais al-Khazali',
  'Asaib Ahl al-Haq',
  'Saraya al-Salam',
  'the Sadrist movement',
  'the provincial council',
  'Lt. Col. Karim J. Abboud',
  'Dr. Layla H. Mansour',
  'the U.S. embassy',
  'a tribal elder',
  'the interior ministry',
];
const PLACES = ['Amarah', 'Basra', 'Nasiriyah', 'Kut', 'Maysan province', 'Dhi Qar province', 'Baghdad', 'Najaf'];
const VERBS = ['condemned', 'denied', 'welcomed', 'questioned', 'rejected', 'praised', 'criticised', 'investigated'];
const EVENTS = [
  'the shooting',
  'the protest',
  'the arrests',
  'the talks',
  'the attack on the office',
  'the court ruling',
  'the curfew',
  'the explosion',
];
const WHEN = ['on Friday', 'on Saturday', 'late on Monday', 'several years ago', 'in January 2026', 'at 5 p.m. local time', 'overnight'];
const SOURCES: Array<{ name: string; domain: string; kind: SourceKind }> = [
  { name: 'Tigris Monitor', domain: 'tigris-monitor.example', kind: SourceKind.NEWS_OUTLET },
  { name: 'Euphrates Daily', domain: 'euphrates-daily.example', kind: SourceKind.NEWS_OUTLET },
  { name: 'Mesopotamia Policy Lab', domain: 'mesopotamia-policy-lab.example', kind: SourceKind.RESEARCH_ORG },
  { name: 'Maysan Street Watch', domain: 'maysan-street-watch.example', kind: SourceKind.SOCIAL_MEDIA },
  { name: 'Southern Rights Observatory', domain: 'southern-rights.example', kind: SourceKind.NGO },
];

type Pick = <T>(items: readonly T[]) => T;

const TEMPLATES: Array<(pick: Pick, n: () => number) => string> = [
  (pick) => `${cap(pick(ACTORS))} ${pick(VERBS)} ${pick(EVENTS)} in ${pick(PLACES)} ${pick(WHEN)}.`,
  (pick) => `${cap(pick(ACTORS))} said: “We will not accept ${pick(EVENTS)}. The law must decide.”`,
  (pick, n) => `Security forces closed a cordon of about ${n()}.${n()} km around ${pick(PLACES)}.`,
  (pick) => `According to ${pick(ACTORS)}, ${pick(EVENTS)} was linked to a dispute in ${pick(PLACES)}.`,
  (pick, n) => `At least ${n()} people were wounded in ${pick(EVENTS)} ${pick(WHEN)}, a medical source said.`,
  (pick) => `${cap(pick(ACTORS))} has rejected any suggestion that it was behind ${pick(EVENTS)}.`,
  (pick) => `Courts in ${pick(PLACES)} issued arrest warrants after ${pick(EVENTS)}.`,
];

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function syntheticArticle(seed: number, index: number): IngestArticleInput {
  const next = random(seed * 1_000_003 + index);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)];
  const n = () => 1 + Math.floor(next() * 9);
  const source = SOURCES[index % SOURCES.length];
  const paragraphs = Array.from({ length: 2 + Math.floor(next() * 4) }, () =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(TEMPLATES)(pick, n)).join(' '),
  );
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  return {
    source: { name: source.name, domain: source.domain, kind: source.kind },
    url: `https://${source.domain}/synthetic/${seed}/${index}`,
    title: `${cap(pick(EVENTS).replace(/^the /, ''))} in ${pick(PLACES)}: report ${index}`,
    publishedAt: new Date(Date.UTC(2025, month - 1, day, 8 + (index % 10))),
    language: 'en',
    body: paragraphs.join('\n'),
  };
}
