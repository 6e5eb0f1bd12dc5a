/**
 * MetricsCollector keeps a function's counters in a record of one typed array, made when the
 * function is first seen (issue 12 §3). Worked by hand: a function first seen at index 3 (so 0..2
 * get empty records too), one cold request, its instance alive 0..1000 ms in a 2000 ms window.
 */
import { describe, expect, test } from 'vitest';
import { MetricsCollector } from '../../src/metrics/metrics.js';
import { INV, type PlatformObserver } from '../../src/model/observer.js';

function oneColdRequest(): MetricsCollector & PlatformObserver {
  const m: MetricsCollector & PlatformObserver = new MetricsCollector(() => 1024);
  m.onWindowStart(0);
  m.onInstanceStart(3, 0, 0, 100, false);
  m.onInvocation(3, INV.cold, 0, 0, 100, 200, NaN, NaN, 0);
  m.onInstanceBusy(3, 0, 0, false);
  m.onInvocationEnd(3, INV.cold, 300);
  m.onInstanceIdle(3, 0, 300, false);
  m.onInstanceStop(3, 0, 1000, false);
  m.onWindowEnd(2000);
  return m;
}

describe('MetricsCollector records', () => {
  test('a function first seen at index 3: records for 0..3, its own figures worked by hand', () => {
    const m = oneColdRequest();
    expect(m.functionCount).toBe(4);
    // busy = run 200 + its own INIT 100; alive 0..1000 ms
    expect(m.usage(3)).toEqual({ requests: 1, pings: 0, instanceStarts: 1, busyMs: 300, aliveMs: 1000 });
    expect(m.usage(0)).toEqual({ requests: 0, pings: 0, instanceStarts: 0, busyMs: 0, aliveMs: 0 });
    expect(m.usage(9)).toEqual({ requests: 0, pings: 0, instanceStarts: 0, busyMs: 0, aliveMs: 0 });
    const s = m.stats(3);
    expect(s.requests).toBe(1);
    expect(s.servedCold).toBe(1);
    expect(s.coldStarts).toBe(1);
    expect(s.peakConcurrency).toBe(1);
    expect(s.peakInstances).toBe(1);
    // in flight 0..300 ms of 2000: 0.15; alive 1000 of 2000: 0.5
    expect(s.meanConcurrency).toBeCloseTo(0.15, 12);
    expect(s.meanInstancesAlive).toBeCloseTo(0.5, 12);
    // idle on-demand 300..1000 ms at 1 GB = 0.7 GB-s
    expect(s.idleInstanceGbS).toBeCloseTo(0.7, 12);
    // latency = queued 0 + INIT 100 + run 200
    expect(s.latency.cold.count).toBe(1);
    expect(s.latency.cold.p50Ms).toBe(300);
    expect(s.latency.warm.count).toBe(0);
  });

  test('all functions together equal the one that ran; empty ones add nothing', () => {
    const m = oneColdRequest();
    const all = m.stats();
    expect(all.requests).toBe(1);
    expect(all.meanInstancesAlive).toBeCloseTo(0.5, 12);
    expect(all.idleInstanceGbS).toBeCloseTo(0.7, 12);
    expect(all.latency.all.count).toBe(1);
    expect(m.stats(1).requests).toBe(0);
    expect(m.latencyExact).toBe(true);
    expect(m.queueStats()).toMatchObject({ servedAfterWait: 0, rejectedAfterWait: 0 });
  });

  test('100,000 functions each with one request: every record its own', () => {
    const m: MetricsCollector & PlatformObserver = new MetricsCollector(() => 128);
    m.onWindowStart(0);
    const n = 100_000;
    for (let fn = 0; fn < n; fn++) {
      m.onInvocation(fn, 0, fn, fn, 0, fn % 7, NaN, NaN, 0);
      m.onInvocationEnd(fn, 0, fn + (fn % 7));
    }
    m.onWindowEnd(n + 10);
    expect(m.functionCount).toBe(n);
    // busy = run time fn mod 7: 0..6 in turn, 14,285 full rounds (sum 21 each) and a last 0..4 (sum 10)
    let busy = 0;
    for (let fn = 0; fn < n; fn++) busy += m.usage(fn).busyMs;
    expect(busy).toBe(14_285 * 21 + 10);
    expect(m.usage(99_999).busyMs).toBe(99_999 % 7);
    expect(m.stats().requests).toBe(n);
  });
});
