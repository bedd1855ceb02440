import type { Context } from '../context';
import type { CliIo } from './cli-io';

/** A command line, parsed and checked before any database is opened. */
export interface CliCommand {
  run(ctx: Context, io: CliIo): Promise<void>;
}

export interface CliCommandSpec {
  usage: string;
  /** Throws BAD_USER_INPUT (naming the option) for arguments that cannot work. */
  parse(args: string[]): CliCommand;
}
