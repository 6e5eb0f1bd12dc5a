/**
 * Distributions of durations in ms (handler run time when the trace has none, INIT time, keep-alive).
 * Each is plain data plus a sampler; `describe` gives the text the report prints. A lognormal has an
 * unbounded tail: it is truncated at a stated maximum and cut at the platform's timeout (makeSampler).
 */
import type { Rng } from '../util/rng.js';

export type DistributionSpec =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /**
   * lognormal fixed by its median and 99th percentile; `maxMs`, where a source states its largest
   * value, truncates it there (a draw above is drawn again)
   */
  | { kind: 'lognormal'; medianMs: number; p99Ms: number; maxMs?: number }
  /** draws uniformly from measured values */
  | { kind: 'empirical'; valuesMs: number[] }
  /**
   * a published percentile table: a uniform draw u in [0, 100) maps to the value linearly
   * interpolated between the percentiles around it (flat below the first and above the last)
   */
  | { kind: 'percentiles'; percentiles: number[]; valuesMs: number[] };

/** z-score of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;

/** Draws a sampler cut short so far: `redrawn` above a stated maximum, `cut` at the timeout. */
export interface Truncation {
  redrawn: number;
  cut: number;
}

export interface Sampler {
  sample(rng: Rng): number;
  readonly meanMs: number;
  /** what was truncated so far; only an unbounded distribution (lognormal) ever truncates */
  truncation(): Truncation;
}

export interface SamplerLimits {
  /**
   * The platform stops a request (or an INIT) there: a longer draw is cut to it, which consumes no
   * extra random numbers, so runs where no draw reaches it are unchanged.
   */
  timeoutMs?: number;
}

const NONE: Truncation = { redrawn: 0, cut: 0 };
const untruncated = (): Truncation => NONE;

export function makeSampler(spec: DistributionSpec, limits: SamplerLimits = {}): Sampler {
  switch (spec.kind) {
    case 'constant':
      return { sample: () => spec.ms, meanMs: spec.ms, truncation: untruncated };
    case 'uniform': {
      const { minMs, maxMs } = spec;
      const width = maxMs - minMs;
      return {
        sample: (rng) => minMs + rng.next() * width,
        meanMs: (minMs + maxMs) / 2,
        truncation: untruncated,
      };
    }
    case 'lognormal':
      return lognormalSampler(
        spec.medianMs,
        spec.p99Ms,
        spec.maxMs ?? Infinity,
        limits.timeoutMs ?? Infinity,
      );
    case 'empirical': {
      const values = Float64Array.from(spec.valuesMs);
      const n = values.length;
      let sum = 0;
      for (const v of values) sum += v;
      return { sample: (rng) => values[rng.int(n)] as number, meanMs: sum / n, truncation: untruncated };
    }
    case 'percentiles': {
      const p = Float64Array.from(spec.percentiles);
      const v = Float64Array.from(spec.valuesMs);
      return {
        sample: (rng) => percentileAt(p, v, rng.next() * 100),
        meanMs: percentilesMean(p, v),
        truncation: untruncated,
      };
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
      return hi === lo
        ? (v[i] as number)
        : (v[i - 1] as number) + (((v[i] as number) - (v[i - 1] as number)) * (u - lo)) / (hi - lo);
    }
  }
  return v[n - 1] as number;
}

/** The mean of percentileAt over u uniform in [0, 100]: flat tails plus trapezoids. */
function percentilesMean(p: Float64Array, v: Float64Array): number {
  const n = p.length;
  let area = (p[0] as number) * (v[0] as number) + (100 - (p[n - 1] as number)) * (v[n - 1] as number);
  for (let i = 1; i < n; i++)
    area += (((p[i] as number) - (p[i - 1] as number)) * ((v[i] as number) + (v[i - 1] as number))) / 2;
  return area / 100;
}

/**
 * A lognormal truncated at `maxMs` (redrawn above it: the distribution conditioned on X ≤ max, as a
 * source's stated maximum says) and then cut at `timeoutMs` (the platform ends the work there).
 */
