import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestArticle } from '../articles/article.service';
import { badInput, VerbatimError } from '../common/errors';
import { createLoaders } from '../context';
import { SourceKind } from '../sources/source.entity';
import type { CliCommandSpec } from './cli-command';
import { ingestNdjsonFile, isNdjsonPath } from './bulk-ingest-command';
import { progressBar } from './cli-progress-bar';

export const ingestFiles: CliCommandSpec = {
  usage:
    'verbatim ingest <FILE.ndjson|FILE.jsonl|-|FILE.txt|DIR>... [--extract] [--concurrency 4] [--batch 200] [--rejects FILE] ' +
    '(.txt: --source <name> [--domain <host>] [--kind NEWS_OUTLET|...] [--language <tag>])',
  parse(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        domain: { type: 'string' },
        kind: { type: 'string' },
        language: { type: 'string' },
        extract: { type: 'boolean' },
        concurrency: { type: 'string' },
        batch: { type: 'string' },
        rejects: { type: 'string' },
      },
    });
    if (positionals.length === 0)
      throw badInput('paths', 'Give one or more .ndjson, .jsonl or .txt files, directories of them, or - for stdin');
    const flags = {
      extract: values.extract === true,
      concurrency: wholeNumber(values.concurrency, '--concurrency', 4, 32),
      batchSize: wholeNumber(values.batch, '--batch', 200, 5000),
      rejects: values.rejects,
    };
    const onlyNdjson = positionals.every(isNdjsonPath);
    if (values.source === undefined && !onlyNdjson)
      throw badInput('--source', 'Give the publisher of the .txt files: --source "Tigris Monitor"');
    const kind = values.kind?.toUpperCase();
    if (kind !== undefined && !(kind in SourceKind)) throw badInput('--kind', `--kind is one of ${Object.keys(SourceKind).join(', ')}`);
    const source = { name: values.source ?? '', domain: values.domain, kind: kind as SourceKind | undefined };
    return {
      async run(ctx, io) {
        const files = (await Promise.all(positionals.map(inputFiles))).flat();
        for (const file of files.filter(isNdjsonPath)) await ingestNdjsonFile(ctx, io, file, flags);
        if (onlyNdjson || !files.some((file) => !isNdjsonPath(file))) return;
        if (values.source === undefined) throw badInput('--source', 'Give the publisher of the .txt files: --source "Tigris Monitor"');
        const texts = files.filter((file) => !isNdjsonPath(file));
        const bar = progressBar('files', texts.length);
        const tally = { created: 0, present: 0, refused: 0 };
        for (const file of texts) {
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

/** The file itself, or the .txt, .ndjson and .jsonl files of a directory (not recursive), in name order. */
async function inputFiles(target: string): Promise<string[]> {
  if (target === '-' || !(await stat(target)).isDirectory()) return [target];
  const names = (await readdir(target)).filter((name) => /\.(txt|ndjson|jsonl)$/i.test(name) && !name.endsWith('.rejects.ndjson')).sort();
  return names.map((name) => path.join(target, name));
}

function wholeNumber(value: string | undefined, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(option, `${option} is a whole number from 1 to ${max}`);
  return n;
}
