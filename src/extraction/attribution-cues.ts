/** The words attribution is recognised by: verbs (as wink-nlp lemmas), speakers without names. */

export type ProposedKind = 'STATEMENT' | 'ALLEGATION' | 'DENIAL' | 'REPORT';

/** Attribution verbs and the claim kind each proposes. */
export const ATTRIBUTION_VERBS: ReadonlyMap<string, ProposedKind> = new Map([
  ...(
    'say tell warn urge stress declare describe condemn write post announce state add affirm argue claim assert insist vow ' +
    'threaten pledge demand confirm note explain denounce suggest acknowledge admit criticize criticise emphasize emphasise ' +
    'reiterate caution promise tweet label predict question express'
  )
    .split(' ')
    .map((lemma): [string, ProposedKind] => [lemma, 'STATEMENT']),
  ...'accuse blame allege charge'.split(' ').map((lemma): [string, ProposedKind] => [lemma, 'ALLEGATION']),
  ...'deny reject dismiss refute'.split(' ').map((lemma): [string, ProposedKind] => [lemma, 'DENIAL']),
  ['report', 'REPORT'],
]);

/** Verbs that attribute only with a particle: "called on", "pointed to". */
export const PARTICLE_VERBS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['call', new Set(['on', 'for', 'upon'])],
  ['point', new Set(['to', 'out'])],
]);

/** Verb forms wink-nlp may not lemmatise the way the table wants. */
export const LEMMA_FIXES: Readonly<Record<string, string>> = {
  said: 'say',
  told: 'tell',
  wrote: 'write',
  denied: 'deny',
  denies: 'deny',
  accused: 'accuse',
  warns: 'warn',
  urges: 'urge',
  condemns: 'condemn',
  claims: 'claim',
  argues: 'argue',
  states: 'state',
  calls: 'call',
  labels: 'label',
  suggests: 'suggest',
};

export type SpeakerClass = 'PERSON' | 'GROUP' | 'UNNAMED';

export const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her']);
export const GROUP_PRONOUNS = new Set(['they', 'them', 'it', 'we']);

/** Nouns of definite descriptions ("the group") and what they may refer back to. */
export const DESCRIPTIONS: ReadonlyMap<string, SpeakerClass> = new Map([
  ...'group movement militia faction party organisation organization ministry government council office bloc alliance coalition statement army'
    .split(' ')
    .map((noun): [string, SpeakerClass] => [noun, 'GROUP']),
  ...'officer official spokesman spokeswoman spokesperson commander cleric leader minister governor secretary-general chairman envoy lawmaker mp'
    .split(' ')
    .map((noun): [string, SpeakerClass] => [noun, 'PERSON']),
]);

/** Sources that report without a name: an indefinite "a security source", "sources", "witnesses". */
export const UNNAMED_SOURCES = new Set([
  'source',
  'sources',
  'witness',
  'witnesses',
  'residents',
  'officials',
  'activists',
  'eyewitnesses',
]);

/** Actor kinds a group pronoun or description can refer to. */
export const GROUP_KINDS = new Set(['ORGANIZATION', 'ARMED_GROUP', 'POLITICAL_PARTY', 'GOVERNMENT_BODY', 'STATE', 'OTHER']);
