import { systemContext, type CliSession } from '../../src/cli/cli-session';
import { runCli } from '../../src/cli/run-cli';
import type { TestApp } from './test-app';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
  /** How many times the command opened the database. */
  opened: number;
}

/** Runs a `verbatim` command line in-process against the test app's database, as the CLI would. */
export async function runVerbatim(app: TestApp, operatorOrganizationId: string, argv: string[]): Promise<CliRun> {
  const run: CliRun = { code: -1, out: [], err: [], opened: 0 };
  const open = async (): Promise<CliSession> => {
    run.opened += 1;
    return { context: systemContext(app.db, app.config, operatorOrganizationId), close: async () => undefined };
  };
  run.code = await runCli(argv, { open, io: { out: (line) => run.out.push(line), err: (line) => run.err.push(line) } });
  return run;
}
