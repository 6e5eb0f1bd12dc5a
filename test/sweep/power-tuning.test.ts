/**
 * Agreement with AWS Lambda Power Tuning where its assumptions hold: no request charge, no INIT, no
 * tiers, no cold starts, the trace's run time scaled by Power Tuning's own measured points. Then
 * faasim's cost per invocation equals Power Tuning's formula, ceil(ms) × 2.1e-9 × MB/128, and its
 * cheapest / fastest / balanced picks are Power Tuning's cost / speed / balanced picks.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  parsePowerTuning,
  powerTuningPick,
  powerTuningPrice,
  type PowerTuningStat,
} from '../../src/memory/power-tuning.js';
import type { DurationModelSpec } from '../../src/memory/types.js';
import { gridPoints } from '../../src/sweep/grid.js';
import { sweepTraceSerial } from '../../src/sweep/index.js';
import type { SweepReport } from '../../src/sweep/types.js';
import { baseConfig, makeTrace } from './fixture.js';

/**
 * A Power Tuning result (includeOutputResults: true) for powerValues 128..3008. averagePrice is its
 * formula ceil(averageDuration) × 2.1e-9 × MB/128:
 *   128: 1,211 × 2.1e-9 × 1    = 2.5431e-6     256: 604 × 2.1e-9 × 2 = 2.5368e-6
 *   512:   301 × 2.1e-9 × 4    = 2.5284e-6    1024: 159 × 2.1e-9 × 8 = 2.6712e-6
 *  1536:   122 × 2.1e-9 × 12   = 3.0744e-6    3008: 118 × 2.1e-9 × 23.5 = 5.8233e-6
 */
const RESULT = {
  results: {
    power: '512',
    cost: 2.5284e-6,
    duration: 300.62,
    stateMachine: {
      executionCost: 0.00045,
      lambdaCost: 0.0002,
      visualization: 'https://lambda-power-tuning.show/#…',
    },
    stats: [
      { value: 128, averagePrice: 2.5431e-6, averageDuration: 1210.37 },
      { value: 256, averagePrice: 2.5368e-6, averageDuration: 603.81 },
      { value: 512, averagePrice: 2.5284e-6, averageDuration: 300.62 },
      { value: 1024, averagePrice: 2.6712e-6, averageDuration: 158.44 },
      { value: 1536, averagePrice: 3.0744e-6, averageDuration: 121.09 },
      { value: 3008, averagePrice: 5.8233e-6, averageDuration: 117.35 },
    ],
  },
};
const SIZES = RESULT.results.stats.map((s) => s.value);

/** The project's price sheet with Power Tuning's assumptions: no request charge, one flat tier at its price. */
function powerTuningPricing(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faasim-pt-'));
  const sheet = JSON.parse(readFileSync(new URL('../../pricing/aws-lambda.json', import.meta.url), 'utf8'));
  const x86 = sheet.regions['us-east-1'].architectures.x86_64;
  x86.requestPerMillion.value = 0;
  // 2.1e-9 USD per ms at 128 MB = 2.1e-9 × 1000 ms × (1024 / 128) = 1.68e-5 USD per GB-s
  x86.durationTiers = [{ uptoGbS: null, price: { ...x86.durationTiers[0].price, value: 1.68e-5 } }];
  writeFileSync(join(dir, 'aws-lambda.json'), JSON.stringify(sheet));
  copyFileSync(
    new URL('../../pricing/aws-lambda-init.json', import.meta.url),
    join(dir, 'aws-lambda-init.json'),
  );
  return dir;
}

describe('agreement with Power Tuning', () => {
  const pt = parsePowerTuning(JSON.stringify(RESULT), 'power-tuning.json');
  const model: DurationModelSpec = {
    curve: { kind: 'measured', from: 'power-tuning', file: 'power-tuning.json', points: pt.points },
    measuredAtMb: 128,
    measuredArch: 'x86_64',
    armSpeedFactor: 1,
    extrapolate: false,
  };
  // 30 requests 2 s apart, each 1,210.37 ms at 128 MB (the measured memory); instances never expire
  // and INIT is 0 ms, so the one cold start costs and adds nothing: cold starts are removed.
  const trace = makeTrace(Array.from({ length: 30 }, (_, k) => ({ t: k * 2000, run: 1210.37 })));
  const config = baseConfig({
    durationModel: model,
    keepAlive: { kind: 'forever' },
    initBilling: 'before-2025-08-01',
  });
  const run = (criteria = {}): SweepReport =>
    sweepTraceSerial(trace, gridPoints(config, { memoryMb: SIZES }), {
      pricingDir: powerTuningPricing(),
      criteria,
    });
  const report = run();
  const stats: PowerTuningStat[] = RESULT.results.stats;

  test("faasim's cost per invocation is Power Tuning's formula at every size", () => {
    for (const s of stats) {
      const p = report.points.find((x) => x.memoryMb === s.value)!;
      const perInvocation = p.usdPerMillionRequests / 1e6;
      const theirs = powerTuningPrice(s.averageDuration, s.value, 2.1e-9);
      expect(Math.abs(perInvocation - theirs) / theirs).toBeLessThan(1e-12);
      expect(theirs).toBeCloseTo(s.averagePrice, 16);
      expect(p.latency.p99Ms).toBeCloseTo(s.averageDuration, 9);
    }
  });

  test('cheapest = its cost strategy (512 MB), fastest = its speed strategy (3,008 MB)', () => {
    const pick = (kind: string) =>
      report.points.find((p) => p.index === report.recommendations.find((r) => r.kind === kind)!.index)!
        .memoryMb;
    expect(pick('cheapest')).toBe(powerTuningPick(stats, 'cost').value);
    expect(pick('cheapest')).toBe(512);
    expect(pick('fastest')).toBe(powerTuningPick(stats, 'speed').value);
    expect(pick('fastest')).toBe(3008);
  });

  test('balanced with the mean as time = its balanced strategy, at every weight', () => {
    // w = 0.5, maxCost 5.8233e-6, maxDuration 1,210.37: 512: 0.21710 + 0.12418 = 0.34128;
    // 1024: 0.22936 + 0.06545 = 0.29481 (lowest); 1536: 0.26398 + 0.05002 = 0.31400 → 1,024 MB
    expect(powerTuningPick(stats, 'balanced', 0.5).value).toBe(1024);
    for (const w of [0, 0.2, 0.5, 0.8, 1]) {
      const r = run({ balancedWeight: w, balancedMetric: 'mean' });
      const b = r.points.find(
        (p) => p.index === r.recommendations.find((x) => x.kind === 'balanced')!.index,
      )!;
      expect([w, b.memoryMb]).toEqual([w, powerTuningPick(stats, 'balanced', w).value]);
    }
  });

  test("the report's Power Tuning view picks the same sizes from the simulated points", () => {
    const view = Object.fromEntries(
      report.powerTuning.map((v) => [v.strategy, report.points.find((p) => p.index === v.index)!.memoryMb]),
    );
    expect(view).toEqual({ cost: 512, speed: 3008, balanced: 1024 });
  });
});
