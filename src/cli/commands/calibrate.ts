/** `faasim calibrate LOGS`: the keep-alive and INIT fitted to a log that says which requests were cold. */
import type { CliIo } from '../io.js';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  calibrateFile,
  DEFAULT_PROVIDER_ID,
  inputError,
  parseColumnMap,
  renderCalibrationJson,
  renderCalibrationTable,
  scenarioFragment,
  type TimeUnit,
} from '../../index.js';
import { QUIET_FLAG, withProgress } from '../progress.js';
import { rendered, WIDE_FLAG } from '../view.js';
import { wholeFlag } from '../options.js';

/** replays are full simulations of the log: more than this is a typo, not a wish for precision */
const MAX_REPLAYS = 1000;

export function registerCalibrate(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description(
      'fit the keep-alive and INIT to a log that says which requests were cold (init_ms or is_cold), and replay it with the fit',
    )
    .argument('<logs>', 'trace with init_ms (non-empty = cold) or is_cold (1/0, true/false)')
    .option('--provider <id>', `platform the replay runs on (default ${DEFAULT_PROVIDER_ID})`)
    .option('--seed <n>', 'seed of the replay (default 1)')
    .option(
      '--replays <n>',
      `replays averaged for the simulated cold starts (default 5, at most ${MAX_REPLAYS})`,
    )
    .option(
      '--write-scenario <file>',
      'write the fit as a scenario fragment (keepAlive, init) for simulate --scenario',
    )
    .option('--columns <map>', 'header names of columns, e.g. timestamp=ts,cold=coldstart')
    .option('--time-unit <unit>', 'unit of numeric timestamps: s, ms or us')
    .option('--skip-bad-rows', 'skip malformed rows')
    .option('--format <format>', 'table or json', 'table')
    .option(QUIET_FLAG.flags, QUIET_FLAG.description)
    .option(WIDE_FLAG.flags, WIDE_FLAG.description)
    .action(async (logs: string, flags: Record<string, string | boolean | undefined>) => {
      const format = flags['format'];
      if (format !== 'table' && format !== 'json')
        throw inputError('BAD_FLAG', `--format "${String(format)}" is not table or json`);
      const unit = flags['timeUnit'];
      if (unit !== undefined && unit !== 's' && unit !== 'ms' && unit !== 'us')
        throw inputError('BAD_FLAG', `--time-unit "${String(unit)}" is not s, ms or us`);
      const read = {
        ...(typeof flags['columns'] === 'string' ? { columns: parseColumnMap(flags['columns']) } : {}),
        ...(unit ? { timeUnit: unit as TimeUnit } : {}),
        ...(flags['skipBadRows'] ? { skipBadRows: true } : {}),
      };
      const result = await withProgress(io, flags, (onProgress) =>
        calibrateFile(logs, read, {
          ...(onProgress ? { onProgress } : {}),
          ...(typeof flags['provider'] === 'string' ? { provider: flags['provider'] } : {}),
          ...(typeof flags['seed'] === 'string' ? { seed: wholeFlag(flags['seed'], '--seed', 0) } : {}),
          ...(typeof flags['replays'] === 'string'
            ? { replays: wholeFlag(flags['replays'], '--replays', 1, MAX_REPLAYS) }
            : {}),
        }),
      );
      const file = flags['writeScenario'];
      if (typeof file === 'string') {
        try {
          writeFileSync(file, JSON.stringify(scenarioFragment(result), null, 2) + '\n');
        } catch (e) {
          throw inputError('FILE_UNWRITABLE', `cannot write the scenario: ${(e as Error).message}`, { file });
        }
      }
      io.out(
        rendered(
          io,
          flags,
          () => (format === 'json' ? renderCalibrationJson(result) : renderCalibrationTable(result)),
          format,
        ),
      );
    });
}
