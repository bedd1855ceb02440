import { AhoCorasick } from '@monyone/aho-corasick';
import { normalizeNameForSearch } from '../nlp/normalize-name';

/** An actor as the gazetteer knows it: every name it goes by (name and aliases). */
export interface GazetteerActor {
  id: string;
  name: string;
  kind: string;
  aliases: readonly string[];
}

export interface GazetteerName {
  actorId: string;
  /** The name's search key (normalizeNameForSearch), words separated by one space. */
  key: string;
  isAlias: boolean;
}

/**
 * Every actor's names under the search key actor search uses, in one Aho–Corasick automaton:
 * a sentence's folded words are scanned once, whatever the number of names. Built once per
 * extraction run; pure, no database.
 */
export class Gazetteer {
  readonly actors: ReadonlyMap<string, GazetteerActor>;
  private readonly byKey = new Map<string, GazetteerName[]>();
  private readonly matcher: AhoCorasick;
  /** Keys by first letter, for near-spelling look-ups. */
  private readonly byInitial = new Map<string, string[]>();

  constructor(actors: readonly GazetteerActor[]) {
    this.actors = new Map(actors.map((actor) => [actor.id, actor]));
    for (const actor of actors) {
      const names = [actor.name, ...actor.aliases].map((name, i) => ({ key: normalizeNameForSearch(name), isAlias: i > 0 }));
      for (const { key, isAlias } of names) {
        if (key === '') continue;
        const entries = this.byKey.get(key) ?? [];
        if (!entries.some((entry) => entry.actorId === actor.id)) entries.push({ actorId: actor.id, key, isAlias });
        this.byKey.set(key, entries);
      }
    }
    for (const key of this.byKey.keys()) {
      const initial = key[0];
      this.byInitial.set(initial, [...(this.byInitial.get(initial) ?? []), key]);
    }
    // Patterns are padded with spaces so they match whole words of the padded folded text.
    this.matcher = new AhoCorasick([...this.byKey.keys()].map((key) => ` ${key} `));
  }

  /** Whole-word occurrences of names in `folded` (words separated by single spaces). */
  matchAll(folded: string): Array<{ begin: number; end: number; names: GazetteerName[] }> {
    if (this.byKey.size === 0) return [];
    return this.matcher.matchInText(` ${folded} `).map(({ begin, end, keyword }) => ({
      // Offsets into `folded`: the leading pad and the pattern's own spaces cancel out.
      begin,
      end: end - 2,
      names: this.byKey.get(keyword.slice(1, -1)) ?? [],
    }));
  }

  namesOf(key: string): GazetteerName[] {
    return this.byKey.get(key) ?? [];
  }

  /** Keys that could be a near-spelling of `key`: same first letter, similar length. */
  candidatesNear(key: string): string[] {
    return (this.byInitial.get(key[0]) ?? []).filter((candidate) => Math.abs(candidate.length - key.length) <= 3);
  }
}
