/**
 * Hand-computed sweeps on small traces. Unless a test says otherwise: AWS Lambda x86_64 us-east-1
 * ($0.20 per million requests, $0.0000166667 per GB-s in the first tier), INIT a constant 0 ms (cold
 * starts cost nothing and add no latency), ten requests one hour apart, so the span is 9 h and a
 * 30-day month is 720 h / 9 h = 80 spans: 800 requests a month, $0.00016 of request charges.
 */
import { describe, expect, test } from 'vitest';
import { gridPoints } from '../../src/sweep/grid.js';
import { sweepTraceSerial } from '../../src/sweep/index.js';
import type { SweepReport } from '../../src/sweep/types.js';
import { baseConfig, cpuShare, HOUR, makeTrace } from './fixture.js';

const GBS = 0.0000166667;
const REQUESTS_MONTHLY_USD = 800 * 0.2e-6; // $0.00016
const SIZES = [128, 256, 512, 1024, 1769, 3008];
const hourly = (run: number) => makeTrace(Array.from({ length: 10 }, (_, k) => ({ t: k * HOUR, run })));
const at = (r: SweepReport, mb: number) => r.points.find((p) => p.memoryMb === mb)!;
const pick = (r: SweepReport, kind: string) =>
  r.points.find((p) => p.index === r.recommendations.find((x) => x.kind === kind)!.index)!.memoryMb;

describe('a purely CPU-bound, single-threaded function', () => {
  // 28,304 ms at 128 MB (= 1,769 × 16, so every size below gives whole milliseconds):
  //   256 MB 14,152 ms; 512 MB 7,076; 1,024 MB 3,538; 1,769 MB 28,304 × 128/1769 = 2,048 ms;
  //   3,008 MB still 2,048 ms (one thread uses at most one vCPU).
  // Billed GB-ms per request: 28,304 × 128/1024 = 3,538 = 14,152 × 0.25 = 7,076 × 0.5 = 3,538 × 1
  //   = 2,048 × 1769/1024 = 3,538 at every size up to 1,769 MB; 2,048 × 3008/1024 = 6,016 at 3,008 MB.
  const report = sweepTraceSerial(
    hourly(28_304),
    gridPoints(baseConfig({ durationModel: cpuShare(1, 128) }), { memoryMb: SIZES }),
  );

  test('costs the same per request at every size up to 1,769 MB and more above it', () => {
    // 10 × 3.538 GB-s × 80 = 2,830.4 GB-s a month × $0.0000166667 = $0.047173…, + $0.00016 requests
    const same = 2830.4 * GBS + REQUESTS_MONTHLY_USD;
    for (const mb of [128, 256, 512, 1024, 1769]) {
      expect(at(report, mb).monthlyUsd).toBe(at(report, 128).monthlyUsd);
      expect(at(report, mb).monthlyUsd).toBeCloseTo(same, 12);
    }
    // 3,008 MB: 10 × 6.016 × 80 = 4,812.8 GB-s → $0.080213…, + $0.00016
    expect(at(report, 3008).monthlyUsd).toBeCloseTo(4812.8 * GBS + REQUESTS_MONTHLY_USD, 12);
    // per million requests: $0.0473334 / 800 × 1e6 = $59.17
    expect(at(report, 1024).usdPerMillionRequests).toBeCloseTo(
      ((2830.4 * GBS + REQUESTS_MONTHLY_USD) / 800) * 1e6,
      9,
    );
  });

  test('run time halves as memory doubles, then stops falling at 1,769 MB', () => {
    expect(SIZES.map((mb) => Math.round(at(report, mb).latency.p99Ms))).toEqual([
      28_304, 14_152, 7_076, 3_538, 2_048, 2_048,
    ]);
  });

  test('among the cheapest sizes the fastest is 1,769 MB: cheapest and fastest both pick it, alone on the front', () => {
    expect(pick(report, 'cheapest')).toBe(1769);
    expect(pick(report, 'fastest')).toBe(1769); // 3,008 MB ties at p99 2,048 ms but costs more
    expect(report.points.filter((p) => p.pareto).map((p) => p.memoryMb)).toEqual([1769]);
    expect(report.recommendations[0]!.reason).toContain(
      '4 others cost the same, this one is the fastest of them',
    );
  });
});

