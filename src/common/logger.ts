import pino, { type Logger } from 'pino';
import type { Config } from '../config';

export type { Logger } from 'pino';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'verbatim' } });
}
