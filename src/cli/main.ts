#!/usr/bin/env node
import { runCli } from './run.js';
import { onOutputError } from './output-errors.js';

process.stdout.on('error', onOutputError);
process.stderr.on('error', onOutputError);

runCli(process.argv, {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: process.stderr.isTTY === true,
  errStream: process.stderr,
  outIsTty: process.stdout.isTTY === true,
  outStream: process.stdout,
}).then((code) => {
  process.exitCode = code;
});
