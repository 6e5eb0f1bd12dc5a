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
  | { kind: 'empirical'; valuesMs: number[] };

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
  }
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
  }
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
