/**
 * Replicates: one configuration run with seeds seed, seed+1, …, seed+N−1 on one decoded trace, on
 * the sweep's worker pool (src/sweep/run.ts), and each headline figure reported as a mean with a 95 %
 * confidence interval. Seeds change every draw the model makes (INIT, keep-alive, routing, run-time
 * distributions); the trace itself is read once, with the first seed, so draws made while reading
 * (requests spread within a counted minute, --traffic-scale copies) are the same in every replicate.
 */
import type { SimulationConfig } from '../config.js';
import type { OutcomeStats } from '../metrics/metrics.js';
import type { SimulationResult } from '../simulate.js';
import { runSweepPoints, type RunSweepOptions } from '../sweep/run.js';
import type { SweepPoint } from '../sweep/types.js';
import type { Trace } from '../traces/trace.js';
import { meanInterval, type MeanInterval } from './interval.js';

/** The figures a replicate summary covers, with their JSON names. */
export interface HeadlineIntervals {
  /** served cold / requests, a fraction */
  coldStartRate: MeanInterval;
  /** sync requests throttled plus async events dropped */
  throttled: MeanInterval;
  /** p99 latency of every served request, ms */
  p99Ms: MeanInterval;
  /** projected monthly cost, USD */
  monthlyUsd: MeanInterval;
}

export interface ReplicateSummary {
  n: number;
  /** the seeds run: first..last */
  seeds: { first: number; last: number };
  confidence: 0.95;
  method: string;
  figures: HeadlineIntervals;
}

/**
 * The headline figures of one result, by their JSON names: of every function, or of the outcomes
 * `outcomesOf` picks (a keep-warm comparison's one function); the cost is always the whole bill.
 */
export function headlineFigures(
  r: SimulationResult,
  outcomesOf: (r: SimulationResult) => OutcomeStats = (x) => x.outcomes,
): Record<keyof HeadlineIntervals, number> {
  const o = outcomesOf(r);
  return {
    coldStartRate: o.coldStartRate,
    throttled: o.throttledSync + o.asyncDropped,
    p99Ms: o.latency.all.p99Ms,
    monthlyUsd: r.cost.monthlyUsd,
  };
}

/** The N configurations of a replicate set: the same but for the seed. */
export function replicatePoints(config: SimulationConfig, n: number): SweepPoint[] {
  return Array.from({ length: n }, (_x, i) => ({
    index: i,
    settings: { seed: String(config.seed + i) },
    config: { ...config, seed: config.seed + i },
  }));
}

/** Means and intervals over results of one configuration under different seeds (2 or more). */
export function summarizeReplicates(
  results: readonly SimulationResult[],
  outcomesOf?: (r: SimulationResult) => OutcomeStats,
): ReplicateSummary {
  const figs = results.map((r) => headlineFigures(r, outcomesOf));
  const of = (k: keyof HeadlineIntervals): MeanInterval => meanInterval(figs.map((f) => f[k]));
  const seeds = results.map((r) => r.config.seed);
  return {
    n: results.length,
    seeds: { first: seeds[0] as number, last: seeds[seeds.length - 1] as number },
    confidence: 0.95,
    method: `mean over seeds; 95% confidence interval mean ± t(0.975, ${results.length - 1}) · s/√${results.length} (Student t, n−1 degrees of freedom)`,
    figures: {
      coldStartRate: of('coldStartRate'),
      throttled: of('throttled'),
      p99Ms: of('p99Ms'),
      monthlyUsd: of('monthlyUsd'),
    },
  };
}

export interface ReplicateOutcome {
  /** one result per seed, in seed order; results[0] is the run of the configured seed */
  results: SimulationResult[];
  summary: ReplicateSummary;
}

/** Runs N ≥ 2 seeds of `config` on the sweep's worker pool (in-process with one worker or without the compiled worker). */
export async function runReplicates(
  trace: Trace,
  config: SimulationConfig,
  n: number,
  opts: RunSweepOptions = {},
): Promise<ReplicateOutcome> {
  const { results } = await runSweepPoints(trace, replicatePoints(config, n), opts);
  return { results, summary: summarizeReplicates(results) };
}
