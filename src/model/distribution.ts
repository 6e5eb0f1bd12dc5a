/**
 * Distributions of durations in ms (handler run time when the trace has none, INIT time, keep-alive).
 * Each is plain data plus a sampler; `describe` gives the text the report prints.
 */
import { Rng } from '../util/rng.js';

export type DistributionSpec =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** lognormal fixed by its median and 99th percentile */
  | { kind: 'lognormal'; medianMs: number; p99Ms: number }
  /** draws uniformly from measured values */
  | { kind: 'empirical'; valuesMs: number[] }
  /**
   * a published percentile table: a uniform draw u in [0, 100) maps to the value linearly
   * interpolated between the percentiles around it (flat below the first and above the last)
   */
  | { kind: 'percentiles'; percentiles: number[]; valuesMs: number[] };

/** z-score of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;

export interface Sampler {
  sample(rng: Rng): number;
  readonly meanMs: number;
}

export function makeSampler(spec: DistributionSpec): Sampler {
  switch (spec.kind) {
    case 'constant':
      return { sample: () => spec.ms, meanMs: spec.ms };
    case 'uniform': {
      const { minMs, maxMs } = spec;
      const width = maxMs - minMs;
      return { sample: (rng) => minMs + rng.next() * width, meanMs: (minMs + maxMs) / 2 };
    }
    case 'lognormal': {
      const mu = Math.log(spec.medianMs);
      const sigma = (Math.log(spec.p99Ms) - mu) / Z99;
      return { sample: (rng) => Math.exp(mu + sigma * rng.normal()), meanMs: Math.exp(mu + (sigma * sigma) / 2) };
    }
    case 'empirical': {
      const values = Float64Array.from(spec.valuesMs);
      const n = values.length;
      let sum = 0;
      for (const v of values) sum += v;
      return { sample: (rng) => values[rng.int(n)] as number, meanMs: sum / n };
    }
    case 'percentiles': {
      const p = Float64Array.from(spec.percentiles);
      const v = Float64Array.from(spec.valuesMs);
      return { sample: (rng) => percentileAt(p, v, rng.next() * 100), meanMs: percentilesMean(p, v) };
    }
  }
}

/** The value at percentile u, linear between the table's percentiles, flat outside them. */
export function percentileAt(p: Float64Array, v: Float64Array, u: number): number {
  const n = p.length;
  if (u <= (p[0] as number)) return v[0] as number;
  for (let i = 1; i < n; i++) {
    const hi = p[i] as number;
    if (u <= hi) {
      const lo = p[i - 1] as number;
      return hi === lo ? (v[i] as number) : (v[i - 1] as number) + (((v[i] as number) - (v[i - 1] as number)) * (u - lo)) / (hi - lo);
    }
  }
  return v[n - 1] as number;
}

/** The mean of percentileAt over u uniform in [0, 100]: flat tails plus trapezoids. */
function percentilesMean(p: Float64Array, v: Float64Array): number {
  const n = p.length;
  let area = (p[0] as number) * (v[0] as number) + (100 - (p[n - 1] as number)) * (v[n - 1] as number);
  for (let i = 1; i < n; i++) area += (((p[i] as number) - (p[i - 1] as number)) * ((v[i] as number) + (v[i - 1] as number))) / 2;
  return area / 100;
}

/** Checks a distribution for values a simulation cannot use; returns a reason or undefined. */
export function distributionProblem(spec: DistributionSpec): string | undefined {
  const bad = (x: number): boolean => !Number.isFinite(x) || x < 0;
  switch (spec.kind) {
    case 'constant':
      return bad(spec.ms) ? `constant ${spec.ms} ms is not a non-negative number` : undefined;
    case 'uniform':
      if (bad(spec.minMs) || bad(spec.maxMs)) return 'uniform bounds must be non-negative numbers';
      return spec.maxMs < spec.minMs ? `uniform range ${spec.minMs}..${spec.maxMs} ms is empty` : undefined;
    case 'lognormal':
      if (!(spec.medianMs > 0) || !Number.isFinite(spec.medianMs)) return 'lognormal median must be a positive number';
      return spec.p99Ms > spec.medianMs && Number.isFinite(spec.p99Ms) ? undefined : 'lognormal p99 must be above its median';
    case 'empirical':
      if (spec.valuesMs.length === 0) return 'empirical distribution needs at least one value';
      return spec.valuesMs.some(bad) ? 'empirical values must be non-negative numbers' : undefined;
    case 'percentiles':
      if (spec.valuesMs.length === 0 || spec.valuesMs.length !== spec.percentiles.length) return 'a percentile table needs one value per percentile';
      if (spec.valuesMs.some(bad)) return 'percentile values must be non-negative numbers';
      for (let i = 1; i < spec.valuesMs.length; i++) {
        if ((spec.valuesMs[i] as number) < (spec.valuesMs[i - 1] as number)) return `the value at percentile ${spec.percentiles[i]} is below the one at ${spec.percentiles[i - 1]}`;
        if ((spec.percentiles[i] as number) <= (spec.percentiles[i - 1] as number)) return 'percentiles must increase';
      }
      return undefined;
  }
}

export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.kind) {
    case 'constant':
      return `${round(spec.ms)} ms`;
    case 'uniform':
      return `uniform ${round(spec.minMs)}..${round(spec.maxMs)} ms`;
    case 'lognormal':
      return `lognormal, median ${round(spec.medianMs)} ms, p99 ${round(spec.p99Ms)} ms`;
    case 'empirical': {
      const mean = spec.valuesMs.reduce((a, b) => a + b, 0) / spec.valuesMs.length;
      return `empirical, ${spec.valuesMs.length} values, mean ${round(mean)} ms`;
    }
    case 'percentiles':
      return `piecewise-linear between percentiles ${spec.percentiles.join('/')}: ${spec.valuesMs.map(round).join('/')} ms`;
  }
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
