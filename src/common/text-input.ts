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

/** Why a text cannot be stored, or null when it can. */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * Search text as websearch_to_tsquery reads it. Text with no letter or digit selects nothing
 * and, made of enough operators, exhausts PostgreSQL's parser ("stack too small"); so does an
 * unbounded run of operators. Both are refused, naming the field.
 */
export function searchText(value: string, field: string): string {
  const reason = unstorableTextReason(value);
  if (reason !== null) throw badInput(field, `${field} ${reason}`);
  if (!/[\p{L}\p{N}]/u.test(value)) throw badInput(field, `${field} has no word to search for (only operators or punctuation)`);
  const operators = value.match(/-|"|\bor\b/gi)?.length ?? 0;
  if (operators > MAX_SEARCH_OPERATORS) {
    throw badInput(field, `${field} has ${operators} search operators; at most ${MAX_SEARCH_OPERATORS} (-, "…" and or)`);
  }
  return value;
}

export const MAX_SEARCH_OPERATORS = 64;
