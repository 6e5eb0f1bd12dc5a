/**
 * The CLI program: commander wiring and the mapping of errors to exit codes. The only code that
 * writes to the terminal; the library underneath returns values and throws typed errors.
 *   0 ran · 2 bad input (trace, scenario, price sheet, flag) · 3 internal error (a bug)
 *   4 ran, and a --fail-if condition holds (the report was printed; the conditions go to stderr)
 */
import { Command, CommanderError } from 'commander';
import { collectNotices, escapeControls, escapeInline, formatIssue, InputError } from '../index.js';
import { registerSimulate } from './commands/simulate.js';
import { registerSweep } from './commands/sweep.js';
import { registerMerge } from './commands/merge.js';
import { registerCompare } from './commands/compare.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerGenerate } from './commands/generate.js';
import { registerInspect } from './commands/inspect.js';
import { registerValidate } from './commands/validate.js';
import { CliExit } from './exit.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('faasim')
    .description(
      'Serverless cost and cold-start simulator: replays a request trace against a FaaS platform model',
    )
    .version(packageVersion())
    .exitOverride()
    // commander's own errors (unknown flag, missing argument) read like every other: one `faasim: …`
    // line, exit 2, its suggestion ("Did you mean --memory?") and the hint to --help on that line
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(`faasim: ${commanderLine(text)}\n`),
    });
  registerSimulate(program, io);
  registerSweep(program, io);
  registerMerge(program, io);
  registerCompare(program, io);
  registerCalibrate(program, io);
  registerInspect(program, io);
  registerGenerate(program, io);
  registerValidate(program, io.out);
  try {
    // what a run did that its report does not say (the trace cache: not a figure, so a cached run
    // prints the same bytes as one without) unless --quiet, then what it could not do that did not
    // stop it (a trace cache left unwritten): one line each, after the report, before an error's lines
    const quiet = argv.includes('--quiet');
    await collectNotices(
      () => program.parseAsync(argv),
      (notices, statuses) => {
        const lines = [...(quiet ? [] : statuses), ...notices];
        if (lines.length > 0) io.err(lines.map((l) => `faasim: ${escapeInline(l)}\n`).join(''));
      },
    );
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? 0
        : 2;
    }
    if (e instanceof CliExit) {
      io.err(e.lines.map((l) => `faasim: ${escapeInline(l)}\n`).join(''));
      return e.exitCode;
    }
    if (e instanceof InputError) {
      // each issue on its own `faasim: …` line, whatever a name or cell in it holds
      io.err(e.issues.map((i) => `faasim: ${escapeInline(formatIssue(i))}\n`).join(''));
      return 2;
    }
    io.err(
      `faasim: internal error, please report it with the command that caused it:\n${escapeControls((e as Error).stack ?? String(e))}\n`,
    );
    return 3;
  }
}

/** A commander error (`error: unknown option '--memroy'\n(Did you mean --memory?)\n`) as one line. */
function commanderLine(text: string): string {
  const parts = text
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return escapeInline([...parts, '(run with --help for the options)'].join(' '));
}
