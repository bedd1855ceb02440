/**
 * How many objects a GraphQL answer holds at `path` ("actors.nodes.events.nodes"), through every
 * list on the way. An N+1 check compares statement counts of a small and a large page; it proves
 * something only if the large page really returned more rows at each level it names.
 */
export function rowsAt(data: unknown, path: string): number {
  let level: unknown[] = [data];
  for (const key of path.split('.')) {
    level = level
      .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
      .filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object')
      .map((value) => value[key])
      .filter((value) => value !== null && value !== undefined);
  }
  return level.flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value])).length;
}

/** The large answer has more rows than the small one at every path, and some at the deepest. */
export function expectMoreRowsAtEveryLevel(small: unknown, large: unknown, paths: string[]): void {
  for (const path of paths) {
    expect({ path, more: rowsAt(large, path) > rowsAt(small, path) }).toEqual({ path, more: true });
  }
}
