import type { RelationType } from '../actors/actor-relation.entity';
import type { ActorKind } from '../actors/actor.entity';
import type { ClaimKind, ReviewStatus } from '../claims/claim.entity';

/** Claims the team annotated on the demo articles, one of each kind, at each step of review. */
export interface DemoClaim {
  /** The demo article's url. */
  article: string;
  kind: keyof typeof ClaimKind;
  text: string;
  claimant?: string;
  subjects?: string[];
  /** Quotes from the article body, one evidence span each. */
  quotes: string[];
  /** Demo events the claim reports, by the start of their description. */
  events?: string[];
  /** An actor relation this claim is evidence for, by actor names. */
  supports?: { actor: string; type: keyof typeof RelationType; target: string };
  review?: { status: keyof typeof ReviewStatus; note: string };
  revision?: { text: string; note: string };
  retraction?: string;
}

/** The actors the demo claims name, with their kinds. */
export const demoClaimActors: Record<string, keyof typeof ActorKind> = {
  'Qais al-Khazali': 'PERSON',
  'Hussein al-Allaq': 'PERSON',
  'Muqtada al-Sadr': 'PERSON',
  'Wissam al-Alawi': 'PERSON',
  'Asaib Ahl al-Haq': 'ARMED_GROUP',
  'Saraya al-Salam': 'ARMED_GROUP',
  'Sadrist movement': 'POLITICAL_PARTY',
};

const restraint = 'https://tigris-monitor.example/2026/01/03/khazali-calls-for-restraint-in-maysan';
const warrants = 'https://tigris-monitor.example/2026/01/04/amarah-victim-faced-arrest-warrants';
const explainer = 'https://mesopotamia-policy-lab.example/briefs/2026-01-maysan-armed-camps';
const streetWatch = 'https://maysan-street-watch.example/posts/2026-01-02-amarah-friday-night';
const saturdayMorning = 'https://maysan-street-watch.example/posts/2026-01-03-amarah-saturday-morning';

export const demoClaims: readonly DemoClaim[] = [
  {
    article: restraint,
    kind: 'STATEMENT',
    text: 'Qais al-Khazali warned of attempts to stir up strife in Maysan and asked residents to settle disputes through the law.',
    claimant: 'Qais al-Khazali',
    quotes: ['He warned of “ongoing attempts” to stir up strife in the province, asked residents to take every dispute to the law'],
    review: { status: 'ACCEPTED', note: 'Matches the written message as the outlet reports it.' },
  },
  {
    article: restraint,
    kind: 'REPORT',
    text: 'Hussein al-Allaq was shot dead in central Amarah on Friday by unidentified attackers.',
    subjects: ['Hussein al-Allaq'],
    quotes: ['was gunned down in central Amarah on Friday by attackers who have not been identified'],
    events: ['Unidentified gunmen shot dead Hussein al-Allaq'],
    review: { status: 'ACCEPTED', note: 'Confirmed by two outlets.' },
  },
  {
    article: warrants,
    kind: 'REPORT',
    text: 'Iraqi courts had issued arrest warrants naming Hussein al-Allaq in more than one case.',
    subjects: ['Hussein al-Allaq'],
    quotes: ['was himself named in several arrest warrants', 'Iraqi courts had issued the warrants in more than one case'],
    review: { status: 'ACCEPTED', note: 'Single anonymous source; accepted as reported, not as fact.' },
  },
  {
    article: warrants,
    kind: 'ALLEGATION',
    text: 'Al-Allaq killed Wissam al-Alawi.',
    subjects: ['Hussein al-Allaq', 'Wissam al-Alawi'],
    quotes: ['al-Allaq was accused of involvement in both deaths'],
    events: ['Wissam al-Alawi, who ran the Maysan office'],
    revision: {
      text: 'Hussein al-Allaq was accused of involvement in the killing of Wissam al-Alawi and of one of his brothers.',
      note: 'The text reports an accusation, not a finding; the first wording overstated it.',
    },
  },
  {
    article: warrants,
    kind: 'STATEMENT',
    text: 'Muqtada al-Sadr blamed "brazen militias" for the killing of al-Allaq, without naming a group.',
    claimant: 'Muqtada al-Sadr',
    subjects: ['Hussein al-Allaq'],
    quotes: ['blamed what he called "brazen militias" for the assassination of al-Allaq'],
  },
  {
    article: warrants,
    kind: 'DENIAL',
    text: 'Asaib Ahl al-Haq denied any role in the shooting of al-Allaq.',
    claimant: 'Asaib Ahl al-Haq',
    subjects: ['Asaib Ahl al-Haq'],
    quotes: ['Asaib Ahl al-Haq has rejected any suggestion that it was behind the shooting'],
    review: { status: 'ACCEPTED', note: 'Reported denial.' },
  },
  {
    article: explainer,
    kind: 'REPORT',
    text: 'Saraya al-Salam is the armed wing of the Sadrist movement.',
    subjects: ['Saraya al-Salam', 'Sadrist movement'],
    quotes: ['Saraya al-Salam serves as the armed wing of the Sadrist movement'],
    supports: { actor: 'Saraya al-Salam', type: 'ARMED_WING_OF', target: 'Sadrist movement' },
    review: { status: 'ACCEPTED', note: 'Long-standing and widely reported.' },
  },
  {
    article: streetWatch,
    kind: 'REPORT',
    text: 'Gunmen set fire to the office of council chairman Mustafa Daeer.',
    quotes: ['the office of council chairman Mustafa Daeer has been set on fire'],
    events: ['In the night after the killing'],
    retraction: 'The post does not say who set the fire; the claim named gunmen without evidence. Kept for the record.',
  },
  {
    article: saturdayMorning,
    kind: 'REPORT',
    text: 'Shops in Amarah reopened after the police said night patrols would continue all week.',
    quotes: ['Shopkeepers 🛒 lifted their shutters once the police 🚓 announced that the night patrols would go on'],
  },
  {
    article: saturdayMorning,
    kind: 'REPORT',
    text: 'A banner calling for no strife was hung by the clock tower in Amarah.',
    quotes: ['«لا لِلفِتْنَة»'],
    review: { status: 'ACCEPTED', note: 'The post shows the banner.' },
  },
  {
    article: saturdayMorning,
    kind: 'STATEMENT',
    text: 'Asaib Ahl al-Haq said its offices in Maysan would stay closed for three days.',
    claimant: 'Asaib Ahl al-Haq',
    subjects: ['Asaib Ahl al-Haq'],
    quotes: ['its offices in the province would stay closed for three days 🙏🏽'],
  },
];
