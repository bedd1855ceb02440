import pino from 'pino';
import type { Logger } from '../../src/common/logger';

export interface CapturedLogs {
  logger: Logger;
  /** Every line logged so far, parsed. */
  lines: Array<Record<string, unknown>>;
}

/** A pino logger, as the server's, that keeps its JSON lines in memory for a test to read. */
export function captureLogs(level = 'info'): CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level, base: { service: 'verbatim' } },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}
