/**
 * Measured tails: with typical, p90 and p99 run times at every size, a request is scaled by its
 * place among them rather than by one factor, so a tail that does not shrink with memory stays.
 */
import { describe, expect, test } from 'vitest';
import { runTimeFactor, runTimeMapOf } from '../../src/memory/model.js';
import { parseMeasuredPointsCsv } from '../../src/memory/points-csv.js';
import type { DurationModelSpec } from '../../src/memory/types.js';
import { mapRunTime } from '../../src/model/run-time-map.js';
import { simulateTrace } from '../../src/simulate.js';
import { config, traceOf } from '../helpers/trace.js';

// 512 MB: typical 100, p90 200, p99 400 ms; 1,024 MB: the body halves (50, 150) but the slowest
// requests wait on something memory does not speed up (p99 stays 400).
const POINTS = parseMeasuredPointsCsv(
  'memory_mb,duration_ms,p90_ms,p99_ms\n512,100,200,400\n1024,50,150,400\n',
  'tails.csv',
);
const model = (points = POINTS): DurationModelSpec => ({
  curve: { kind: 'measured', from: 'csv', file: 'tails.csv', points },
  measuredAtMb: 512,
  measuredArch: 'x86_64',
  armSpeedFactor: 1,
  extrapolate: false,
});

describe('the run-time map at 1,024 MB, measured at 512 MB', () => {
  const { map } = runTimeMapOf(model(), 1024, 'x86_64');

  test('anchors are the measured series at each size', () => {
    expect(map).toEqual({ fromMs: [100, 200, 400], toMs: [50, 150, 400] });
  });

  test('each run time by hand', () => {
    const m = map!;
    expect(mapRunTime(m, 60)).toBe(30); // below typical: × 50/100
    expect(mapRunTime(m, 100)).toBe(50);
    expect(mapRunTime(m, 150)).toBe(100); // 50 + (150 − 100) × (150 − 50)/(200 − 100)
    expect(mapRunTime(m, 200)).toBe(150);
    expect(mapRunTime(m, 300)).toBe(275); // 150 + (300 − 200) × (400 − 150)/(400 − 200)
    expect(mapRunTime(m, 400)).toBe(400);
    expect(mapRunTime(m, 800)).toBe(800); // above p99: × 400/400
    // the single factor would have halved them all
    expect(runTimeFactor(model(), 1024, 'x86_64').factor).toBe(0.5);
  });

  test('a size without p90/p99 means one factor for all; tails that do not increase are not used', () => {
    const partial = parseMeasuredPointsCsv(
      'memory_mb,duration_ms,p90_ms,p99_ms\n512,100,200,400\n1024,50,,\n',
      'p.csv',
    );
    expect(runTimeMapOf(model(partial), 1024, 'x86_64')).toEqual({ map: null, note: null });
    const flat = parseMeasuredPointsCsv(
      'memory_mb,duration_ms,p90_ms,p99_ms\n512,100,200,400\n1024,50,50,400\n',
      'f.csv',
    );
    expect(runTimeMapOf(model(flat), 1024, 'x86_64').note).toMatch(
      /not above the typical run time at 512 or 1024 MB/,
    );
  });
});

test('simulated at 1,024 MB, requests keep their place: latencies 30, 100, 275, 800 ms', () => {
  // One request at a time, warm after the first (INIT 0), run times 60, 150, 300, 800 ms at 512 MB.
  const trace = traceOf([60, 150, 300, 800].map((run, i) => ({ t: i * 10_000, run })));
  const r = simulateTrace(
    trace,
    config({ memoryMb: 1024, init: { kind: 'constant', ms: 0 }, durationModel: model() }),
  );
  expect(r.outcomes.latency.all.maxMs).toBe(800);
  expect(r.outcomes.latency.all.meanMs).toBeCloseTo((30 + 100 + 275 + 800) / 4, 9);
  expect(r.config.duration).toMatch(
    /by its place among the measured typical, p90 and p99 run times: 100 \/ 200 \/ 400 ms → 50 \/ 150 \/ 400 ms/,
  );
});