describe('an I/O-bound function (run time does not depend on memory)', () => {
  // 200 ms at every size: GB-s per request 0.2 × MB/1024; 128 MB: 0.025 → × 800 = 20 GB-s a month
  const report = sweepTraceSerial(
    hourly(200),
    gridPoints(baseConfig({ durationModel: cpuShare(0, 1024) }), { memoryMb: SIZES }),
  );

  test('its cheapest size is the smallest; every size is as fast, so the fastest is the cheapest too', () => {
    expect(pick(report, 'cheapest')).toBe(128);
    expect(pick(report, 'fastest')).toBe(128);
    expect(at(report, 128).monthlyUsd).toBeCloseTo(20 * GBS + REQUESTS_MONTHLY_USD, 12); // $0.000333 + $0.00016
  });

  test('the request charge is the same at every size: it never moves the cheapest, but it shrinks the gaps', () => {
    // duration only, 3,008 MB costs 3008/128 = 23.5 × as much as 128 MB;
    // with the request charge: (470 GB-s × $0.0000166667 + $0.00016) / (20 GB-s × … + $0.00016)
    //   = $0.0079933 / $0.00049333 = 16.20 ×
    expect(at(report, 3008).cost.duration / at(report, 128).cost.duration).toBeCloseTo(23.5, 9);
    expect(at(report, 3008).monthlyUsd / at(report, 128).monthlyUsd).toBeCloseTo(
      (470 * GBS + REQUESTS_MONTHLY_USD) / (20 * GBS + REQUESTS_MONTHLY_USD),
      9,
    );
    expect(at(report, 3008).monthlyUsd / at(report, 128).monthlyUsd).toBeCloseTo(16.2, 1);
  });
});

describe('INIT shifts the answer for the CPU-bound function', () => {
  // Same function, INIT a constant 100 ms that does not scale with memory. Requests are an hour apart
  // and instances live 5–7 min, so all ten are cold, each billed ceil(100 + run):
  //   GB-ms per request = 3,538 + 100 × MB/1024: 128 → 3,550.5; 256 → 3,563; 512 → 3,588;
  //   1,024 → 3,638; 1,769 → 3,710.75; 3,008 → 6,016 + 293.75 = 6,309.75.
  const report = sweepTraceSerial(
    hourly(28_304),
    gridPoints(baseConfig({ durationModel: cpuShare(1, 128) }, 100), { memoryMb: SIZES }),
  );

  test('the tie is broken: INIT costs more at larger sizes, so 128 MB is now cheapest', () => {
    expect(pick(report, 'cheapest')).toBe(128);
    expect(at(report, 128).monthlyUsd).toBeCloseTo(10 * 3.5505 * 80 * GBS + REQUESTS_MONTHLY_USD, 12);
    expect(at(report, 1769).monthlyUsd).toBeCloseTo(10 * 3.71075390625 * 80 * GBS + REQUESTS_MONTHLY_USD, 12);
    expect(at(report, 128).cost.init).toBeCloseTo(10 * 0.0125 * 80 * GBS, 12); // 100 ms × 0.125 GB
  });

  test('1,769 MB stays fastest (p99 2,048 + 100 = 2,148 ms) and wins the balanced score', () => {
    expect(pick(report, 'fastest')).toBe(1769);
    expect(at(report, 1769).latency.p99Ms).toBeCloseTo(2148, 9);
    // per request USD: C = GB-ms/1000 × $0.0000166667 + $0.0000002; max at 3,008 MB = 1.05363e-4;
    // max p99 28,404 ms (128 MB). 0.5·C/Cmax + 0.5·p99/28,404:
    //   128: 0.28177 + 0.5 = 0.78177; 512: 0.28473 + 0.12632 = 0.41105; 1,024: 0.28869 + 0.06404 = 0.35273;
    //   1,769: 0.29444 + 0.03781 = 0.33225 (lowest); 3,008: 0.5 + 0.03781 = 0.53781
    expect(pick(report, 'balanced')).toBe(1769);
    // all sizes are on the front now: each step up costs more and is faster, except 3,008 MB
    expect(report.points.filter((p) => p.pareto).map((p) => p.memoryMb)).toEqual([128, 256, 512, 1024, 1769]);
  });

  test('a constraint picks the cheapest size that meets it, and says when none does', () => {
    const c = sweepTraceSerial(
      hourly(28_304),
      gridPoints(baseConfig({ durationModel: cpuShare(1, 128) }, 100), { memoryMb: SIZES }),
      { criteria: { maxP99Ms: 8000 } },
    );
    // p99 ≤ 8 s: 512 MB (7,176 ms) and up; the cheapest of those is 512 MB
    expect(pick(c, 'constrained')).toBe(512);
    const none = sweepTraceSerial(
      hourly(28_304),
      gridPoints(baseConfig({ durationModel: cpuShare(1, 128) }, 100), { memoryMb: SIZES }),
      { criteria: { maxColdStartRate: 0.01 } },
    );
    const k = none.recommendations.find((x) => x.kind === 'constrained')!;
    expect(k.index).toBeNull();
    expect(k.reason).toContain('no point meets cold-start rate ≤ 1.00%');
  });
});

