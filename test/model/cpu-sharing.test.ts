/**
 * Processor sharing (PlatformSpec.cpuSharing, src/model/cpu-sharing.ts): with n requests in flight on
 * an instance of c vCPUs, the CPU-bound fraction f of a request's run progresses at min(1, c / n) and
 * the request as a whole at 1 / (f / s + 1 − f). Unless a test says otherwise: one provisioned
 * instance (ready at the start, so no INIT), as many requests at once as arrive.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cpuFractionOf, cpuShare, shareRate } from '../../src/model/cpu-sharing.js';
import { INV, NullObserver } from '../../src/model/observer.js';
import { Rng } from '../../src/util/rng.js';
import { type Req, runModel } from '../helpers/model.js';

/** Each request's end time and real run time, in completion order, and its response time. */
class Ends extends NullObserver {
  readonly endMs: number[] = [];
  readonly runMs: number[] = [];
  responseSumMs = 0;
  responses = 0;
  flagsSeen = 0;
  /** requests whose run alone is under 50 ms: their run alone and their response time, summed */
  shortAloneMs = 0;
  shortResponseMs = 0;
  readonly #aloneByArrival = new Map<number, number>();
  override onInvocation(
    _fn: number,
    flags: number,
    arrivalMs: number,
    _startMs: number,
    _initMs: number,
    runMs: number,
  ): void {
    this.flagsSeen |= flags;
    this.#aloneByArrival.set(arrivalMs, runMs);
  }
  override onSharedRunEnd(
    _fn: number,
    _flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
  ): void {
    this.runMs.push(runMs);
    const responseMs = startMs - arrivalMs + initMs + runMs;
    this.responseSumMs += responseMs;
    this.responses++;
    const alone = this.#aloneByArrival.get(arrivalMs) as number;
    this.#aloneByArrival.delete(arrivalMs);
    if (alone < 50) {
      this.shortAloneMs += alone;
      this.shortResponseMs += responseMs;
    }
  }
  override onInvocationEnd(_fn: number, _flags: number, timeMs: number): void {
    this.endMs.push(timeMs);
  }
}

function run(reqs: Req[], vcpus: number, fraction: number): Ends {
  const ends = new Ends();
  runModel(reqs, {
    platform: { perInstanceConcurrency: 1_000_000, limitCounts: 'alive-instances', cpuSharing: { fraction } },
    fn: { provisioned: 1, instanceVcpus: vcpus },
    observers: [ends],
  });
  return ends;
}

describe('the share rule', () => {
  test('share and rate: n ≤ c runs at full speed; f = 1 at share s is rate s; f = 0 is never slowed', () => {
    expect(cpuShare(2, 2)).toBe(1);
    expect(cpuShare(2, 4)).toBe(0.5);
    // below one vCPU a request alone already runs at the instance's speed: 2 requests halve it
    expect(cpuShare(0.5, 2)).toBe(0.5);
    expect(shareRate(1, 0.25)).toBe(0.25);
    expect(shareRate(0, 0.25)).toBe(1);
    // f = 0.5 at s = 0.5: 0.5 / 0.5 + 0.5 = 1.5 ms per ms of run → rate 2/3
    expect(shareRate(0.5, 0.5)).toBeCloseTo(2 / 3, 15);
  });

  test("a request's fraction: cpu_ms over its run time where the trace has it, else the setting", () => {
    expect(cpuFractionOf(30, 120, 0.9)).toBe(0.25);
    expect(cpuFractionOf(500, 120, 0)).toBe(1);
    expect(cpuFractionOf(Number.NaN, 120, 0.4)).toBe(0.4);
  });
});

