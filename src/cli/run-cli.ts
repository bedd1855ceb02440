import type { CliCommandSpec } from './cli-command';
import type { CliIo } from './cli-io';
import type { CliSession } from './cli-session';
import { corpusGenerate } from './corpus-command';
import { exportCommands } from './export-command';
import { extractCommand } from './extract-command';
import { ingestFiles } from './ingest-command';
import { keysCreate, keysList, keysRevoke } from './keys-command';
import { organizationsCreate } from './organizations-command';

const COMMANDS: Record<string, CliCommandSpec> = {
  'keys create': keysCreate,
  'keys list': keysList,
  'keys revoke': keysRevoke,
  'organizations create': organizationsCreate,
  ingest: ingestFiles,
  ...exportCommands,
  'corpus generate': corpusGenerate,
  extract: extractCommand,
};

const USAGE = ['Usage:', ...Object.values(COMMANDS).map((command) => `  ${command.usage}`)].join('\n');

export interface CliDeps {
  /** Opens the database; called only once the command line is known to be good. */
  open(): Promise<CliSession>;
  io: CliIo;
}

/**
 * Runs one `verbatim` command line and returns the exit code. Any failure is one line on
 * stderr and exit code 1; the database is closed whatever happens.
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const { io } = deps;
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0])) {
    io.out(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  // Commands are one word (`ingest`) or two (`keys create`).
  const name = argv[0] in COMMANDS ? argv[0] : argv.slice(0, 2).join(' ');
  const spec = COMMANDS[name];
  if (spec === undefined) {
    io.err(`verbatim: unknown command "${name}"; run "verbatim help" for the list`);
    return 1;
  }
  const args = argv.slice(name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: ${spec.usage}`);
    return 0;
  }
  let session: CliSession | undefined;
  try {
    const command = spec.parse(args);
    session = await deps.open();
    await command.run(session.context, io);
    return 0;
  } catch (error) {
    io.err(`verbatim ${name}: ${oneLine(error)}`);
    return 1;
  } finally {
    await session?.close();
  }
}

/** The first line of the message: errors from PostgreSQL start-up append whole logs. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim() || 'failed';
}