describe('INIT by memory from the measured data, per point', () => {
  test('each point draws INIT from the closest measured memory (nodejs22.x zip x86_64: 128..1024 MB)', () => {
    const cfg = { ...baseConfig({ durationModel: cpuShare(0, 128) }), init: null };
    const r = sweepTraceSerial(
      makeTrace([
        { t: 0, run: 10 },
        { t: HOUR, run: 10 },
      ]),
      gridPoints(cfg, { memoryMb: [128, 1024, 3008] }),
    );
    expect(at(r, 128).init).toMatch(/^nodejs22\.x zip x86_64 at 128 MB/);
    expect(at(r, 1024).init).toMatch(/^nodejs22\.x zip x86_64 at 1024 MB/);
    expect(at(r, 3008).init).toMatch(/measured at 1024 MB \(closest to 3008 MB\)/);
  });
});

describe('architectures and other settings in one grid', () => {
  test('arm64 with a speed factor: 1.25 × faster and 20% cheaper per GB-s', () => {
    const cfg = baseConfig({ durationModel: { ...cpuShare(0, 1024), armSpeedFactor: 1.25 } });
    const r = sweepTraceSerial(
      hourly(1000),
      gridPoints(cfg, { memoryMb: [1024], arch: ['x86_64', 'arm64'] }),
    );
    const [x86, arm] = [r.points[0]!, r.points[1]!];
    expect([x86.arch, arm.arch]).toEqual(['x86_64', 'arm64']);
    expect(arm.latency.p99Ms).toBe(800); // 1000 / 1.25
    // arm64 GB-s $0.0000133334: 10 × 0.8 GB-s × 80 = 640 GB-s → $0.0085334 (+ requests)
    expect(arm.monthlyUsd).toBeCloseTo(640 * 0.0000133334 + REQUESTS_MONTHLY_USD, 12);
    expect(x86.monthlyUsd).toBeCloseTo(800 * GBS + REQUESTS_MONTHLY_USD, 12);
  });

  test('a keep-alive list multiplies the grid; points are sorted by memory', () => {
    const r = sweepTraceSerial(
      makeTrace([
        { t: 0, run: 100 },
        { t: 6 * 60_000, run: 100 },
      ]),
      gridPoints(baseConfig({ durationModel: cpuShare(0, 128) }), {
        keepAlive: [
          { kind: 'fixed', ms: 300_000 },
          { kind: 'fixed', ms: 600_000 },
        ],
        memoryMb: [256, 128],
      }),
    );
    expect(r.grid.size).toBe(4);
    expect(r.points.map((p) => [p.memoryMb, p.settings['keep-alive']])).toEqual([
      [128, '5 min'],
      [128, '10 min'],
      [256, '5 min'],
      [256, '10 min'],
    ]);
    // 6 min apart: a 5-min keep-alive makes both cold, a 10-min one only the first
    expect(r.points.map((p) => p.coldStartRate)).toEqual([1, 0.5, 1, 0.5]);
  });
});
