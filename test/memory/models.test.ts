/** Duration-vs-memory models, by hand. */
import { getProvider } from '../../src/providers/registry.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeDurationModel, parseDurationCurve, runTimeFactor } from '../../src/memory/model.js';
import { parseMeasuredPointsCsv } from '../../src/memory/points-csv.js';
import {
  decodeVisualizationUrl,
  parsePowerTuning,
  powerTuningPick,
  powerTuningPrice,
} from '../../src/memory/power-tuning.js';
import type { DurationModelSpec } from '../../src/memory/types.js';
import { cpuShare } from '../sweep/fixture.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? 'no code';
  }
  return 'no error';
};

describe('CPU share (Lambda: one vCPU at 1,769 MB, up to 6)', () => {
  test('single-threaded, fully CPU-bound: run time halves as memory doubles, then stops at 1,769 MB', () => {
    const m = cpuShare(1, 128);
    expect(runTimeFactor(m, 128, 'x86_64').factor).toBe(1);
    expect(runTimeFactor(m, 256, 'x86_64').factor).toBe(0.5); // 128 / 256
    expect(runTimeFactor(m, 1024, 'x86_64').factor).toBe(0.125); // 128 / 1024
    expect(runTimeFactor(m, 1769, 'x86_64').factor).toBeCloseTo(128 / 1769, 15); // 0.07236
    // above 1,769 MB one thread cannot use more than one vCPU
    expect(runTimeFactor(m, 3008, 'x86_64').factor).toBe(runTimeFactor(m, 1769, 'x86_64').factor);
    expect(runTimeFactor(m, 10240, 'x86_64').factor).toBe(runTimeFactor(m, 1769, 'x86_64').factor);
  });

  test('parallelism caps the usable vCPUs: 2 threads stop at 3,538 MB, 8 threads at the 6-vCPU maximum', () => {
    const two = cpuShare(1, 1769, 2);
    expect(runTimeFactor(two, 3538, 'x86_64').factor).toBe(0.5); // 1769 / 3538
    expect(runTimeFactor(two, 10240, 'x86_64').factor).toBe(0.5); // still 2 vCPUs usable
    const eight = cpuShare(1, 1769, 8);
    // 6 vCPUs reached at 6 × 1769 = 10,614 MB > 10,240: at 10,240 MB 10240/1769 = 5.79 vCPUs
    expect(runTimeFactor(eight, 10240, 'x86_64').factor).toBeCloseTo(1769 / 10240, 15);
  });

  test('the I/O part does not scale: 60% CPU-bound measured at 1,024 MB', () => {
    const m = cpuShare(0.6, 1024);
    // 512 MB: 0.6 × 1024/512 + 0.4 = 1.6
    expect(runTimeFactor(m, 512, 'x86_64').factor).toBeCloseTo(1.6, 15);
    // 2,048 MB: one thread is capped at 1,769 MB: 0.6 × 1024/1769 + 0.4 = 0.747315…
    expect(runTimeFactor(m, 2048, 'x86_64').factor).toBeCloseTo(0.6 * (1024 / 1769) + 0.4, 15);
    expect(runTimeFactor(m, 2048, 'x86_64').factor).toBeCloseTo(0.747315, 6);
  });

  test('arm speed factor: arm64 run time = x86_64 run time / factor', () => {
    const m: DurationModelSpec = { ...cpuShare(0, 512), armSpeedFactor: 1.25 };
    expect(runTimeFactor(m, 512, 'arm64').factor).toBe(0.8); // 1 / 1.25
    expect(runTimeFactor({ ...m, measuredArch: 'arm64' }, 512, 'x86_64').factor).toBe(1.25);
    expect(runTimeFactor({ ...m, measuredArch: 'arm64' }, 512, 'arm64').factor).toBe(1);
  });

  test('needs the measured memory; refuses sizes outside 128..10,240 MB', () => {
    expect(code(() => runTimeFactor({ ...cpuShare(1, 128), measuredAtMb: null }, 256, 'x86_64'))).toBe(
      'NO_MEASURED_MEMORY',
    );
    expect(code(() => runTimeFactor(cpuShare(1, 128), 64, 'x86_64'))).toBe('EXTRAPOLATION');
  });
});

