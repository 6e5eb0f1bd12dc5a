/**
 * INIT durations the log gives (init_ms of its cold requests): empirical percentiles, and the
 * distribution a simulation draws from where a request has none: a lognormal by median and p99 when
 * there are enough values for a p99 to mean something, else the values themselves.
 */
import type { DistributionSpec } from '../model/distribution.js';
import { quantileSorted } from './stats.js';

/** Fewer values than this give an empirical distribution: their p99 would be little more than their maximum. */
export const MIN_FOR_LOGNORMAL = 20;

export interface InitFit {
  /** a function's name, or null for all functions together */
  function: string | null;
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  spec: DistributionSpec;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function fitInit(valuesMs: number[], fn: string | null): InitFit | null {
  if (valuesMs.length === 0) return null;
  const sorted = Float64Array.from(valuesMs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const p50 = quantileSorted(sorted, 0.5);
  const p99 = quantileSorted(sorted, 0.99);
  const spec: DistributionSpec =
    sorted.length >= MIN_FOR_LOGNORMAL && p99 > p50 && p50 > 0
      ? { kind: 'lognormal', medianMs: round2(p50), p99Ms: round2(p99) }
      : { kind: 'empirical', valuesMs: Array.from(sorted, round2) };
  return {
    function: fn,
    count: sorted.length,
    meanMs: sum / sorted.length,
    p50Ms: p50,
    p90Ms: quantileSorted(sorted, 0.9),
    p99Ms: p99,
    maxMs: sorted[sorted.length - 1] as number,
    spec,
  };
}
