import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printVerbatimSchema } from '../schema';

/** `npm run schema:print`: regenerates schema.graphql from the code. */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '..', '..', 'schema.graphql');
  writeFileSync(target, await printVerbatimSchema());
  process.stdout.write(`wrote ${target}\n`);
}

void main();