describe('measured points (CSV)', () => {
  const csv =
    'memory_mb,duration_ms,p90_ms,p99_ms\n256,520,600,900\n128,1000,1100,1500\n512,270,,\n1024,160,170,200\n2048,150,160,190\n';
  const points = parseMeasuredPointsCsv(csv, 'points.csv');
  const model = (measuredAtMb: number, extrapolate = false): DurationModelSpec => ({
    curve: { kind: 'measured', from: 'csv', file: 'points.csv', points },
    measuredAtMb,
    measuredArch: 'x86_64',
    armSpeedFactor: 1,
    extrapolate,
  });

  test('rows are read, sorted by memory, tails kept where given', () => {
    expect(points.map((p) => p.memoryMb)).toEqual([128, 256, 512, 1024, 2048]);
    expect(points[0]).toEqual({ memoryMb: 128, durationMs: 1000, p90Ms: 1100, p99Ms: 1500 });
    expect(points[2]).toEqual({ memoryMb: 512, durationMs: 270 });
  });

  test('the report lists the points with their tails, and the sizes the model is valid for', () => {
    const d = describeDurationModel(model(256));
    expect(d.parameters).toContainEqual([
      'points',
      '128 MB 1000 ms (p90 1100, p99 1500), 256 MB 520 ms (p90 600, p99 900), 512 MB 270 ms, 1024 MB 160 ms (p90 170, p99 200), 2048 MB 150 ms (p90 160, p99 190)',
    ]);
    expect([d.validFromMb, d.validToMb]).toEqual([128, 2048]);
  });

  test('at measured sizes the factor is the ratio of the points exactly', () => {
    expect(runTimeFactor(model(256), 1024, 'x86_64').factor).toBe(160 / 520);
    expect(runTimeFactor(model(128), 128, 'x86_64').factor).toBe(1);
  });

  test('interpolation is monotone between points and exact for a power law (log-log)', () => {
    let prev = Infinity;
    for (let mb = 128; mb <= 2048; mb += 8) {
      const f = runTimeFactor(model(128), mb, 'x86_64').factor;
      expect(f).toBeLessThanOrEqual(prev + 1e-12);
      prev = f;
    }
    // two points on 1/memory: 128 MB 800 ms, 512 MB 200 ms → 256 MB is 400 ms
    const law = parseMeasuredPointsCsv('memory_mb,duration_ms\n128,800\n512,200\n', 'law.csv');
    const m: DurationModelSpec = {
      ...model(128),
      curve: { kind: 'measured', from: 'csv', file: 'law.csv', points: law },
    };
    expect(runTimeFactor(m, 256, 'x86_64').factor * 800).toBeCloseTo(400, 9);
  });

  test('sizes outside the points are refused, unless --extrapolate, then marked', () => {
    expect(code(() => runTimeFactor(model(128), 3008, 'x86_64'))).toBe('EXTRAPOLATION');
    expect(code(() => runTimeFactor(model(4096), 1024, 'x86_64'))).toBe('EXTRAPOLATION');
    const r = runTimeFactor(model(2048, true), 4096, 'x86_64');
    expect(r.extrapolated).toBe(true);
    // last segment 1024 → 2048: slope ln(150/160)/ln 2 = −0.0931; at 4096: 2^−0.0931 = 0.9375
    expect(r.factor).toBeCloseTo(150 / 160, 12);
    // a segment steeper than 1/memory is held to −1: 128 MB 1000 → 256 MB 400 (slope −1.32),
    // so 512 MB is 400 × (256/512) = 200, not 400 × 2^−1.32
    const steep = parseMeasuredPointsCsv('memory_mb,duration_ms\n128,1000\n256,400\n', 's.csv');
    const s: DurationModelSpec = {
      ...model(256, true),
      curve: { kind: 'measured', from: 'csv', file: 's.csv', points: steep },
    };
    expect(runTimeFactor(s, 512, 'x86_64').factor).toBeCloseTo(0.5, 12);
  });

  test('bad files are refused with the line and column', () => {
    const bad = (text: string): string => code(() => parseMeasuredPointsCsv(text, 'x.csv'));
    expect(bad('memory,duration_ms\n128,10\n')).toBe('BAD_POINTS');
    expect(bad('memory_mb,duration_ms\n128,-1\n')).toBe('BAD_POINTS');
    expect(bad('memory_mb,duration_ms\n128,10\n128,12\n')).toBe('BAD_POINTS');
    expect(bad('memory_mb,duration_ms,p90_ms,p99_ms\n128,10,20,15\n')).toBe('BAD_POINTS');
    expect(() => parseMeasuredPointsCsv('memory_mb,duration_ms\n128,10\n256,abc\n', 'x.csv')).toThrow(
      'x.csv:3: column 2 (duration_ms): "abc" is not a positive number',
    );
  });
});

