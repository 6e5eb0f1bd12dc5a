/** TimelineObserver: per-bucket counts and peaks, worked by hand; merging keeps memory bounded. */
import { describe, expect, test } from 'vitest';
import { INV, type PlatformObserver } from '../../src/model/observer.js';
import { TimelineObserver } from '../../src/metrics/timeline.js';
import { simulateFile } from '../../src/simulate.js';
import { settingsFromFlags } from '../../src/cli/settings.js';

const MIN = 60_000;

describe('TimelineObserver', () => {
  test('counts and peaks per one-minute bucket', () => {
    // typed as the observer interface too, so the calls are checked against the platform's full signatures
    const t: TimelineObserver & PlatformObserver = new TimelineObserver();
    t.onInstanceStart(0, 1, -5, 0, true); // provisioned, before the window: a level, no bucket
    t.onWindowStart(0);
    t.onInvocation(0, INV.cold, 10_000, 10_000, 300, 1000, NaN, NaN, 2); // minute 0, cold
    t.onInstanceStart(0, 2, 10_000, 300, false);
    t.onInvocationEnd(0, INV.cold, 11_300);
    t.onInvocation(0, 0, 20_000, 20_000, 0, 1000, NaN, NaN, 1);
    t.onInvocationEnd(0, 0, 21_000);
    t.onThrottle(0, 0, 2.5 * MIN, 0, false); // minute 2: a sync 429
    t.onThrottle(0, INV.async, 2.5 * MIN, 0, true); // an async retry: not a new request
    t.onInvocation(0, INV.ping, 3.2 * MIN, 3.2 * MIN, 0, 25, NaN, NaN, 1); // a ping: concurrency only
    t.onInvocationEnd(0, INV.ping, 3.2 * MIN + 25);
    t.onAsyncDropped(0, 4.5 * MIN, 4 * MIN); // arrived at 0.5 min
    t.onInstanceStop(0, 2, 3.5 * MIN, false);
    t.onWindowEnd(4.5 * MIN);
    const tl = t.timeline('2024-01-01T00:00:00.000Z');
    expect(tl.bucketMs).toBe(MIN);
    expect(tl.startEpochMs).toBe(Date.parse('2024-01-01T00:00:00.000Z'));
    expect(tl.requests).toEqual([3, 0, 1, 0, 0]);
    expect(tl.coldStarts).toEqual([1, 0, 0, 0, 0]);
    expect(tl.throttles).toEqual([0, 0, 1, 0, 0]);
    // one request in flight at a time in minute 0; the ping in minute 3
    expect(tl.peakConcurrency).toEqual([1, 0, 0, 1, 0]);
    // one provisioned from before the window, a second from 10 s until 3.5 min
    expect(tl.peakInstances).toEqual([2, 2, 2, 2, 1]);
  });

  test('a long window merges adjacent buckets: counts add, peaks take the larger, never more than the cap', () => {
    const t: TimelineObserver & PlatformObserver = new TimelineObserver(4);
    t.onWindowStart(0);
    for (let m = 0; m < 10; m++) {
      t.onInvocation(0, 0, m * MIN, m * MIN, 0, 1, NaN, NaN, 1);
      if (m === 3) t.onInvocation(0, 0, m * MIN, m * MIN, 0, 1, NaN, NaN, 1);
      t.onInvocationEnd(0, 0, m * MIN + 1);
      if (m === 3) t.onInvocationEnd(0, 0, m * MIN + 1);
    }
    t.onWindowEnd(10 * MIN);
    const tl = t.timeline(null);
    // 11 minutes (0..10) need 4-minute buckets to fit in 4: [0,4) [4,8) [8,12)
    expect(tl.bucketMs).toBe(4 * MIN);
    expect(tl.startEpochMs).toBeNull();
    expect(tl.requests).toEqual([5, 4, 2]);
    expect(tl.peakConcurrency).toEqual([2, 1, 1]);
  });

  test('over the example trace: the buckets add up to the outcomes', async () => {
    const run = settingsFromFlags(undefined, { scenario: 'scenarios/example-pings.json' });
    const obs = new TimelineObserver();
    const r = await simulateFile(run.traceFile, run.read, run.config, {
      observers: [obs],
      readMode: 'in-process',
    });
    const tl = obs.timeline(r.trace.firstIso);
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
    expect(sum(tl.requests)).toBe(r.outcomes.requests);
    expect(sum(tl.coldStarts)).toBe(r.outcomes.servedCold);
    expect(sum(tl.throttles)).toBe(r.outcomes.throttledSync);
    expect(Math.max(...tl.peakConcurrency)).toBe(r.outcomes.peakConcurrency);
    expect(Math.max(...tl.peakInstances)).toBe(r.outcomes.peakInstances);
    expect(tl.requests.length).toBe(Math.floor(r.trace.spanMs / MIN) + 1);
  });
});
