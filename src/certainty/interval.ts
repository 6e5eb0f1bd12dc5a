/**
 * A mean over replicates and its 95 % confidence interval: mean ± t(0.975, n − 1) · s / √n, with s
 * the sample standard deviation (n − 1 in the denominator). The interval is for the mean over seeds
 * of the model as configured: it says how much of a figure is the luck of the draws, not whether
 * the model or its prices are right (docs/certainty.md).
 */
import { t975 } from './t-quantile.js';

export interface MeanInterval {
  mean: number;
  /** lower end of the 95 % interval */
  low: number;
  /** upper end of the 95 % interval */
  high: number;
  /** replicates it is computed from */
  n: number;
}

/** Needs two values or more: one value has no spread to estimate. NaN values (undefined figures) give NaN. */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n < 2) throw new RangeError(`a confidence interval needs at least 2 replicates, got ${n}`);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const half = t975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, low: mean - half, high: mean + half, n };
}
