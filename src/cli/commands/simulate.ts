/**
 * `faasim simulate [TRACE]`: flags and scenario → one simulation → a report on stdout; with
 * `--provider all` or a comma list, one simulation per platform → a side-by-side report.
 */
import type { CliIo } from '../io.js';
import type { Command } from 'commander';
import {
  compareFile,
  compareToBaseline,
  COMPARISON_RENDERERS,
  defaultPricingDir,
  headlineOf,
  inputError,
  parseShard,
  loadBaseline,
  providerList,
  renderComparisonHtml,
  RENDERERS,
  renderSimulateHtml,
  renderWithCertainty,
  RESULT_SCHEMA,
  simulateFile,
  simulateShardFile,
  simulateShardRefusal,
  toShardJson,
  simulateWithCertainty,
  TimelineObserver,
} from '../../index.js';
import { rendered, WIDE_FLAG } from '../view.js';
import { QUIET_FLAG, withProgress } from '../progress.js';
import { breakEvenText } from '../break-even.js';
import { HTML_FLAG, htmlTarget, writeHtml } from '../html.js';
import { settingsFromFlags } from '../settings.js';
import { simulationFlags } from '../options.js';
import { DEFAULT_FUNCTIONS_LISTED, parseFunctionsListed } from '../functions-listed.js';
import { failures, parseFailIf } from '../fail-if.js';
import { CliExit, EXIT_GATE_FAILED } from '../exit.js';
import { packageVersion } from '../version.js';