describe('processor sharing on one 1-vCPU instance, f = 1', () => {
  test('two 100 ms requests arriving together each get half the CPU: both end at 200 ms', () => {
    const e = run(
      [
        { t: 0, run: 100 },
        { t: 0, run: 100 },
      ],
      1,
      1,
    );
    expect(e.endMs).toEqual([200, 200]);
    expect(e.runMs).toEqual([200, 200]);
  });

  test('the second arriving at 50 ms: the first ends at 150 ms, the second at 200 ms', () => {
    // 0–50: A alone, 50 ms of its 100 done. 50–150: A and B at half speed each: A's 50 ms left take
    // 100 ms (ends at 150), B does 50 of its 100. 150–200: B alone finishes its last 50 ms.
    const e = run(
      [
        { t: 0, run: 100 },
        { t: 50, run: 100 },
      ],
      1,
      1,
    );
    expect(e.endMs).toEqual([150, 200]);
    expect(e.runMs).toEqual([150, 150]);
  });

  test('f = 0.5: the request is stretched by its CPU part only', () => {
    // together from 0 at s = 1/2: rate 1 / (0.5 / 0.5 + 0.5) = 2/3, so 100 ms of run take 150 ms
    const e = run(
      [
        { t: 0, run: 100 },
        { t: 0, run: 100 },
      ],
      1,
      0.5,
    );
    expect(e.endMs).toEqual([150, 150]);
  });

  test('two vCPUs serve two requests at full speed; a third slows all three to 2/3', () => {
    expect(
      run(
        [
          { t: 0, run: 100 },
          { t: 0, run: 100 },
        ],
        2,
        1,
      ).endMs,
    ).toEqual([100, 100]);
    // three at s = 2/3: 100 / (2/3) = 150 ms each
    const three = run(
      [
        { t: 0, run: 100 },
        { t: 0, run: 100 },
        { t: 0, run: 100 },
      ],
      2,
      1,
    ).endMs;
    for (const t of three) expect(t).toBeCloseTo(150, 9);
  });

  test('f = 0 everywhere: run times as given, the requests flagged as sharing', () => {
    const e = run(
      [
        { t: 0, run: 100 },
        { t: 0, run: 100 },
      ],
      1,
      0,
    );
    expect(e.endMs).toEqual([100, 100]);
    expect(e.flagsSeen & INV.cpuShared).toBe(INV.cpuShared);
  });
});

describe('properties', () => {
  test('requests arriving together on 1 vCPU, f = 1: the CPU never idles and shorter ones end first', () => {
    // work-conserving: the last ends at the sum of the runs; processor sharing: the k-th shortest
    // ends at Σ_{i<k} r_(i) + (n − k + 1) r_(k) (all share until each of the shorter ones is done)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }), (runs) => {
        const e = run(
          runs.map((r) => ({ t: 0, run: r })),
          1,
          1,
        );
        const sorted = [...runs].sort((a, b) => a - b);
        const expected = sorted.map(
          (r, k) => sorted.slice(0, k).reduce((a, b) => a + b, 0) + (runs.length - k) * r,
        );
        expect(e.endMs.length).toBe(runs.length);
        e.endMs.forEach((t, k) => expect(t).toBeCloseTo(expected[k] as number, 6));
      }),
      { numRuns: 200 },
    );
  });
});

describe('M/M/1-PS: mean response time E[S] / (1 − ρ)', () => {
  // Poisson arrivals at rate λ, exponential run times of mean E[S] = 100 ms, one 1-vCPU instance that
  // takes every request (unbounded concurrency), f = 1: the M/M/1 processor-sharing queue, whose mean
  // response time is E[S] / (1 − ρ) with ρ = λ E[S] (Kleinrock, Queueing Systems vol. 2, §4.4).
  // 400,000 requests from a fixed seed; the sample mean lands within 3 % of it. FCFS has the same
  // mean, so the test also checks what only sharing gives: E[T | S = x] = x / (1 − ρ), a short
  // request is stretched by 1 / (1 − ρ) however long the others are (requests under 50 ms, summed).
  const meanRunMs = 100;
  function meanResponse(rho: number, seed: string): { meanMs: number; shortStretch: number } {
    const rng = new Rng(seed);
    const lambdaPerMs = rho / meanRunMs;
    const reqs: Req[] = [];
    let t = 0;
    for (let i = 0; i < 400_000; i++) {
      t += rng.exponential(lambdaPerMs);
      reqs.push({ t, run: rng.exponential(1 / meanRunMs) });
    }
    const e = run(reqs, 1, 1);
    expect(e.responses).toBe(reqs.length);
    return { meanMs: e.responseSumMs / e.responses, shortStretch: e.shortResponseMs / e.shortAloneMs };
  }

  test('ρ = 0.5: 100 / 0.5 = 200 ms', () => {
    const m = meanResponse(0.5, 'ps-0.5');
    expect(Math.abs(m.meanMs / 200 - 1)).toBeLessThan(0.03);
    expect(Math.abs(m.shortStretch / 2 - 1)).toBeLessThan(0.03);
  });

  test('ρ = 0.8: 100 / 0.2 = 500 ms', () => {
    const m = meanResponse(0.8, 'ps-0.8');
    expect(Math.abs(m.meanMs / 500 - 1)).toBeLessThan(0.03);
    expect(Math.abs(m.shortStretch / 5 - 1)).toBeLessThan(0.03);
  });
});
