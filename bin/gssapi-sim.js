#!/usr/bin/env node
// The gssapi-sim command: `gssapi-sim demo` prints a traced Kerberos flow on a seeded sim realm.
// It runs the built package (dist/), which `npm install` builds through `prepare`.

import { runDemo } from '../dist/index.js';

const USAGE = `Usage: gssapi-sim <command>

Commands:
  demo [--seed <seed>]   run a Kerberos flow on an in-memory realm and print every step decoded
  help                   print this text

Options:
  -h, --help             print this text`;

const [command, ...rest] = process.argv.slice(2);

// A reader that stops early (`gssapi-sim demo | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
  process.stdout.write(`${USAGE}\n`);
} else if (command === 'demo') {
  const seed = seedOption(rest);
  await runDemo((line) => process.stdout.write(`${line}\n`), seed === undefined ? {} : { seed });
} else {
  process.stderr.write(`gssapi-sim: unknown command '${command}'\n\n${USAGE}\n`);
  process.exitCode = 2;
}

/** The value of `--seed`, or undefined; exits with usage for any other argument. */
function seedOption(args) {
  if (args.length === 0) return undefined;
  if (args.length === 2 && args[0] === '--seed' && args[1] !== '') return args[1];
  process.stderr.write(`gssapi-sim demo: unexpected arguments '${args.join(' ')}'\n\n${USAGE}\n`);
  process.exit(2);
}
