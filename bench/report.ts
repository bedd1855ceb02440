/** bench:compare's results as JSON and as the markdown table in docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Measurement } from './load';

export interface Report {
  started: string;
  finishedSeconds: number;
  settings: { scale: string; seconds: number; passes: number; connections: number; warmupSeconds: number };
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; postgres: string; load: string };
  command: string;
  operations: Array<{ key: string; title: string; results: Record<'verbatim' | 'postgraphile' | 'floor', Measurement> }>;
  writes: Measurement;
}

const f0 = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en'));
const f1 = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(1));
const f2 = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(2));

export function renderMarkdown(report: Report): string {
  const { settings, machine } = report;
  const lines = [
    `Run of ${report.started} (${report.finishedSeconds} s), scale **${settings.scale}**, ${settings.connections} connections, ` +
      `${settings.passes} pass(es) × ${settings.seconds} s per server and operation (after ${settings.warmupSeconds} s warm-up), medians.`,
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; ` +
      `load average at the end ${machine.load}. Command: \`${report.command}\`.`,
    '',
    '| op | Verbatim req/s | p50 / p99 ms | stmts/req | CPU ms/req | RSS MiB | PostGraphile req/s | p50 / p99 ms | stmts/req | CPU ms/req | RSS MiB | ratio | SQL floor req/s | p50 / p99 ms | errors (V/P) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const op of report.operations) {
    const { verbatim: v, postgraphile: p, floor: s } = op.results;
    lines.push(
      `| ${op.key} ${op.title} | ${f0(v.rps)} | ${f1(v.p50)} / ${f1(v.p99)} | ${f1(v.statements)} | ${f2(v.cpuMs)} | ${f0(v.rssMiB)} ` +
        `| ${f0(p.rps)} | ${f1(p.p50)} / ${f1(p.p99)} | ${f1(p.statements)} | ${f2(p.cpuMs)} | ${f0(p.rssMiB)} ` +
        `| **${f2(v.rps / p.rps)}** | ${f0(s.rps)} | ${f1(s.p50)} / ${f1(s.p99)} | ${v.errors} / ${p.errors} |`,
    );
  }
  const w = report.writes;
  lines.push(
    '',
    `Write mix on Verbatim (ingestArticle and addClaim alternating, 4 connections, EDITOR key): ${f0(w.rps)} req/s ` +
      `(≈ ${f0(w.rps / 2)} articles/s), p50 ${f1(w.p50)} ms, p99 ${f1(w.p99)} ms, ${f1(w.statements)} statements/request, ` +
      `${f2(w.cpuMs)} CPU ms/request, ${w.errors} errors.`,
  );
  return lines.join('\n');
}

const start = (scale: string) => `<!-- bench:compare ${scale} start -->`;
const end = (scale: string) => `<!-- bench:compare ${scale} end -->`;

/** Replaces the scale's section of docs/benchmarks.md (between its markers), or appends one. */
export function writeDocs(file: string, scale: string, markdown: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = `${start(scale)}\n${markdown}\n${end(scale)}`;
  const from = text.indexOf(start(scale));
  const to = text.indexOf(end(scale));
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + end(scale).length)
      : `${text.trimEnd()}\n\n### Latest \`bench:compare\` at scale ${scale}\n\n${section}\n`;
  writeFileSync(file, next);
}
