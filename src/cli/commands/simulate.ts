/**
 * `faasim simulate [TRACE]`: flags and scenario → one simulation → a report on stdout; with
 * `--provider all` or a comma list, one simulation per platform → a side-by-side report.
 */
import type { Command } from 'commander';
import { compareFile, providerList } from '../../compare.js';
import { simulateFile } from '../../simulate.js';
import { COMPARISON_RENDERERS } from '../../report/render/compare.js';
import { RENDERERS } from '../../report/render/index.js';
import { renderComparisonHtml } from '../../report/html/comparison.js';
import { renderSimulateHtml } from '../../report/html/simulate.js';
import { TimelineObserver } from '../../report/timeline.js';
import { HTML_FLAG, htmlTarget, writeHtml } from '../html.js';
import { settingsFromFlags } from '../settings.js';
import { SIMULATION_FLAGS } from '../options.js';

export function registerSimulate(program: Command, out: (text: string) => void): void {
  const cmd = program
    .command('simulate')
    .description('replay a CSV trace against a FaaS platform: cost, cold starts, throttles, latency')
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)');
  for (const f of SIMULATION_FLAGS) cmd.option(f.flags, f.description);
  cmd.option(HTML_FLAG.flags, HTML_FLAG.description);
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const run = settingsFromFlags(trace, flags);
    const html = htmlTarget(flags);
    const providers = providerList(run.config.provider);
    if (providers !== null) {
      const comparison = await compareFile(run.traceFile, run.read, run.config, providers);
      if (html !== null) writeHtml(html, renderComparisonHtml(comparison));
      out(COMPARISON_RENDERERS[run.format](comparison));
      return;
    }
    // the page's charts over time: sampled during the run, in bounded memory
    const timeline = html !== null ? new TimelineObserver() : null;
    const result = await simulateFile(run.traceFile, run.read, run.config, timeline ? { observers: [timeline] } : {});
    if (html !== null) writeHtml(html, renderSimulateHtml(result, timeline ? timeline.timeline(result.trace.firstIso) : null));
    out(RENDERERS[run.format](result));
  });
}
