import { badInput } from '../common/errors';
import { normalizeNameForSearch } from '../nlp/normalize-name';

/** A name as stored: NFC, single spaces, trimmed; refused when nothing searchable is left. */
export function cleanActorName(raw: string, field: string): { name: string; searchName: string } {
  const name = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const searchName = normalizeNameForSearch(name);
  if (name === '' || searchName === '') throw badInput(field, 'A name needs at least one letter or digit');
  if ([...name].length > 500) throw badInput(field, 'A name has at most 500 characters');
  return { name, searchName };
}
