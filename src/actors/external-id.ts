import { badInput } from '../common/errors';

/** Registers whose ids we know the shape of; any other system gets the generic rule below. */
const KNOWN_SYSTEMS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  wikidata: { pattern: /^Q[1-9][0-9]{0,11}$/, example: 'Q42' },
  viaf: { pattern: /^[1-9][0-9]{0,21}$/, example: '123456789' },
  geonames: { pattern: /^[1-9][0-9]{0,11}$/, example: '1234567' },
  isni: { pattern: /^[0-9]{15}[0-9X]$/, example: '000000012345678X' },
};

/** A system is a short lowercase name ("wikidata", "acled-actor"); stored lowercased. */
const SYSTEM = /^[a-z][a-z0-9_.-]{0,49}$/;
/** Unknown systems: a printable token without spaces, so ids copy and compare cleanly. */
const GENERIC_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,199}$/;

export interface ExternalIdValue {
  system: string;
  value: string;
}

/** The external id as stored (system lowercased, both trimmed), or BAD_USER_INPUT naming `field`. */
export function checkExternalId(input: ExternalIdValue, field: string): ExternalIdValue {
  const system = input.system.trim().toLowerCase();
  const value = input.value.trim();
  if (!SYSTEM.test(system)) {
    throw badInput(`${field}.system`, 'A system is a short lowercase name such as "wikidata" (letters, digits, "_", ".", "-")');
  }
  const known = KNOWN_SYSTEMS[system];
  if (known !== undefined && !known.pattern.test(value)) {
    throw badInput(`${field}.value`, `"${value.slice(0, 40)}" is not a ${system} id (like "${known.example}")`);
  }
  if (known === undefined && !GENERIC_VALUE.test(value)) {
    throw badInput(`${field}.value`, 'An external id is 1 to 200 letters, digits or . _ : / # - without spaces');
  }
  return { system, value };
}