export function registerSimulate(program: Command, io: CliIo): void {
  const out = io.out;
  const cmd = program
    .command('simulate')
    .description('replay a CSV trace against a FaaS platform: cost, cold starts, throttles, latency')
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)')
    .option(
      '--break-even',
      'with --provider all or a list: scale the trace until each container platform is as cheap as the cheapest function platform, and say at how many requests a second (table or markdown)',
    )
    .option(
      '--sensitivity',
      'rerun with each unconfirmed figure the result rests on at its low and high plausible bound (pricing/*.json) and show the cost and cold-start swing of each',
    );
  for (const f of simulationFlags()) cmd.option(f.flags, f.description);
  cmd.option(
    '--functions <n>',
    `functions detailed in the report: the N costliest, or all (default ${DEFAULT_FUNCTIONS_LISTED}; with that many or fewer, all in trace order)`,
  );
  cmd.option(
    '--baseline <file>',
    'a result saved with --format json: show the change in cost, cold-start rate, throttles and p99 against it',
  );
  cmd.option(
    '--fail-if <expr>',
    'exit 4 after the report when a condition holds (repeatable, or a comma list): cost>250, cold-start-rate>1%, p99>800ms, throttles>0, cost-delta>10% (with --baseline)',
    (v: string, acc: string[] | undefined) => [...(acc ?? []), v],
  );
  cmd.option(HTML_FLAG.flags, HTML_FLAG.description);
  cmd.option(
    '--shard <I/N>',
    "run the I-th of N slices of the trace's functions (their index modulo N; a scaling group's go with its first) and write a JSON shard for faasim merge; needs --rng-streams function and --format json (docs/scale.md)",
  );
  cmd.option(QUIET_FLAG.flags, QUIET_FLAG.description);
  cmd.option(WIDE_FLAG.flags, WIDE_FLAG.description);
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const functionsListed = parseFunctionsListed(flags['functions']);
    const baselineFile = typeof flags['baseline'] === 'string' ? flags['baseline'] : undefined;
    // a malformed condition is exit 2 before anything runs, not after a long simulation
    const conditions = parseFailIf(
      (flags['failIf'] as string[] | undefined) ?? [],
      baselineFile !== undefined,
    );
    const run = settingsFromFlags(trace, flags);
    const html = htmlTarget(flags);
    const providers = providerList(run.config.provider);
    if (typeof flags['shard'] === 'string') {
      // refused before the trace is read when it cannot be merged exactly (src/run/shard.ts says why)
      const shard = parseShard(flags['shard'], Infinity);
      const other = [
        providers !== null ? `--provider ${run.config.provider}` : '',
        run.replicates > 1 ? '--replicates' : '',
        flags['sensitivity'] === true ? '--sensitivity' : '',
        flags['breakEven'] === true ? '--break-even' : '',
        baselineFile !== undefined ? '--baseline' : '',
        conditions.length > 0 ? '--fail-if' : '',
        html !== null ? '--html' : '',
        flags['format'] !== undefined && flags['format'] !== 'json'
          ? `--format ${String(flags['format'])}`
          : '',
      ].filter((x) => x !== '');
      if (other.length > 0)
        throw inputError(
          'BAD_FLAG',
          `--shard writes a JSON shard of one platform's run for faasim merge; ${other.join(', ')} ${other.length === 1 ? 'is' : 'are'} not for a shard (--format and --html go to the merge)`,
        );
      const refusal = simulateShardRefusal(run.config, defaultPricingDir());
      if (refusal !== null) throw inputError('NOT_SHARDABLE', refusal);
      const part = await withProgress(io, flags, (onProgress) =>
        simulateShardFile(run.traceFile, run.read, run.config, shard, packageVersion(), {
          functionsListed,
          ...(onProgress ? { onProgress } : {}),
        }),
      );
      out(`${toShardJson(part)}\n`);
      return;
    }
    const sensitivity = flags['sensitivity'] === true;
    if (
      flags['breakEven'] === true &&
      (providers === null || (run.format !== 'table' && run.format !== 'markdown'))
    ) {
      throw inputError(
        'BAD_FLAG',
        providers === null
          ? '--break-even compares platforms: give --provider all or a comma list'
          : '--break-even is printed with --format table or markdown',
      );
    }
    if (providers !== null) {
      if (run.replicates > 1 || sensitivity)
        throw inputError(
          'ONE_PROVIDER',
          `${run.replicates > 1 ? '--replicates' : '--sensitivity'} runs one provider, not "${run.config.provider}"; run it once per provider`,
        );
      if (baselineFile !== undefined || conditions.length > 0) {
        throw inputError(
          'BAD_FLAG',
          `${baselineFile !== undefined ? '--baseline' : '--fail-if'} needs one platform: with --provider ${run.config.provider} there is one result per platform (run each platform on its own for a gate)`,
        );
      }
      const comparison = await withProgress(io, flags, (onProgress) =>
        compareFile(run.traceFile, run.read, run.config, providers, onProgress ? { onProgress } : {}),
      );
      if (html !== null) writeHtml(html, renderComparisonHtml(comparison));
      out(rendered(io, flags, () => COMPARISON_RENDERERS[run.format](comparison), run.format));
      if (flags['breakEven'] === true) {
        const text = await breakEvenText(run, providers);
        out(rendered(io, flags, () => text, run.format));
      }
      return;
    }
    if (run.replicates > 1 || sensitivity) {
      if (baselineFile !== undefined || conditions.length > 0)
        throw inputError(
          'BAD_FLAG',
          `${baselineFile !== undefined ? '--baseline' : '--fail-if'} takes the result of one run, not of ${run.replicates > 1 ? '--replicates' : '--sensitivity'}`,
        );
      // several runs of one configuration: the trace decoded once, the runs on worker threads
      const { result, extras } = await withProgress(io, flags, (onProgress) =>
        simulateWithCertainty(run, { sensitivity, ...(onProgress ? { onProgress } : {}) }),
      );
      if (html !== null) writeHtml(html, renderSimulateHtml(result, null));
      out(rendered(io, flags, () => renderWithCertainty(run.format, result, extras), run.format));
      return;
    }
    // read the baseline before the run: a wrong file is found at once
    const baseline = baselineFile !== undefined ? loadBaseline(baselineFile, RESULT_SCHEMA) : undefined;
    // the page's charts over time: sampled during the run, in bounded memory
    const timeline = html !== null ? new TimelineObserver() : null;
    const result = await withProgress(io, flags, (onProgress) =>
      simulateFile(run.traceFile, run.read, run.config, {
        functionsListed,
        ...(timeline ? { observers: [timeline] } : {}),
        ...(onProgress ? { onProgress } : {}),
      }),
    );
    if (html !== null)
      writeHtml(html, renderSimulateHtml(result, timeline ? timeline.timeline(result.trace.firstIso) : null));
    if (baseline && baselineFile !== undefined)
      result.baseline = compareToBaseline(baselineFile, RESULT_SCHEMA, baseline, headlineOf(result));
    out(rendered(io, flags, () => RENDERERS[run.format](result), run.format));
    const failed = failures(conditions, headlineOf(result), result.baseline);
    // after the report: a failing build still shows its numbers
    if (failed.length > 0) throw new CliExit(failed, EXIT_GATE_FAILED);
  });
}
