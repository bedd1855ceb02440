// Demonstration actors and events, written by the Verbatim team from the facts in demo-articles.ts.
// No Wikidata ids: none was verified, and a wrong external id is worse than none.

import { ActorKind } from '../actors/actor.entity';
import { ParticipantRole } from '../events/event-participant.entity';
import { DatePrecision, EventType } from '../events/event.entity';

export interface DemoActor {
  name: string;
  kind: ActorKind;
  description: string;
  aliases: Array<{ name: string; language?: string }>;
}

export const demoActors: readonly DemoActor[] = [
  {
    name: 'Qais al-Khazali',
    kind: ActorKind.PERSON,
    description: 'Secretary-general of Asaib Ahl al-Haq.',
    aliases: [{ name: 'قيس الخزعلي', language: 'ar' }],
  },
  {
    name: 'Asaib Ahl al-Haq',
    kind: ActorKind.ARMED_GROUP,
    description: 'Iran-backed Shia armed faction, one of the groups calling themselves the Islamic Resistance in Iraq.',
    aliases: [{ name: "Asa'ib Ahl al-Haqq", language: 'en' }, { name: 'AAH' }, { name: 'عصائب أهل الحق', language: 'ar' }],
  },
  {
    name: 'Muqtada al-Sadr',
    kind: ActorKind.PERSON,
    description: 'Shia cleric who leads the Sadrist movement.',
    aliases: [
      { name: 'Moqtada Sadr', language: 'en' },
      { name: 'مقتدى الصدر', language: 'ar' },
    ],
  },
  {
    name: 'Saraya al-Salam',
    kind: ActorKind.ARMED_GROUP,
    description: 'Armed wing of the Sadrist movement.',
    aliases: [{ name: 'سرايا السلام', language: 'ar' }],
  },
  {
    name: 'Sadrist movement',
    kind: ActorKind.POLITICAL_PARTY,
    description: 'Political current led by Muqtada al-Sadr, now called the Patriotic Shiite Movement.',
    aliases: [{ name: 'Patriotic Shiite Movement', language: 'en' }],
  },
  {
    name: 'Hussein al-Allaq',
    kind: ActorKind.PERSON,
    description: 'Senior Sadrist figure in Amarah, shot dead in January 2026.',
    aliases: [{ name: 'al-Dalij', language: 'ar-Latn' }],
  },
  {
    name: 'Wissam al-Alawi',
    kind: ActorKind.PERSON,
    description: 'Head of the Maysan office of Asaib Ahl al-Haq, assassinated some years before 2026.',
    aliases: [],
  },
];

export interface DemoEvent {
  type: EventType;
  subType: string;
  description: string;
  date?: string /* YYYY-MM-DD */;
  endDate?: string;
  datePrecision: DatePrecision;
  place: { name: string; admin1?: string; country?: string; latitude?: number; longitude?: number };
  /** By actor name, from demoActors. */
  participants: Array<{ actor: string; role: ParticipantRole }>;
  fatalities?: number;
}

const amarah = { name: 'Amarah', admin1: 'Maysan', country: 'IQ', latitude: 31.84, longitude: 47.14 };

export const demoEvents: readonly DemoEvent[] = [
  {
    type: EventType.VIOLENCE_AGAINST_CIVILIANS,
    subType: 'Attack',
    description: 'Unidentified gunmen shot dead Hussein al-Allaq, a senior Sadrist figure, in central Amarah.',
    date: '2026-01-02',
    datePrecision: DatePrecision.DAY,
    place: amarah,
    participants: [{ actor: 'Hussein al-Allaq', role: ParticipantRole.VICTIM }],
    fatalities: 1,
  },
  {
    type: EventType.RIOTS,
    subType: 'Mob violence',
    description:
      'In the night after the killing, Sadrist supporters set fire to the office of the provincial council chairman while gunmen loyal to Saraya al-Salam fired into the air.',
    date: '2026-01-02',
    endDate: '2026-01-03',
    datePrecision: DatePrecision.DAY,
    place: amarah,
    participants: [
      { actor: 'Sadrist movement', role: ParticipantRole.PARTICIPANT },
      { actor: 'Saraya al-Salam', role: ParticipantRole.PARTICIPANT },
    ],
  },
  {
    type: EventType.VIOLENCE_AGAINST_CIVILIANS,
    subType: 'Attack',
    description:
      'Wissam al-Alawi, who ran the Maysan office of Asaib Ahl al-Haq, was assassinated; the reports give no date beyond "several years ago".',
    datePrecision: DatePrecision.UNKNOWN,
    place: { name: 'Maysan', admin1: 'Maysan', country: 'IQ' },
    participants: [{ actor: 'Wissam al-Alawi', role: ParticipantRole.VICTIM }],
  },
];
