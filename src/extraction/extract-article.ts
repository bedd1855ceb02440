import { SentenceRole } from '../nlp/sentence-roles';
import { analyseSentence } from '../nlp/wink-analysis';
import { codePointOffsets } from '../provenance/text';
import type { ProposedKind } from './attribution-cues';
import { findAttributions } from './find-attributions';
import { findMentions } from './find-mentions';
import type { Gazetteer } from './gazetteer';
import { findTimeExpressions, type Precision } from './time-expressions';

/** Names and versions written into every extraction record (W3C PROV agent and version). */
export const EXTRACTOR_AGENT = 'verbatim-rules';
export const EXTRACTOR_VERSION = '1.0.0';

export interface ArticleToExtract {
  sentences: ReadonlyArray<{ start: number; end: number; text: string; role: SentenceRole }>;
  publishedAt: Date | null;
}

/** Spans below are code-point offsets into the article body, each inside its sentence. */
export interface ProposedMention {
  sentenceIndex: number;
  start: number;
  end: number;
  text: string;
  actorId: string | null;
  confidence: number;
}

export interface ProposedTimeExpression {
  start: number;
  end: number;
  text: string;
  date: string | null;
  precision: Precision;
}

export interface ProposedClaim {
  sentenceIndex: number;
  start: number;
  end: number;
  exact: string;
  claimantId: string | null;
  speakerText: string;
  kind: ProposedKind;
  confidence: number;
  subjectIds: string[];
  statedOn: string | null;
  statedOnPrecision: Precision | null;
}

export interface ArticleExtraction {
  mentions: ProposedMention[];
  claims: ProposedClaim[];
  timeExpressions: ProposedTimeExpression[][];
}

const CLAIM_ROLES = new Set([SentenceRole.BODY]);

/** Everything the rules propose for one article. Pure: the same article and gazetteer give the same proposals. */
export function extractArticle(article: ArticleToExtract, gazetteer: Gazetteer): ArticleExtraction {
  const publishedOn = article.publishedAt === null ? null : article.publishedAt.toISOString().slice(0, 10);
  const analyses = article.sentences.map((sentence) => analyseSentence(sentence.text));
  const offsets = article.sentences.map((sentence) => codePointOffsets(sentence.text));
  const at = (index: number, utf16: number) => article.sentences[index].start + offsets[index][utf16];
  const slice = (index: number, start: number, end: number) => article.sentences[index].text.slice(start, end);

  const mentionLists = findMentions(gazetteer, analyses, (i) => article.sentences[i].role === SentenceRole.BODY);
  const timeLists = analyses.map((analysis) => findTimeExpressions(analysis, publishedOn));
  const attributions = findAttributions(
    analyses.map((analysis, i) => ({
      analysis,
      mentions: mentionLists[i],
      times: timeLists[i],
      isBody: CLAIM_ROLES.has(article.sentences[i].role),
    })),
    (actorId) => gazetteer.actors.get(actorId)?.kind,
  );
  const mentions = mentionLists.flatMap((list, i) =>
    article.sentences[i].role === SentenceRole.DATELINE
      ? []
      : list.map((m) => ({
          sentenceIndex: i,
          start: at(i, m.start),
          end: at(i, m.end),
          text: slice(i, m.start, m.end),
          actorId: m.actorId,
          confidence: m.confidence,
        })),
  );
  const claims = attributions.map((claim) => ({
    sentenceIndex: claim.sentenceIndex,
    start: at(claim.sentenceIndex, claim.start),
    end: at(claim.sentenceIndex, claim.end),
    exact: slice(claim.sentenceIndex, claim.start, claim.end),
    claimantId: claim.claimantId,
    speakerText: claim.speakerText,
    kind: claim.kind,
    confidence: Math.round(claim.confidence * 100) / 100,
    subjectIds: claim.subjectIds,
    statedOn: claim.time?.date ?? null,
    statedOnPrecision: claim.time?.precision ?? null,
  }));
  const timeExpressions = timeLists.map((list, i) =>
    list.map((t) => ({ start: at(i, t.start), end: at(i, t.end), text: t.text, date: t.date, precision: t.precision })),
  );
  return { mentions, claims, timeExpressions };
}
