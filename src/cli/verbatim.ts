#!/usr/bin/env node
import 'reflect-metadata';
import { processIo } from './cli-io';
import { openCliSession } from './cli-session';
import { runCli } from './run-cli';

/** `verbatim <command>` (npm run verbatim -- <command>): ingest, export, synthetic corpora, organisations and keys, run by the operator. */
void runCli(process.argv.slice(2), { open: openCliSession, io: processIo }).then((code) => {
  process.exitCode = code;
});
