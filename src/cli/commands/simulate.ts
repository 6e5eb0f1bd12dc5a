/** `faasim simulate [TRACE]`: flags and scenario → one simulation → a report on stdout. */
import type { Command } from 'commander';
import { simulateFile } from '../../simulate.js';
import { RENDERERS } from '../../report/render/index.js';
import { settingsFromFlags } from '../settings.js';
import { SIMULATION_FLAGS } from '../options.js';

export function registerSimulate(program: Command, out: (text: string) => void): void {
  const cmd = program
    .command('simulate')
    .description('replay a CSV trace against a FaaS platform: cost, cold starts, throttles, latency')
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)');
  for (const f of SIMULATION_FLAGS) cmd.option(f.flags, f.description);
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const run = settingsFromFlags(trace, flags);
    const result = await simulateFile(run.traceFile, run.read, run.config);
    out(RENDERERS[run.format](result));
  });
}
