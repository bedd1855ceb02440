import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ensureOperatorOrganization } from '../http/auth';
import { loadConfig, type Config } from '../config';
import { createSystemContext, type Context } from '../context';
import { openDatabase } from '../db/database';

/** A command's database and the context its service calls run in. */
export interface CliSession {
  context: Context;
  close(): Promise<void>;
}

/**
 * The operator acting from the command line: an ADMIN of the operator organisation, recorded
 * in the audit log with the key prefix "cli" (whoever can run this can read the database anyway).
 */
export function systemContext(db: DataSource, config: Config, operatorOrganizationId: string): Context {
  return createSystemContext(db, config, operatorOrganizationId, 'cli');
}

/** Opens the database as the server does: DATABASE_URL, else the embedded one; migrated. */
export async function openCliSession(): Promise<CliSession> {
  const config = loadConfig();
  // Logs go to stderr so stdout carries only results; "info" (the server's default) would bury them.
  const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
  const logger = pino({ level, base: { service: 'verbatim-cli' } }, pino.destination({ dest: 2, sync: true }));
  const database = await openDatabase(config, logger);
  try {
    const operatorOrganizationId = await ensureOperatorOrganization(database.dataSource);
    return { context: systemContext(database.dataSource, config, operatorOrganizationId), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
