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
import { inputError } from '../../errors.js';
import { renderWithCertainty } from '../../certainty/report.js';
import { simulateWithCertainty } from '../../certainty/run.js';
import { SIMULATION_FLAGS } from '../options.js';
import { DEFAULT_FUNCTIONS_LISTED, parseFunctionsListed } from '../functions-listed.js';

export function registerSimulate(program: Command, out: (text: string) => void): void {
  const cmd = program
    .command('simulate')
    .description('replay a CSV trace against a FaaS platform: cost, cold starts, throttles, latency')
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)')
    .option('--sensitivity', 'rerun with each unconfirmed figure the result rests on at its low and high plausible bound (pricing/*.json) and show the cost and cold-start swing of each');
  for (const f of SIMULATION_FLAGS) cmd.option(f.flags, f.description);
  cmd.option('--functions <n>', `functions detailed in the report: the N costliest, or all (default ${DEFAULT_FUNCTIONS_LISTED}; with that many or fewer, all in trace order)`);
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const functionsListed = parseFunctionsListed(flags['functions']);
    const run = settingsFromFlags(trace, flags);
    const providers = providerList(run.config.provider);
    const sensitivity = flags['sensitivity'] === true;
    if (providers !== null) {
      if (run.replicates > 1 || sensitivity) throw inputError('ONE_PROVIDER', `${run.replicates > 1 ? '--replicates' : '--sensitivity'} runs one provider, not "${run.config.provider}"; run it once per provider`);
      out(COMPARISON_RENDERERS[run.format](await compareFile(run.traceFile, run.read, run.config, providers)));
      return;
    }
    if (run.replicates > 1 || sensitivity) {
      // several runs of one configuration: the trace decoded once, the runs on worker threads
      const { result, extras } = await simulateWithCertainty(run, { sensitivity });
      out(renderWithCertainty(run.format, result, extras));
      return;
    }
    const result = await simulateFile(run.traceFile, run.read, run.config, { functionsListed });
    out(RENDERERS[run.format](result));
  });
}
