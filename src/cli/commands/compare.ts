/** `faasim compare [TRACE] --strategy …`: keep-warm strategies side by side on one trace. */
import type { Command } from 'commander';
import {
  compareStrategiesWith,
  defaultPricingDir,
  getProvider,
  inputError,
  parseStrategy,
  parseTarget,
  renderCompareCsv,
  renderCompareHtml,
  renderCompareJson,
  renderCompareTable,
  renderKeepWarmMarkdown,
  runSweepPoints,
  settingsOf,
  type SimulationConfig,
  type SimulationResult,
  spoolTrace,
  type NamedStrategy,
  refuseStrategies,
  strategyReplicates,
  withStrategyReplicates,
} from '../../index.js';
import { QUIET_FLAG, progressFor } from '../progress.js';
import { rendered, WIDE_FLAG } from '../view.js';
import { providerChoices, simulationFlags } from '../options.js';
import type { CliIo } from '../io.js';
import { HTML_FLAG, htmlTarget, writeHtml } from '../html.js';
import { settingsFromFlags } from '../settings.js';
import { WORKERS_FLAG, workersOf } from '../workers.js';

const RENDER = {
  table: renderCompareTable,
  json: renderCompareJson,
  csv: renderCompareCsv,
  markdown: renderKeepWarmMarkdown,
};

export function registerCompare(program: Command, io: CliIo): void {
  const cmd = program
    .command('compare')
    .description(
      'compare keep-warm strategies (nothing, scheduled pings, provisioned concurrency, AWS Lambda SnapStart) on one trace, with the provisioned break-even',
    )
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario; its "strategies" object names the strategies to compare')
    .option(
      '--strategy <spec>',
      'a strategy, repeatable: none, pings:5m:3[:25ms[:PHASE[:chain]]], pings:cron(0/5 8-17 ? * MON-FRI *):2, provisioned:2, provisioned:auto[:0.7[:MIN[:MAX]]], snapstart[:RESTORE] (AWS Lambda, Java, Python 3.12+, .NET 8+)',
      // no default value: commander would print "(default: [])" in the help
      (v: string, acc: string[] | undefined) => [...(acc ?? []), v],
    )
    .option('--function <name>', 'apply the strategies to this function only (default: every function)')
    .option(
      '--target <expr>',
      'find, per strategy family (none, provisioned, provisioned-auto, pings, and snapstart where the platform has it), the cheapest setting with cold-start-rate<=0.5% or p99<=400ms',
    )
    .option('--search <how>', 'bisect (default: bisect where the outcome is monotone) or exhaustive')
    .option('--no-break-even', 'skip the provisioned break-even table')
    .option(WORKERS_FLAG.flags, WORKERS_FLAG.description)
    .option(QUIET_FLAG.flags, QUIET_FLAG.description)
    .option(WIDE_FLAG.flags, WIDE_FLAG.description)
    .option(HTML_FLAG.flags, HTML_FLAG.description);
  for (const f of simulationFlags()) {
    if (f.key === 'provisioned' || f.key === 'pings') continue;
    cmd.option(
      f.flags,
      f.key === 'provider'
        ? `the one platform to compare strategies on: ${providerChoices()} (simulate --provider all puts platforms side by side)`
        : f.description,
    );
  }
  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    const run = settingsFromFlags(trace, flags);
    const html = htmlTarget(flags);
    const providers = run.config.provider.trim();
    if (providers === 'all' || providers.includes(',')) {
      throw inputError(
        'ONE_PROVIDER',
        `compare takes one provider, not "${providers}": it compares keep-warm strategies on one platform; to see platforms side by side, run faasim simulate --provider ${providers} (add --break-even for the traffic at which each container platform costs no more than the cheapest function platform)`,
      );
    }
    const named: NamedStrategy[] = [];
    for (const spec of (flags['strategy'] as string[] | undefined) ?? [])
      named.push({ name: spec, strategy: parseStrategy(spec), source: `--strategy ${spec}` });
    if (named.length === 0 && run.strategies) {
      for (const [name, setting] of Object.entries(run.strategies))
        named.push({ name, strategy: parseStrategy(setting, name) });
    }
    const provider = getProvider(run.config.provider).load(defaultPricingDir());
    if (named.length === 0) {
      // the default line-up; provisioned only where the platform has something like it, at its floor
      const d = provider.platformDefaults(settingsOf(run.config));
      const level = Math.max(1, d.minProvisioned ?? 0);
      for (const spec of [
        'none',
        'pings:5m:1',
        ...(d.provisionedSupported !== false ? [`provisioned:${level}`] : []),
      ])
        named.push({ name: spec, strategy: parseStrategy(spec) });
    }
    const search = flags['search'] ?? 'bisect';
    if (search !== 'bisect' && search !== 'exhaustive')
      throw inputError('BAD_FLAG', `--search "${String(search)}" is not bisect or exhaustive`);
    const fnName = typeof flags['function'] === 'string' ? flags['function'] : null;
    const target = typeof flags['target'] === 'string' ? parseTarget(flags['target']) : null;
    // what the flags and the scenario alone decide is refused before the trace is read
    refuseStrategies(run.config, provider, named, fnName);
    // every strategy, break-even level and optimiser step streams the trace from one spool
    const workers = workersOf(flags);
    const progress = progressFor(io, flags);
    const report = progress.onProgress;
    let result;
    let reps;
    let spooled;
    try {
      spooled = await spoolTrace(run.traceFile, { ...run.read, spreadSeed: run.config.seed }, report);
      const names = spooled.trace.info.functionNames;
      if (fnName !== null && !names.includes(fnName)) {
        throw inputError(
          'UNKNOWN_FUNCTION',
          `--function "${fnName}" is not in the trace (it has: ${names.join(', ')})`,
        );
      }
      // the table's strategies and the break-even's levels on the worker pool (each streams the spool)
      const trace = spooled.trace;
      const runMany = async (
        configs: SimulationConfig[],
        onDone?: (done: number) => void,
      ): Promise<SimulationResult[]> =>
        (
          await runSweepPoints(
            trace,
            configs.map((config, index) => ({ index, settings: {}, config })),
            { workers, ...(onDone ? { onProgress: onDone } : {}) },
          )
        ).results;
      result = await compareStrategiesWith(runMany, trace, run.config, provider, named, {
        function: fnName,
        breakEven: flags['breakEven'] !== false,
        target,
        exhaustive: search === 'exhaustive',
        ...(report ? { onProgress: report } : {}),
      });
      // --replicates N: the strategies of the table again with N seeds each, on worker threads
      const replicates = report
        ? { onProgress: (done: number, total: number) => report({ task: 'replicates', done, total }) }
        : {};
      reps =
        run.replicates > 1
          ? await strategyReplicates(spooled.trace, run.config, named, fnName, run.replicates, {
              workers,
              ...replicates,
            })
          : null;
    } finally {
      progress.stop();
      spooled?.dispose();
    }
    if (html !== null) writeHtml(html, renderCompareHtml(result));
    io.out(
      rendered(
        io,
        flags,
        () => RENDER[run.format](reps ? withStrategyReplicates(result, reps) : result),
        run.format,
      ),
    );
  });
}
