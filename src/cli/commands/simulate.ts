/**
 * `faasim simulate [TRACE]`: flags and scenario → one simulation → a report on stdout; with
 * `--provider all` or a comma list, one simulation per platform → a side-by-side report.
 */
import type { Command } from 'commander';
import { compareFile, providerList } from '../../compare.js';
import { simulateFile } from '../../simulate.js';
import { COMPARISON_RENDERERS } from '../../report/render/compare.js';
import { RENDERERS } from '../../report/render/index.js';
import { settingsFromFlags } from '../settings.js';
import { SIMULATION_FLAGS } from '../options.js';
import { failures, parseFailIf } from '../fail-if.js';
import { CliExit, EXIT_GATE_FAILED } from '../exit.js';
import { inputError } from '../../errors.js';
import { compareToBaseline, loadBaseline } from '../../report/baseline.js';
import { headlineOf } from '../../report/headline.js';
import { RESULT_SCHEMA } from '../../run/result.js';

export function registerSimulate(program: Command, out: (text: string) => void): void {
  const cmd = program
    .command('simulate')
    .description('replay a CSV trace against a FaaS platform: cost, cold starts, throttles, latency')
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)');
  for (const f of SIMULATION_FLAGS) cmd.option(f.flags, f.description);
  cmd.option('--baseline <file>', 'a result saved with --format json: show the change in cost, cold-start rate, throttles and p99 against it');
  cmd.option('--fail-if <expr>', 'exit 4 after the report when a condition holds (repeatable, or a comma list): cost>250, cold-start-rate>1%, p99>800ms, throttles>0, cost-delta>10% (with --baseline)', (v: string, acc: string[] | undefined) => [...(acc ?? []), v]);
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const baselineFile = typeof flags['baseline'] === 'string' ? flags['baseline'] : undefined;
    // a malformed condition is exit 2 before anything runs, not after a long simulation
    const conditions = parseFailIf((flags['failIf'] as string[] | undefined) ?? [], baselineFile !== undefined);
    const run = settingsFromFlags(trace, flags);
    const providers = providerList(run.config.provider);
    if (providers !== null) {
      if (baselineFile !== undefined || conditions.length > 0) {
        throw inputError('BAD_FLAG', `${baselineFile !== undefined ? '--baseline' : '--fail-if'} needs one platform: with --provider ${run.config.provider} there is one result per platform (run each platform on its own for a gate)`);
      }
      out(COMPARISON_RENDERERS[run.format](await compareFile(run.traceFile, run.read, run.config, providers)));
      return;
    }
    // read the baseline before the run: a wrong file is found at once
    const baseline = baselineFile !== undefined ? loadBaseline(baselineFile, RESULT_SCHEMA) : undefined;
    const result = await simulateFile(run.traceFile, run.read, run.config);
    if (baseline && baselineFile !== undefined) result.baseline = compareToBaseline(baselineFile, RESULT_SCHEMA, baseline, headlineOf(result));
    out(RENDERERS[run.format](result));
    const failed = failures(conditions, headlineOf(result), result.baseline);
    // after the report: a failing build still shows its numbers
    if (failed.length > 0) throw new CliExit(failed, EXIT_GATE_FAILED);
  });
}