describe('model settings', () => {
  const lambdaCpu = getProvider('aws-lambda').load(defaultPricingDir()).cpuAllocation;
  const ctx = {
    provider: 'aws-lambda',
    cpuAllocation: () => lambdaCpu,
    baseDir: '/',
    origin: '--duration-model',
  };
  test('cpu-share text: fraction as a number or a percentage, optional parallelism', () => {
    const c = parseDurationCurve('cpu-share:80%:2', ctx);
    expect(c.kind === 'cpu-share' && [c.cpuFraction, c.parallelism, c.mbPerVcpu, c.maxVcpus]).toEqual([
      0.8, 2, 1769, 6,
    ]);
    expect(code(() => parseDurationCurve('cpu-share:1.5', ctx))).toBe('BAD_DURATION_MODEL');
    expect(code(() => parseDurationCurve('cpu-share', ctx))).toBe('BAD_DURATION_MODEL');
    expect(code(() => parseDurationCurve('fast', ctx))).toBe('BAD_DURATION_MODEL');
    expect(
      code(() =>
        parseDurationCurve('cpu-share:1', { ...ctx, provider: 'elsewhere', cpuAllocation: () => undefined }),
      ),
    ).toBe('BAD_DURATION_MODEL');
  });

  test('files are read relative to the base folder; one point is not a curve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faasim-model-'));
    writeFileSync(join(dir, 'p.csv'), 'memory_mb,duration_ms\n128,100\n1024,20\n');
    writeFileSync(join(dir, 'one.csv'), 'memory_mb,duration_ms\n128,100\n');
    const c = parseDurationCurve('measured:p.csv', { ...ctx, baseDir: dir });
    expect(c.kind === 'measured' && c.points.length).toBe(2);
    expect(code(() => parseDurationCurve('measured:one.csv', { ...ctx, baseDir: dir }))).toBe(
      'BAD_DURATION_MODEL',
    );
    expect(code(() => parseDurationCurve('measured:missing.csv', { ...ctx, baseDir: dir }))).toBe(
      'FILE_NOT_READABLE',
    );
  });
});

