import { EventType } from './event.entity';

/**
 * The event codebook served by `eventTypes`: ACLED's six event types and their sub-event types
 * (names as ACLED spells them, so data can be compared), with definitions written by the
 * Verbatim team. An event's `subType` must be one of its type's sub-types.
 */
export interface EventSubTypeDefinition {
  name: string;
  definition: string;
}

export interface EventTypeDefinition {
  type: EventType;
  definition: string;
  subTypes: readonly EventSubTypeDefinition[];
}

export const EVENT_CODEBOOK: readonly EventTypeDefinition[] = [
  {
    type: EventType.BATTLES,
    definition: 'Organised armed groups fight each other, both sides able to use force.',
    subTypes: [
      { name: 'Armed clash', definition: 'Armed sides exchange fire or fight without either taking ground from the other.' },
      { name: 'Government regains territory', definition: 'State forces take back an area that a non-state group had held.' },
      {
        name: 'Non-state actor overtakes territory',
        definition: 'A non-state armed group seizes an area from the state or from another group.',
      },
    ],
  },
  {
    type: EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    definition: 'Harm done from a distance or by explosives, where the target cannot fight back on the spot.',
    subTypes: [
      { name: 'Chemical weapon', definition: 'A toxic chemical is released to injure or kill.' },
      { name: 'Air/drone strike', definition: 'An aircraft or a drone fires at or bombs a target.' },
      { name: 'Suicide bomb', definition: 'An attacker sets off explosives that kill the attacker as well.' },
      {
        name: 'Shelling/artillery/missile attack',
        definition: 'Shells, rockets or missiles are fired from the ground or the sea at a target.',
      },
      {
        name: 'Remote explosive/landmine/IED',
        definition: 'A planted, hidden or remotely set-off device explodes, with no attacker present.',
      },
      { name: 'Grenade', definition: 'A hand-thrown or launched grenade is used against people or property.' },
    ],
  },
  {
    type: EventType.VIOLENCE_AGAINST_CIVILIANS,
    definition: 'An armed group deliberately harms unarmed people who are not taking part in fighting.',
    subTypes: [
      { name: 'Sexual violence', definition: 'Rape or other sexual harm is inflicted on civilians.' },
      { name: 'Attack', definition: 'Civilians are shot, beaten, killed or otherwise physically harmed on purpose.' },
      {
        name: 'Abduction/forced disappearance',
        definition: 'Civilians are seized, kidnapped or detained outside the law, or vanish in custody.',
      },
    ],
  },
  {
    type: EventType.PROTESTS,
    definition: 'People gather in public to voice a grievance without using violence themselves.',
    subTypes: [
      { name: 'Peaceful protest', definition: 'A non-violent demonstration that the authorities leave alone.' },
      {
        name: 'Protest with intervention',
        definition: 'A non-violent demonstration that security forces disperse or hold back without serious harm.',
      },
      {
        name: 'Excessive force against protesters',
        definition: 'Security forces use lethal or gravely harmful force on non-violent demonstrators.',
      },
    ],
  },
  {
    type: EventType.RIOTS,
    definition: 'A crowd turns to violence against people or property.',
    subTypes: [
      {
        name: 'Violent demonstration',
        definition: 'A demonstration in which participants attack people, throw objects or destroy property.',
      },
      { name: 'Mob violence', definition: 'A spontaneous crowd, not a planned demonstration, attacks people or property.' },
    ],
  },
  {
    type: EventType.STRATEGIC_DEVELOPMENTS,
    definition: 'Turning points without direct violence that shape a conflict, recorded for context.',
    subTypes: [
      { name: 'Agreement', definition: 'Parties agree a ceasefire, peace deal, prisoner exchange or similar arrangement.' },
      { name: 'Arrests', definition: 'Authorities detain a prominent person or a large group.' },
      {
        name: 'Change to group/activity',
        definition: 'A group forms, splits, merges, renames itself or changes its leadership or conduct.',
      },
      { name: 'Disrupted weapons use', definition: 'A planned attack or explosion is foiled, or weapons are seized or defused.' },
      { name: 'Headquarters or base established', definition: 'A group sets up a new base, headquarters or office.' },
      { name: 'Looting/property destruction', definition: 'Property is stolen or destroyed without a clash or an attack on people.' },
      { name: 'Non-violent transfer of territory', definition: 'Control of an area changes hands without fighting.' },
      { name: 'Other', definition: 'A significant development that fits no other sub-type.' },
    ],
  },
];

/** The codebook spelling of `subType` under `type`, matched without regard to case and spacing; null when not in it. */
export function codebookSubType(type: EventType, subType: string): string | null {
  const wanted = subType.trim().replace(/\s+/g, ' ').toLowerCase();
  const entry = EVENT_CODEBOOK.find((candidate) => candidate.type === type);
  return entry?.subTypes.find((candidate) => candidate.name.toLowerCase() === wanted)?.name ?? null;
}
