import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * wink-nlp's reading of one sentence, with every token placed in the sentence (UTF-16 offsets):
 * what mentions, attributions and time expressions are found from. wink-nlp does the
 * tokenising, part-of-speech tagging and entity recognition; this only records where each token
 * sits, which wink-nlp does not report.
 */
export interface Token {
  /** The token as wink-nlp read it (its `value`): the sentence's own text at [start, end). */
  text: string;
  lower: string;
  lemma: string;
  start: number;
  end: number;
  pos: string;
  /** No whitespace between the previous token and this one. */
  glued: boolean;
}

export interface Entity {
  type: string;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  entities: Entity[];
}

let nlp: WinkMethods | undefined;

function reader(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos', 'ner']);
  return nlp;
}

export function analyseSentence(text: string): Analysis {
  const wink = reader();
  const doc = wink.readDoc(text);
  // wink-nlp's `its` helpers are plain functions meant to be passed around.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { value, pos, lemma, span, type } = wink.its;
  const values = doc.tokens().out(value);
  const tags = doc.tokens().out(pos);
  const lemmas = doc.tokens().out(lemma as typeof value);
  const tokens: Token[] = [];
  const indexOfWink: number[] = [];
  let cursor = 0;
  values.forEach((token, i) => {
    const at = text.indexOf(token, cursor);
    // A token wink-nlp rewrote (rare: some quote marks) cannot be placed; it is left out, never guessed.
    if (at === -1 || token.trim() === '') {
      indexOfWink.push(-1);
      return;
    }
    indexOfWink.push(tokens.length);
    tokens.push({
      text: token,
      lower: token.toLowerCase(),
      lemma: String(lemmas[i] ?? token).toLowerCase(),
      start: at,
      end: at + token.length,
      pos: tags[i],
      glued: tokens.length > 0 && tokens[tokens.length - 1].end === at,
    });
    cursor = at + token.length;
  });
  const spans = doc.entities().out(span) as unknown as Array<[number, number]>;
  const types = doc.entities().out(type);
  const entities: Entity[] = [];
  spans.forEach(([first, last], i) => {
    const a = indexOfWink[first];
    const b = indexOfWink[last];
    if (a !== undefined && b !== undefined && a !== -1 && b !== -1) entities.push({ type: types[i], first: a, last: b });
  });
  return { text, tokens, entities };
}
