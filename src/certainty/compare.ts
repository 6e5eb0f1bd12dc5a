/**
 * --replicates on `faasim compare`: each keep-warm strategy of the table run with N seeds (the base
 * seed, +1, …) on the sweep's worker pool. The table itself, the break-even and the optimiser stay
 * on the base seed, as without the flag; the report gains each strategy's intervals.
 */
import type { SimulationConfig } from '../config.js';
import type { KeepWarmComparison, KeepWarmReplicates } from '../keep-warm/compare.js';
import { applyStrategy, type Strategy } from '../keep-warm/strategy.js';
import type { OutcomeStats } from '../metrics/metrics.js';
import type { SimulationResult } from '../simulate.js';
import { runSweepPoints, type RunSweepOptions } from '../sweep/run.js';
import type { ReplayableTrace } from '../traces/replay.js';
import type { Trace } from '../traces/trace.js';
import { replicatePoints, summarizeReplicates } from './replicates.js';

export async function strategyReplicates(
  trace: Trace | ReplayableTrace,
  base: SimulationConfig,
  named: readonly { name: string; strategy: Strategy }[],
  onlyFunction: string | null,
  n: number,
  opts: RunSweepOptions = {},
): Promise<KeepWarmReplicates> {
  const points = named.flatMap(({ name, strategy }, i) =>
    replicatePoints(applyStrategy(base, { ...strategy, name }, onlyFunction), n).map((p, j) => ({
      ...p,
      index: i * n + j,
    })),
  );
  const { results } = await runSweepPoints(trace, points, opts);
  // the function the strategies apply to, as the comparison's own rows count it
  const outcomesOf = (r: SimulationResult): OutcomeStats =>
    onlyFunction === null
      ? r.outcomes
      : (r.functions.find((f) => f.name === onlyFunction)?.outcomes ?? r.outcomes);
  const strategies = named.map(({ name }, i) => ({
    name,
    ...summarizeReplicates(results.slice(i * n, (i + 1) * n), outcomesOf).figures,
  }));
  return {
    n,
    confidence: 0.95,
    method: summarizeReplicates(results.slice(0, n), outcomesOf).method,
    strategies,
  };
}

export function withStrategyReplicates(
  c: KeepWarmComparison,
  replicates: KeepWarmReplicates,
): KeepWarmComparison {
  return { ...c, replicates };
}
