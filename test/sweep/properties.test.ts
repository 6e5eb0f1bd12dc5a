/**
 * Properties of sweeps on a fixed duration model: the cheapest point's cost is not above any other's;
 * the Pareto front holds the cheapest and the fastest points and no point on it is dominated. Costs
 * are compared as the sweep compares them: equal within a billionth (float noise, see analyze.ts).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cheapest, compareCost, fastest, markPareto } from '../../src/sweep/analyze.js';
import { gridPoints } from '../../src/sweep/grid.js';
import { sweepTraceSerial } from '../../src/sweep/index.js';
import type { PointOutcome } from '../../src/sweep/types.js';
import { baseConfig, cpuShare, makeTrace } from './fixture.js';

const dominates = (q: PointOutcome, p: PointOutcome): boolean => {
  const c = compareCost(q.monthlyUsd, p.monthlyUsd);
  return c <= 0 && q.latency.p99Ms <= p.latency.p99Ms && (c < 0 || q.latency.p99Ms < p.latency.p99Ms);
};

function checkFront(points: PointOutcome[], cheapIndex: number, fastIndex: number): void {
  const low = cheapest(points)!.monthlyUsd;
  for (const p of points) expect(compareCost(low, p.monthlyUsd)).toBeLessThanOrEqual(0);
  const front = points.filter((p) => p.pareto);
  expect(front.map((p) => p.index)).toContain(cheapIndex);
  expect(front.map((p) => p.index)).toContain(fastIndex);
  for (const p of front) for (const q of points) expect(dominates(q, p)).toBe(false);
  for (const p of points.filter((x) => !x.pareto)) expect(points.some((q) => dominates(q, p))).toBe(true);
}

describe('sweep properties', () => {
  test('on simulated sweeps with random traces and CPU-share models', () => {
    const sizes = [128, 256, 384, 512, 768, 1024, 1536, 1769, 2048, 3008, 4096, 10240];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 900_000 }), fc.double({ min: 1, max: 5000, noNaN: true })),
          { minLength: 1, maxLength: 25 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(1, 2, 4),
        fc.subarray(sizes, { minLength: 1 }),
        fc.constantFrom(0, 120),
        fc.integer({ min: 1, max: 1000 }),
        (gaps, cpuFraction, parallelism, memory, initMs, seed) => {
          let t = 0;
          const rows = gaps.map(([gap, run]) => ({ t: (t += gap), run }));
          const cfg = baseConfig(
            { durationModel: cpuShare(cpuFraction, 1024, parallelism), seed, spanMs: t + 1 },
            initMs,
          );
          const r = sweepTraceSerial(makeTrace(rows), gridPoints(cfg, { memoryMb: memory }));
          const pick = (k: string) => r.recommendations.find((x) => x.kind === k)!.index!;
          checkFront(r.points, pick('cheapest'), pick('fastest'));
          expect(r.points.map((p) => p.memoryMb)).toEqual([...memory].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('on arbitrary (cost, p99) points, ties included', () => {
    const pt = fc.record({ cost: fc.integer({ min: 0, max: 6 }), p99: fc.integer({ min: 1, max: 6 }) });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 12 }), (xs) => {
        const points = xs.map(
          (x, index) =>
            ({
              index,
              monthlyUsd: x.cost,
              latency: { p99Ms: x.p99 },
              feasible: true,
            }) as unknown as PointOutcome,
        );
        markPareto(points);
        checkFront(points, cheapest(points)!.index, fastest(points)!.index);
      }),
      { numRuns: 500 },
    );
  });

  test('infeasible points are never on the front, and the front of the feasible ones is as if they were alone', () => {
    const pt = fc.record({
      cost: fc.integer({ min: 0, max: 6 }),
      p99: fc.integer({ min: 1, max: 6 }),
      feasible: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 12 }), (xs) => {
        const points = xs.map(
          (x, index) =>
            ({
              index,
              monthlyUsd: x.cost,
              latency: { p99Ms: x.p99 },
              feasible: x.feasible,
            }) as unknown as PointOutcome,
        );
        markPareto(points);
        for (const p of points) if (!p.feasible) expect(p.pareto).toBe(false);
        const alone = points.filter((p) => p.feasible).map((p) => ({ ...p }));
        markPareto(alone);
        expect(alone.map((p) => p.pareto)).toEqual(points.filter((p) => p.feasible).map((p) => p.pareto));
        if (alone.length > 0) checkFront(alone, cheapest(alone)!.index, fastest(alone)!.index);
      }),
      { numRuns: 500, seed: 12 },
    );
  });
});