describe('AWS Lambda Power Tuning output', () => {
  test("visualization URL: the test vector of Power Tuning's own utils test", () => {
    // Power Tuning test/unit/test-utils.js: stats {power 1, duration 2, cost 3}, {2, 2, 2}, {3, 1, 2}
    // encode to sizes "AQACAAMA" (Int16 1,2,3), times "AAAAQAAAAEAAAIA/" (Float32 2,2,1),
    // costs "AABAQAAAAEAAAABA" (Float32 3,2,2)
    const r = decodeVisualizationUrl(
      'https://lambda-power-tuning.show/#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA',
    );
    expect(r.points).toEqual([
      { memoryMb: 1, durationMs: 2, costPerInvocation: 3 },
      { memoryMb: 2, durationMs: 2, costPerInvocation: 2 },
      { memoryMb: 3, durationMs: 1, costPerInvocation: 2 },
    ]);
    expect(r.currency).toBe('USD');
    expect(
      decodeVisualizationUrl(
        'https://lambda-power-tuning.show/?currency=CNY#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA',
      ).currency,
    ).toBe('CNY');
    expect(code(() => decodeVisualizationUrl('https://lambda-power-tuning.show/#AQACAAMA;AAAAQAAA'))).toBe(
      'BAD_POWER_TUNING',
    );
  });

  test('result JSON: stats first (empty results dropped, as its analyzer does), else the URL', () => {
    const json = JSON.stringify({
      results: {
        power: '512',
        cost: 4.2e-7,
        duration: 150.2,
        stateMachine: {
          visualization: 'https://lambda-power-tuning.show/#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA',
        },
        stats: [
          { value: 256, averagePrice: 6.3e-7, averageDuration: 300.1 },
          { value: 128, averagePrice: 1.26e-6, averageDuration: 600.4 },
          { value: 1024, averagePrice: 0, averageDuration: 0 },
          { value: 512, averagePrice: 4.2e-7, averageDuration: 150.2 },
        ],
      },
    });
    const r = parsePowerTuning(json, 'pt.json');
    expect(r.from).toBe('stats');
    expect(r.points.map((p) => [p.memoryMb, p.durationMs])).toEqual([
      [128, 600.4],
      [256, 300.1],
      [512, 150.2],
    ]);
    const noStats = parsePowerTuning(
      JSON.stringify({
        power: 2,
        stateMachine: {
          visualization: 'https://lambda-power-tuning.show/#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA',
        },
      }),
      'pt.json',
    );
    expect(noStats.from).toBe('visualization');
    expect(code(() => parsePowerTuning('{"power": 128}', 'pt.json'))).toBe('BAD_POWER_TUNING');
  });

  test('its price: ceil(ms) × per-ms price at 128 MB × MB/128', () => {
    // ceil(12.3) = 13 ms × 2.1e-9 × 1024/128 = 13 × 2.1e-9 × 8 = 2.184e-7
    expect(powerTuningPrice(12.3, 1024, 2.1e-9)).toBeCloseTo(2.184e-7, 20);
  });

  test('its strategies and tie-breaks', () => {
    const s = [
      { value: 128, averagePrice: 3, averageDuration: 40 },
      { value: 256, averagePrice: 2, averageDuration: 30 },
      { value: 512, averagePrice: 2, averageDuration: 20 },
      { value: 1024, averagePrice: 4, averageDuration: 10 },
      { value: 2048, averagePrice: 8, averageDuration: 10 },
    ];
    expect(powerTuningPick(s, 'cost').value).toBe(512); // 256 and 512 cost 2; 512 is faster
    expect(powerTuningPick(s, 'speed').value).toBe(1024); // 1024 and 2048 take 10; 1024 is cheaper
    // balanced w = 0.5, maxCost 8, maxDuration 40:
    // 128: 0.5·3/8 + 0.5·40/40 = 0.6875; 256: 0.125 + 0.375 = 0.5; 512: 0.125 + 0.25 = 0.375;
    // 1024: 0.25 + 0.125 = 0.375; 2048: 0.5 + 0.125 = 0.625 → 512 and 1024 tie; the first listed wins
    expect(powerTuningPick(s, 'balanced', 0.5).value).toBe(512);
    // w = 0.2: 512: 0.2·2/8 + 0.8·20/40 = 0.45; 1024: 0.2·4/8 + 0.8·10/40 = 0.3 → 1024
    expect(powerTuningPick(s, 'balanced', 0.2).value).toBe(1024);
    // weights are clamped to [0, 1]: 7 acts as 1 (cost only)
    expect(powerTuningPick(s, 'balanced', 7).value).toBe(256);
  });
});
