/**
 * `faasim compare`: the same trace under several keep-warm strategies, side by side, with the
 * provisioned break-even for this traffic and, on request, the cheapest setting of each strategy
 * family that meets a target.
 */
import type { ProgressCallback } from '../util/progress.js';
import type { SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import type { LoadedProvider } from '../providers/types.js';
import type { ConfigSummary, SimulationResult, TraceSummary } from '../simulate.js';
import { asReplayable, type ReplayableTrace } from '../traces/replay.js';
import type { Trace } from '../traces/trace.js';
import { breakEvenLevels, computeBreakEven, type BreakEven } from './break-even.js';
import { optimise, type Optimisation, type Target } from './optimise.js';
import { parseStrategy, type Strategy } from './strategy.js';
import { refuseStrategies, type NamedStrategy } from './refusals.js';
import { StrategyRunner, type RunMany, type Tried } from './runner.js';

const KEEP_WARM_SCHEMA = 'faasim.keep-warm/v1';

export interface StrategyOutcome {
  name: string;
  family: Strategy['family'];
  description: string;
  monthlyUsd: number;
  usdPerMillionRequests: number;
  /** cost lines by id, monthly USD (the whole account's bill) */
  costLines: { id: string; label: string; monthlyUsd: number; quantity: number; unit: string }[];
  /** outcomes of the function(s) the strategy applies to */
  requests: number;
  coldStartRate: number;
  coldStarts: number;
  coldStartsCausedByPings: number;
  pings: number;
  pingColdStarts: number;
  p99Ms: number;
  p99ColdMs: number;
  throttles: number;
  provisionedUtilization: number;
  /** user requests served by on-demand instances while provisioned ones existed, and how many were cold */
  spilloverRequests: number;
  spilloverColdStarts: number;
}

export interface KeepWarmComparison {
  schema: typeof KEEP_WARM_SCHEMA;
  trace: TraceSummary;
  config: ConfigSummary;
  /** the function strategies apply to, or null for all */
  function: string | null;
  strategies: StrategyOutcome[];
  cheapest: string;
  fewestColdStarts: string;
  breakEven: BreakEven | null;
  optimisation: Optimisation | null;
  tried: Tried[];
  assumptions: string[];
  /** present with --replicates N > 1: each strategy's headline figures over N seeds (src/certainty/) */
  replicates?: KeepWarmReplicates;
}

/** a mean over seeds and its 95 % confidence interval */
export interface KeepWarmInterval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

export interface KeepWarmReplicates {
  n: number;
  confidence: 0.95;
  method: string;
  /** in the order of `strategies`; figures of the function(s) the strategies apply to, cost of the whole bill */
  strategies: {
    name: string;
    coldStartRate: KeepWarmInterval;
    throttled: KeepWarmInterval;
    p99Ms: KeepWarmInterval;
    monthlyUsd: KeepWarmInterval;
  }[];
}

export interface CompareOptions {
  /** apply strategies to this function only */
  function: string | null;
  /** compute the provisioned break-even (several simulations) */
  breakEven: boolean;
  target: Target | null;
  /** search every grid point instead of bisecting where the outcome is monotone */
  exhaustive: boolean;
  /** simulations done: batches with their size as the total, then the optimiser's steps one by one (total 0: not known ahead) */
  onProgress?: ProgressCallback;
}

function summarise(runner: StrategyRunner, s: Strategy, r: SimulationResult): StrategyOutcome {
  const o = runner.outcomes(r);
  const hasProvisioned = s.provisioned > 0 || s.provisionedControl !== null;
  const served = o.servedWarm + o.servedCold;
  return {
    name: s.name,
    family: s.family,
    description: s.description,
    monthlyUsd: r.cost.monthlyUsd,
    usdPerMillionRequests: r.cost.usdPerMillionRequests,
    costLines: r.cost.lines.map((l) => ({
      id: l.id,
      label: l.label,
      monthlyUsd: l.monthlyUsd,
      quantity: l.quantity,
      unit: l.unit,
    })),
    requests: o.requests,
    coldStartRate: o.coldStartRate,
    coldStarts: o.servedCold,
    coldStartsCausedByPings: o.pingCausedColdStarts,
    pings: o.pings,
    pingColdStarts: o.pingColdStarts,
    p99Ms: o.latency.all.p99Ms,
    p99ColdMs: o.latency.cold.p99Ms,
    throttles: o.throttledSync + o.asyncDropped,
    provisionedUtilization: o.provisionedUtilization,
    spilloverRequests: hasProvisioned ? served - o.servedProvisioned : 0,
    spilloverColdStarts: hasProvisioned ? o.servedCold : 0,
  };
}

/**
 * compareStrategies with its independent simulations run by `runMany` first: the strategies of the
 * table, then the break-even's levels (they need the on-demand run's peak). The optimiser's steps
 * depend on each other and run one by one. The result is the same as compareStrategies'.
 */
export async function compareStrategiesWith(
  runMany: RunMany,
  source: Trace | ReplayableTrace,
  base: SimulationConfig,
  provider: LoadedProvider,
  named: NamedStrategy[],
  opts: CompareOptions,
): Promise<KeepWarmComparison> {
  refuseStrategies(base, provider, named, opts.function);
  const runner = new StrategyRunner(checkFunction(source, opts), base, provider, opts.function);
  const report = opts.onProgress;
  // a batch's total is known when it starts; what runs after it (the optimiser's steps) is not
  const batch: RunMany = !report
    ? runMany
    : async (configs) => {
        const before = runner.simulations;
        const total = before + configs.length;
        report({ task: 'strategies', done: before, total });
        return runMany(configs, (done) => report({ task: 'strategies', done: before + done, total }));
      };
  await runner.prefetch(
    [...named.map(({ name, strategy }) => ({ ...strategy, name })), parseStrategy('none')],
    batch,
  );
  if (opts.breakEven)
    await runner.prefetch(
      breakEvenLevels(runner).map((level) => parseStrategy(`provisioned:${level}`, `provisioned:${level}`)),
      batch,
    );
  if (report) runner.onSimulated = (done) => report({ task: 'strategies', done, total: 0 });
  return compareStrategies(source, base, provider, named, opts, runner);
}

function checkFunction(source: Trace | ReplayableTrace, opts: CompareOptions): ReplayableTrace {
  const trace = asReplayable(source);
  if (opts.function !== null && !trace.info.functionNames.includes(opts.function)) {
    throw inputError(
      'UNKNOWN_FUNCTION',
      `function "${opts.function}" is not in the trace (it has: ${trace.info.functionNames.join(', ')})`,
    );
  }
  return trace;
}

/** `runner`: one that has run some of the strategies already (compareStrategiesWith), else a new one. */
export function compareStrategies(
  source: Trace | ReplayableTrace,
  base: SimulationConfig,
  provider: LoadedProvider,
  named: { name: string; strategy: Strategy }[],
  opts: CompareOptions,
  runner = new StrategyRunner(checkFunction(source, opts), base, provider, opts.function),
): KeepWarmComparison {
  // the break-even counts as its own the runs that the table's strategies did not make
  const tableRuns = new Set([
    ...named.map(({ strategy }) => strategy.description),
    parseStrategy('none').description,
  ]);
  const outcomes = named.map(({ name, strategy }) =>
    summarise(runner, { ...strategy, name }, runner.run({ ...strategy, name })),
  );
  const first = outcomes[0] as StrategyOutcome;
  const cheapest = outcomes.reduce((a, b) => (b.monthlyUsd < a.monthlyUsd ? b : a), first);
  const fewest = outcomes.reduce(
    (a, b) =>
      b.coldStarts < a.coldStarts || (b.coldStarts === a.coldStarts && b.monthlyUsd < a.monthlyUsd) ? b : a,
    first,
  );
  const anyResult = runner.run(parseStrategy('none'));
  const breakEven = opts.breakEven ? computeBreakEven(runner, undefined, tableRuns) : null;
  const optimisation = opts.target ? optimise(runner, opts.target, opts.exhaustive) : null;
  const assumptions = [
    ...anyResult.assumptions,
    ...(named.some((n) => n.strategy.family === 'provisioned-schedule')
      ? [
          "a scheduled level is billed as the trace sees it: the month repeats the trace's span, so periods of the schedule outside it do not count",
        ]
      : []),
    opts.function
      ? `strategies apply to ${opts.function}; other functions keep the base configuration; costs are the whole bill`
      : 'strategies apply to every function',
  ];
  return {
    schema: KEEP_WARM_SCHEMA,
    trace: anyResult.trace,
    config: anyResult.config,
    function: opts.function,
    strategies: outcomes,
    cheapest: cheapest.name,
    fewestColdStarts: fewest.name,
    breakEven,
    optimisation,
    tried: runner.tried,
    assumptions,
  };
}
