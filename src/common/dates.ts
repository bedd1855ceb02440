/** A GraphQL `Date` (parsed as a JS Date at UTC midnight) as PostgreSQL's date text, YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
