import { badInput } from '../common/errors';

/** The largest text a filter parameter may carry (the lists' own filters allow 500). */
const MAX_PARAM_LENGTH = 500;

/**
 * An export's filter parameters, from a query string (`?status=ACCEPTED`) or from command-line
 * flags (`--status ACCEPTED`): the same names as the lists' GraphQL filter fields. Each name
 * may be given once; a name no export knows is refused, so a typo never widens an export.
 */
export class ExportParams {
  private readonly used = new Set<string>();

  constructor(
    private readonly values: ReadonlyMap<string, unknown>,
    /** How a refusal names the parameter: "query" (query.status) for HTTP, "option" for the CLI. */
    readonly scope: string,
  ) {}

  static fromQuery(query: Record<string, unknown>): ExportParams {
    return new ExportParams(new Map(Object.entries(query)), 'query');
  }

  text(name: string): string | undefined {
    this.used.add(name);
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PARAM_LENGTH)
      throw badInput(this.field(name), `${name} must be given once, as text of 1 to ${MAX_PARAM_LENGTH} characters`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: Record<string, T>): T | undefined {
    const value = this.text(name)?.toUpperCase();
    if (value === undefined) return undefined;
    if (!Object.values(allowed).includes(value as T))
      throw badInput(this.field(name), `${name} is one of ${Object.values(allowed).join(', ')}`);
    return value as T;
  }

  dateTime(name: string): Date | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const date = new Date(value);
    // Years 1 to 9999 only: what the DateTime scalar writes and PostgreSQL reads back.
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1)
      throw badInput(this.field(name), `${name} must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z`);
    return date;
  }

  boolean(name: string): boolean | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw badInput(this.field(name), `${name} is true or false`);
    return value === 'true';
  }

  /** Refuses any parameter the export did not read. */
  rejectUnknown(kind: string): void {
    for (const name of this.values.keys()) {
      if (!this.used.has(name))
        throw badInput(
          this.field(name),
          `The ${kind} export has no parameter "${name.slice(0, 50)}"; it takes ${[...this.used].join(', ')}`,
        );
    }
  }

  field(name: string): string {
    return `${this.scope}.${name}`;
  }
}
