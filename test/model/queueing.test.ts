/**
 * Closed forms from queueing theory on long seeded Poisson traces. Tolerances are about four
 * standard errors of the estimate, stated per test.
 */
import { describe, expect, test } from 'vitest';
import { simulateTrace } from '../../src/simulate.js';
import { Rng } from '../../src/util/rng.js';
import { config, traceOf, type Row } from '../helpers/trace.js';

/** Poisson arrivals at `ratePerMs`, run times from `run()`. */
function poisson(n: number, ratePerMs: number, seed: string, run: (rng: Rng) => number): Row[] {
  const rng = new Rng(seed);
  const rows: Row[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    rows.push({ t, run: run(rng) });
    t += rng.exponential(ratePerMs);
  }
  return rows;
}

/** Erlang-B blocking probability for c servers and offered load a, by the stable recursion. */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

describe('P(cold) = e^(−λK) with service times much shorter than the gaps', () => {
  // With one instance reused by every request, a request is cold when the gap since the previous
  // request's end exceeds the keep-alive K; for Poisson arrivals P(gap > K) = e^(−λK). Service
  // (1 ms run, 1 ms INIT) against gaps of a minute shifts this by ~λ·2 ms ≈ 3e-5: negligible.
  const n = 100_000;
  for (const lambdaK of [0.5, 1, 2]) {
    test(`λK = ${lambdaK}: cold-start rate e^(−${lambdaK}) = ${Math.exp(-lambdaK).toFixed(4)} ± 0.006`, () => {
      const rate = 1 / 60_000; // one request a minute
      const K = lambdaK / rate;
      const trace = traceOf(poisson(n, rate, `pcold-${lambdaK}`, () => 1));
      const r = simulateTrace(
        trace,
        config({ keepAlive: { kind: 'fixed', ms: K }, init: { kind: 'constant', ms: 1 } }),
      );
      // standard error sqrt(p(1−p)/n) ≤ 0.0016; tolerance 0.006
      expect(Math.abs(r.outcomes.coldStartRate - Math.exp(-lambdaK))).toBeLessThan(0.006);
    });
  }
});

describe('Erlang-B: throttling of sync requests under a concurrency cap with no expiry', () => {
  // Instances never expire and INIT is 0, so the platform is an M/G/c/c loss system with c = the
  // concurrency limit: a request is throttled exactly when c requests are in flight. Erlang's loss
  // formula does not depend on the service-time distribution (here exponential, mean 1 s).
  test('c = 10, offered load a = λ/μ = 7: throttle rate → B(10, 7) ≈ 0.0787 ± 0.005; carried load a(1 − B)', () => {
    const c = 10;
    const a = 7;
    const rate = a / 1000; // 7 per second, mean service 1,000 ms
    const trace = traceOf(poisson(300_000, rate, 'erlang', (rng) => rng.exponential(1 / 1000)));
    const r = simulateTrace(
      trace,
      config({ concurrencyLimit: c, keepAlive: { kind: 'forever' }, init: { kind: 'constant', ms: 0 } }),
    );
    const b = erlangB(c, a);
    expect(b).toBeCloseTo(0.07874, 4);
    const throttleRate = r.outcomes.throttledSync / r.outcomes.requests;
    // successive blockings are correlated; 0.005 is about four times the i.i.d. standard error
    expect(Math.abs(throttleRate - b)).toBeLessThan(0.005);
    // Little's law: mean requests in flight = λ × E[S] × (1 − B)
    expect(Math.abs(r.outcomes.meanConcurrency - a * (1 - b)) / (a * (1 - b))).toBeLessThan(0.02);
    expect(r.outcomes.peakConcurrency).toBe(c);
  });

  test('c = 3, a = 1: B(3, 1) = 1/16 = 0.0625 ± 0.005', () => {
    expect(erlangB(3, 1)).toBeCloseTo(0.0625, 10);
    const trace = traceOf(poisson(200_000, 1 / 500, 'erlang-3', (rng) => rng.exponential(1 / 500)));
    const r = simulateTrace(
      trace,
      config({ concurrencyLimit: 3, keepAlive: { kind: 'forever' }, init: { kind: 'constant', ms: 0 } }),
    );
    expect(Math.abs(r.outcomes.throttledSync / r.outcomes.requests - 0.0625)).toBeLessThan(0.005);
  });
});

describe('keep-alive that never expires', () => {
  test('cold starts equal the peak concurrency (an instance is created only when all are busy)', () => {
    const trace = traceOf(poisson(50_000, 5 / 1000, 'peak', (rng) => rng.exponential(1 / 800)));
    const r = simulateTrace(
      trace,
      config({ keepAlive: { kind: 'forever' }, init: { kind: 'constant', ms: 120 } }),
    );
    expect(r.outcomes.coldStarts).toBe(r.outcomes.peakConcurrency);
    expect(r.outcomes.servedCold).toBe(r.outcomes.coldStarts);
  });
});
