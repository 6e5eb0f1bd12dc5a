// bench/simfaas.ts: the interval it prints, the trace it gives faasim, and its skip line.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKLOAD, simfaasMissing, welch, writeWorkloadTrace } from '../../bench/simfaas.js';

describe('bench/simfaas', () => {
  it('welch: means and the 95 % interval of their difference, by hand', () => {
    // a: mean 2, variance 1, s²/n = 1/3; b: mean 4, variance 4, s²/n = 4/3; se² = 5/3
    // dof = (5/3)² / ((1/3)²/2 + (4/3)²/2) = (25/9) / (17/18) = 50/17 = 2.94 → 2, t(0.975, 2) = 4.3027
    const r = welch([1, 2, 3], [2, 4, 6]);
    const half = 4.3027 * Math.sqrt(5 / 3);
    expect(r.a).toBe(2);
    expect(r.b).toBe(4);
    expect(r.low).toBeCloseTo(-2 - half, 10);
    expect(r.high).toBeCloseTo(-2 + half, 10);
  });

  it('the trace: 10 Poisson streams at 0.9/s, warm Exp(2.016 s), INIT + run Exp(2.163 s)', async () => {
    const spanS = 5_000;
    const file = join(tmpdir(), 'simfaas.csv');
    const rows = await writeWorkloadTrace(file, spanS);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,function,duration_ms,init_ms');
    expect(lines.length - 1).toBe(rows);
    // 10 × 0.9/s × 5,000 s = 45,000 expected; Poisson: within 3σ = 3 × √45,000 ≈ 636
    expect(Math.abs(rows - 45_000)).toBeLessThan(636);
    const fns = new Set<string>();
    let last = 0;
    let run = 0;
    let cold = 0;
    let noInit = 0;
    let coldAboveMedian = 0;
    // an exponential's median is its mean × ln 2
    const coldMedianMs = WORKLOAD.coldMeanS * 1000 * Math.LN2;
    for (const line of lines.slice(1)) {
      const [t, fn, d, i] = line.split(',').map((x, k) => (k === 1 ? x : Number(x))) as [
        number,
        string,
        number,
        number,
      ];
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      fns.add(fn);
      run += d;
      cold += d + i;
      if (i === 0) noInit++;
      if (d + i > coldMedianMs) coldAboveMedian++;
    }
    expect(last).toBeLessThan(spanS * 1000);
    expect(fns.size).toBe(10);
    // means within 3 standard errors: an exponential's sd is its mean, so 3 × mean / √n (≈ 1.4 %)
    const se = 3 / Math.sqrt(rows);
    expect(Math.abs(run / rows / 2016 - 1)).toBeLessThan(se);
    expect(Math.abs(cold / rows / 2163 - 1)).toBeLessThan(se);
    // no extra INIT with probability p = 2.016 / 2.163 = 0.93204; within 3σ = 3 × √(p(1 − p) / n) ≈ 0.0036
    const p = 2.016 / 2.163;
    expect(Math.abs(noInit / rows - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / rows));
    // half the cold times above the exponential's median (a shifted or non-exponential sum is not)
    expect(Math.abs(coldAboveMedian / rows - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / rows));
  });

  it('says why it skips', () => {
    expect(simfaasMissing(undefined)).toMatch(/^SIMFAAS_DIR is not set/);
    expect(simfaasMissing(join(tmpdir(), 'no-such-checkout'))).toMatch(/cannot import simfaas from/);
  });
});
