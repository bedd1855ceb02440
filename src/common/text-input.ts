import { badInput } from './errors';

/**
 * The trimmed text of a required input. Length validators run on the raw value, so "\n\t"
 * passes them and would reach a database check as ""; refuse it here, naming the field.
 */
export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(field, `${field} has no text (only whitespace)`);
  return trimmed;
}
