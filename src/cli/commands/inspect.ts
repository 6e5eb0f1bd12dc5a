/** `faasim inspect TRACE`: what a trace holds (rows, span, rates, gaps, functions, cold starts), before simulating. */
import type { Command } from 'commander';
import {
  type AnyTraceOptions,
  DEFAULT_TOP,
  inputError,
  INSPECT_RENDERERS,
  inspectTrace,
  parseColumnMap,
} from '../../index.js';
import type { CliIo } from '../io.js';
import { QUIET_FLAG, withProgress } from '../progress.js';
import { rendered, WIDE_FLAG } from '../view.js';
import { wholeFlag } from '../options.js';

export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description(
      'describe a trace before simulating it: rows, span, request rates, gaps between requests, functions, observed cold starts',
    )
    .argument('<trace>', 'CSV trace (one row per request, or counts per minute)')
    .option('--format <format>', 'table (default) or json')
    .option(
      '--top <n>',
      `functions listed, the most requested first (default ${DEFAULT_TOP}); the rest are counted`,
    )
    .option('--columns <map>', 'header names of columns, e.g. timestamp=ts,duration=took')
    .option(
      '--time-unit <unit>',
      'unit of numeric timestamps: s, ms or us (default: inferred from their magnitude)',
    )
    .option('--sort', 'sort an unsorted trace in memory instead of refusing it')
    .option('--skip-bad-rows', 'skip malformed rows (the report says how many and why)')
    .option('--seed <n>', 'seed of the spread of counted requests within their minute (default 1)')
    .option(QUIET_FLAG.flags, QUIET_FLAG.description)
    .option(WIDE_FLAG.flags, WIDE_FLAG.description)
    .action(async (trace: string, flags: Record<string, unknown>) => {
      const format = (flags['format'] as string | undefined) ?? 'table';
      if (format !== 'table' && format !== 'json')
        throw inputError('BAD_FLAG', `--format "${format}" is not table or json`);
      const top = flags['top'] === undefined ? DEFAULT_TOP : wholeFlag(String(flags['top']), '--top', 0);
      const seed = flags['seed'] === undefined ? 1 : wholeFlag(String(flags['seed']), '--seed');
      const read: AnyTraceOptions = { spreadSeed: seed };
      if (typeof flags['columns'] === 'string') read.columns = parseColumnMap(flags['columns']);
      const unit = flags['timeUnit'];
      if (unit !== undefined) {
        if (unit !== 's' && unit !== 'ms' && unit !== 'us')
          throw inputError('BAD_FLAG', `--time-unit "${String(unit)}" is not s, ms or us`);
        read.timeUnit = unit;
      }
      if (flags['skipBadRows'] === true) read.skipBadRows = true;
      const report = await withProgress(io, flags, (onProgress) =>
        inspectTrace(trace, read, {
          top,
          sort: flags['sort'] === true,
          ...(onProgress ? { onProgress } : {}),
        }),
      );
      io.out(rendered(io, flags, () => INSPECT_RENDERERS[format](report), format));
    });
}
