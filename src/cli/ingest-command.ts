import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestArticle } from '../articles/article.service';
import { badInput, VerbatimError } from '../common/errors';
import { createLoaders } from '../context';
import { SourceKind } from '../sources/source.entity';
import type { CliCommandSpec } from './cli-command';
import { progressBar } from './cli-progress-bar';

export const ingestFiles: CliCommandSpec = {
  usage: 'verbatim ingest <file or directory>... --source <name> [--domain <host>] [--kind NEWS_OUTLET|...] [--language <tag>]',
  parse(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { source: { type: 'string' }, domain: { type: 'string' }, kind: { type: 'string' }, language: { type: 'string' } },
    });
    if (positionals.length === 0) throw badInput('paths', 'Give one or more .txt files or directories of them');
    if (values.source === undefined) throw badInput('--source', 'Give the publisher: --source "Tigris Monitor"');
    const kind = values.kind?.toUpperCase();
    if (kind !== undefined && !(kind in SourceKind)) throw badInput('--kind', `--kind is one of ${Object.keys(SourceKind).join(', ')}`);
    const source = { name: values.source, domain: values.domain, kind: kind as SourceKind | undefined };
    return {
      async run(ctx, io) {
        const files = (await Promise.all(positionals.map(textFiles))).flat();
        const bar = progressBar('files', files.length);
        const tally = { created: 0, present: 0, refused: 0 };
        for (const file of files) {
          const body = await readFile(file, 'utf8');
          const title =
            body
              .split('\n')
              .find((line) => line.trim() !== '')
              ?.trim()
              .slice(0, 300) ?? path.basename(file);
          try {
            const fresh = { ...ctx, loaders: createLoaders(ctx.db, ctx.viewer) };
            const { article, created } = await ingestArticle(fresh, { source, title, body, language: values.language });
            tally[created ? 'created' : 'present'] += 1;
            io.out(`${article.nodeId}\t${article.sentenceCount} sentences\t${created ? 'created' : 'already present'}\t${file}`);
          } catch (error) {
            if (!(error instanceof VerbatimError)) throw error;
            tally.refused += 1;
            io.err(`refused ${file}: ${error.message}`);
          }
          bar.tick();
        }
        bar.stop();
        io.err(`${tally.created} created, ${tally.present} already present, ${tally.refused} refused`);
      },
    };
  },
};

/** The file itself, or the .txt files of a directory (not recursive), in name order. */
async function textFiles(target: string): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const names = (await readdir(target)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => path.join(target, name));
}
