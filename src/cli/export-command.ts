import { badInput } from '../common/errors';
import { createLoaders } from '../context';
import { ExportParams } from '../exports/export-params';
import { planExport, runExport } from '../exports/export.service';
import { EXPORT_KINDS, type ExportKind } from '../exports/export-source';
import type { CliCommandSpec } from './cli-command';

/** Older spellings of the claims export's options. */
const ALIASES: Record<string, string> = { article: 'articleId', source: 'sourceId' };

/**
 * `verbatim export <kind> [--format ndjson|csv|jsonld] [--<filter field> <value>]...`: the same
 * exports as GET /export/<kind>.<format>, as the operator (no row cap), to stdout.
 */
function exportCommand(kind: ExportKind): CliCommandSpec {
  // Claims exported as Web Annotations before formats existed; that stays their default.
  const defaultFormat = kind === 'claims' ? 'jsonld' : 'ndjson';
  return {
    usage: `verbatim export ${kind} [--format ndjson|csv|jsonld (default ${defaultFormat})] [--updatedSince <ISO time>] [--<filter field> <value>]...  > ${kind}.${defaultFormat}`,
    parse(args) {
      const options = new Map<string, string>();
      for (let i = 0; i < args.length; i += 1) {
        const match = /^--([A-Za-z]+)(?:=(.*))?$/s.exec(args[i]);
        if (match === null) throw badInput('args', `Expected --name value, got "${args[i].slice(0, 50)}"`);
        const value = match[2] ?? args[++i];
        if (value === undefined) throw badInput(`option.${match[1]}`, `--${match[1]} needs a value`);
        const name = ALIASES[match[1]] ?? match[1];
        if (options.has(name)) throw badInput(`option.${name}`, `--${name} given twice`);
        options.set(name, value);
      }
      const format = options.get('format') ?? defaultFormat;
      options.delete('format');
      const plan = planExport(kind, format, new ExportParams(options, 'option'));
      return {
        async run(ctx, io) {
          const count = await runExport(
            ctx,
            plan,
            () => createLoaders(ctx.db, ctx.viewer),
            async (chunk) => {
              for (const line of chunk.slice(0, -1).split('\n')) io.out(line);
            },
          );
          io.err(
            kind === 'claims' && plan.format === 'jsonld'
              ? `${count} claims exported as W3C Web Annotations (NDJSON)`
              : `${count} ${kind} exported as ${plan.format}`,
          );
        },
      };
    },
  };
}

export const exportCommands: Record<string, CliCommandSpec> = Object.fromEntries(
  EXPORT_KINDS.map((kind) => [`export ${kind}`, exportCommand(kind)]),
);
