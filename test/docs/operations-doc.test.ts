import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../src/config';

/** docs/operations.md names every variable src/config.ts reads, and every series /metrics has. */
const doc = readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');

it('docs/operations.md lists every configuration variable', () => {
  expect(CONFIG_VARIABLES.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
});

it('docs/operations.md describes every series of /metrics', () => {
  const source = readFileSync(path.join(__dirname, '../../src/http/metrics.ts'), 'utf8');
  const series = [...source.matchAll(/name: '(verbatim_[a-z_]+)'/g)].map((match) => match[1]);
  expect(series.length).toBeGreaterThan(5);
  expect(series.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
});