function lognormalSampler(medianMs: number, p99Ms: number, maxMs: number, timeoutMs: number): Sampler {
  const mu = Math.log(medianMs);
  const sigma = (Math.log(p99Ms) - mu) / Z99;
  const counts: Truncation = { redrawn: 0, cut: 0 };
  const sample = (rng: Rng): number => {
    let x = Math.exp(mu + sigma * rng.normal());
    while (x > maxMs) {
      counts.redrawn++;
      x = Math.exp(mu + sigma * rng.normal());
    }
    if (x > timeoutMs) {
      counts.cut++;
      x = timeoutMs;
    }
    return x;
  };
  return {
    sample,
    meanMs: truncatedLognormalMean(mu, sigma, maxMs, timeoutMs),
    truncation: () => ({ ...counts }),
  };
}

/**
 * E[min(X, c) | X ≤ m] for X lognormal(mu, sigma): with the partial mean
 * E[X; X ≤ y] = exp(mu + sigma²/2) Φ((ln y − mu − sigma²)/sigma), it is
 * (E[X; X ≤ min(c, m)] + c P(c < X ≤ m)) / P(X ≤ m). With no bound it is exp(mu + sigma²/2).
 */
export function truncatedLognormalMean(mu: number, sigma: number, maxMs: number, timeoutMs: number): number {
  const full = Math.exp(mu + (sigma * sigma) / 2);
  if (maxMs === Infinity && timeoutMs === Infinity) return full;
  const cdf = (y: number): number => (y === Infinity ? 1 : normalCdf((Math.log(y) - mu) / sigma));
  const partial = (y: number): number =>
    y === Infinity ? full : full * normalCdf((Math.log(y) - mu - sigma * sigma) / sigma);
  const c = Math.min(timeoutMs, maxMs);
  const tail = timeoutMs < maxMs ? timeoutMs * (cdf(maxMs) - cdf(timeoutMs)) : 0;
  return (partial(c) + tail) / cdf(maxMs);
}

/** Φ(z), from the complementary error function. */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2);
}

/**
 * erfc(x) for x ≥ 0, relative error below 1.2e-7 (Numerical Recipes' erfcc, a Chebyshev fit):
 * enough for means and probabilities that are reported to a few digits.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return y;
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
      if (!(spec.medianMs > 0) || !Number.isFinite(spec.medianMs))
        return 'lognormal median must be a positive number';
      if (!(spec.p99Ms > spec.medianMs && Number.isFinite(spec.p99Ms)))
        return 'lognormal p99 must be above its median';
      // a maximum at or below the median would leave half the distribution or less to draw from
      if (spec.maxMs !== undefined && !(spec.maxMs > spec.medianMs))
        return `lognormal maximum ${round(spec.maxMs)} ms must be above the median ${round(spec.medianMs)} ms`;
      return undefined;
    case 'empirical':
      if (spec.valuesMs.length === 0) return 'empirical distribution needs at least one value';
      return spec.valuesMs.some(bad) ? 'empirical values must be non-negative numbers' : undefined;
    case 'percentiles':
      if (spec.valuesMs.length === 0 || spec.valuesMs.length !== spec.percentiles.length)
        return 'a percentile table needs one value per percentile';
      if (spec.valuesMs.some(bad)) return 'percentile values must be non-negative numbers';
      for (let i = 1; i < spec.valuesMs.length; i++) {
        if ((spec.valuesMs[i] as number) < (spec.valuesMs[i - 1] as number))
          return `the value at percentile ${spec.percentiles[i]} is below the one at ${spec.percentiles[i - 1]}`;
        if ((spec.percentiles[i] as number) <= (spec.percentiles[i - 1] as number))
          return 'percentiles must increase';
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
      return `lognormal, median ${round(spec.medianMs)} ms, p99 ${round(spec.p99Ms)} ms${spec.maxMs === undefined ? '' : `, max ${round(spec.maxMs)} ms`}`;
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
