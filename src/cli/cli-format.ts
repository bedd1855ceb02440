/** Columns padded to their widest cell, for people reading a terminal. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

/** UTC to the second, e.g. "2026-01-03 10:00:00Z"; empty for no time. */
export function formatTime(time: Date | null): string {
  return time === null ? '' : `${time.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
