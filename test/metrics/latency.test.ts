import { describe, expect, test } from 'vitest';
import {
  BUCKET_COUNT,
  bucketLowerBound,
  bucketIndex as bucketOf,
  bucketOfByLog,
  LatencyRecorder,
} from '../../src/metrics/latency.js';
import { Rng } from '../../src/util/rng.js';

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** the double `k` ulps away from positive `x` */
function ulps(x: number, k: number): number {
  f64[0] = x;
  i64[0] = (i64[0] as bigint) + BigInt(k);
  return f64[0] as number;
}

describe('histogram bucket index', () => {
  test('matches 1 + floor(ln(ms / 1 µs) / ln 1.02) within 64 ulps of every bucket boundary', () => {
    const mismatches: number[] = [];
    for (let b = 1; b < BUCKET_COUNT; b++) {
      const lo = bucketLowerBound(b);
      for (let k = -64; k <= 64; k++) {
        const x = ulps(lo, k);
        if (bucketOf(x) !== bucketOfByLog(x)) mismatches.push(x);
      }
      if (bucketOf(lo) !== b || bucketOfByLog(lo) !== b) mismatches.push(lo);
    }
    expect(mismatches).toEqual([]);
  });

  test('matches the formula on random samples over the whole range and on special values', () => {
    const rng = new Rng('latency-buckets');
    const mismatches: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = 10 ** (-5 + rng.next() * 17);
      if (bucketOf(x) !== bucketOfByLog(x)) mismatches.push(x);
    }
    expect(mismatches).toEqual([]);
    for (const x of [
      0,
      -0,
      -1,
      1e-9,
      1e-3,
      0.5,
      1,
      2,
      1000,
      1e10,
      1e12,
      1e300,
      Infinity,
      -Infinity,
      NaN,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
    ]) {
      expect(bucketOf(x)).toBe(bucketOfByLog(x));
    }
  });

  test('a recorder past its exact limit reports percentiles within the stated 1%', () => {
    const r = new LatencyRecorder(10);
    const values: number[] = [];
    const rng = new Rng('latency-hist');
    for (let i = 0; i < 5000; i++) {
      const v = Math.exp(Math.log(80) + rng.normal());
      values.push(v);
      r.add(v);
    }
    values.sort((a, b) => a - b);
    for (const p of [0.5, 0.9, 0.99]) {
      const exact = values[Math.ceil(p * values.length) - 1] as number;
      expect(Math.abs(r.quantile(p) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });
});

describe('bounded memory', () => {
  test('percentiles from the histogram are within 1% of the exact ones', () => {
    const rng = new Rng('latency-accuracy');
    const exact = new LatencyRecorder(1_000_000);
    const hist = new LatencyRecorder(1000);
    for (let i = 0; i < 200_000; i++) {
      const ms = Math.exp(Math.log(80) + 1.2 * rng.normal());
      exact.add(ms);
      hist.add(ms);
    }
    expect([exact.exact, hist.exact]).toEqual([true, false]);
    const ps = [0.5, 0.9, 0.99, 0.999];
    const e = exact.quantiles(ps);
    const h = hist.quantiles(ps);
    ps.forEach((_p, i) => expect(Math.abs(h[i]! - e[i]!) / e[i]!).toBeLessThanOrEqual(0.0101));
  });

  test('recorders sharing a budget keep samples exactly until it runs out, then give it back as they switch', async () => {
    const { ExactBudget } = await import('../../src/metrics/latency.js');
    const budget = new ExactBudget(100);
    const a = new LatencyRecorder(1000, budget);
    const b = new LatencyRecorder(1000, budget);
    for (let i = 0; i < 60; i++) a.add(i);
    for (let i = 0; i < 40; i++) b.add(i);
    expect([a.exact, b.exact, budget.remaining]).toEqual([true, true, 0]);
    a.add(60); // no room left: a moves its 60 samples to a histogram and frees them
    expect([a.exact, budget.remaining]).toEqual([false, 60]);
    b.add(40);
    expect([b.exact, budget.remaining, b.count, a.count]).toEqual([true, 59, 41, 61]);
  });

  test('merging histograms whose bucket windows differ keeps every sample', () => {
    const low = new LatencyRecorder(1);
    const high = new LatencyRecorder(1);
    for (let i = 0; i < 1000; i++) low.add(1 + (i % 10));
    for (let i = 0; i < 1000; i++) high.add(10_000 + i);
    const all = new LatencyRecorder(1);
    all.merge(low);
    all.merge(high);
    expect(all.count).toBe(2000);
    expect(all.quantile(0.25)).toBeLessThan(11);
    expect(all.quantile(0.75)).toBeGreaterThan(9_900);
    expect(all.max()).toBe(10_999);
  });
});

describe('histogram kept sparse while few buckets are used', () => {
  /** the nearest-rank bucket midpoint, computed from the samples directly (what the histogram must give) */
  function expected(samples: number[], p: number): number {
    const sorted = samples.map((x) => bucketOf(x)).sort((a, b) => a - b);
    const b = sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] as number;
    const mid = (bucketLowerBound(b) * 2.02) / 2; // lower bound × (1 + γ) / 2, within an ulp or two
    return Math.min(Math.max(...samples), Math.max(Math.min(...samples), mid));
  }

  test.each([5, 24, 25, 300])(
    '%i distinct values: percentiles are the nearest-rank bucket midpoints',
    (distinct) => {
      // exactLimit 0: every sample goes to the histogram; values 3% apart fall in distinct buckets
      const r = new LatencyRecorder(0);
      const samples: number[] = [];
      for (let i = 0; i < distinct * 3; i++) samples.push(10 * 1.03 ** (i % distinct));
      for (const x of samples) r.add(x);
      expect(r.exact).toBe(false);
      for (const p of [0.01, 0.5, 0.9, 0.99]) expect(r.quantile(p)).toBeCloseTo(expected(samples, p), 6);
    },
  );

  test('merging sparse and dense recorders gives what one recorder of all samples gives', () => {
    const rng = new Rng('sparse-merge');
    const all = new LatencyRecorder(0);
    const merged = new LatencyRecorder(0);
    for (const n of [3, 20, 500]) {
      const part = new LatencyRecorder(0);
      for (let i = 0; i < n; i++) {
        const x = 10 ** (1 + 2 * rng.next());
        part.add(x);
        all.add(x);
      }
      merged.merge(part);
    }
    expect(merged.quantiles([0.5, 0.9, 0.99])).toEqual(all.quantiles([0.5, 0.9, 0.99]));
    expect(merged.count).toBe(all.count);
  });
});
